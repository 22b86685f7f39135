/// Secrets a rule masked earlier in the stream, searched for as literals in the rest of it
/// (SPEC §3: "a secret found once is a known value for the rest of the session"), so that
/// `export TOKEN=…` followed by `echo $TOKEN`, or `'S' | 'S'`, masks both.
///
/// Bounded: at most `maxValues` values of `minimumLength`…`maximumLength` bytes each; once
/// full, newer values are not learned (forgetting old ones would unmask their repeats).
/// Values live only here, in memory; they are never written out.
/// A value counts only after the place it was learned, so output does not depend on how
/// the stream was split into reads.
struct LearnedValues {
    static let maxValues = 128
    static let minimumLength = 8
    static let maximumLength = 512
    /// The forms' bytes together, which bounds memory and the alternation's size.
    static let maxFormBytes = 12 * 1024

    private struct Entry {
        let value: [UInt8]
        let forms: Set<[UInt8]>
        /// The rule that masked it: its replacement stands for the later occurrences too.
        let rule: Int
        /// Stream offset from which occurrences count (the end of the learned occurrence).
        let from: Int
    }

    private var entries: [Entry] = []
    private var formBytes = 0
    /// All entries' forms as one alternation; nil while nothing is learned.
    private(set) var regex: PCRE2Regex?
    /// Stream offset where the next search starts.
    var resume = 0
    /// Where a partial match starts, if the input ends inside one.
    var hold: Int?

    var isEmpty: Bool { entries.isEmpty }

    /// Learns `value`, masked by `rule` and ending at stream offset `end`; a new value sends
    /// the search back to `end`.
    mutating func learn(_ value: ArraySlice<UInt8>, rule: Int, end: Int) {
        guard value.count >= LearnedValues.minimumLength, value.count <= LearnedValues.maximumLength,
              !value.contains(UInt8(ascii: "\n")), !entries.contains(where: { $0.value.elementsEqual(value) })
        else { return }
        let bytes = Array(value)
        let forms = LearnedValues.forms(of: bytes)
        guard entries.count < LearnedValues.maxValues else { return }
        let size = forms.reduce(0) { $0 + $1.count }
        guard formBytes + size <= LearnedValues.maxFormBytes else { return }
        let candidate = entries + [Entry(value: bytes, forms: forms, rule: rule, from: end)]
        // Escaped literals compile unless the alternation outgrows PCRE2's pattern size.
        guard let compiled = try? PCRE2Regex(LiteralValues.pattern(for: Array(Set(candidate.flatMap(\.forms))))) else { return }
        entries = candidate
        formBytes += size
        regex = compiled
        resume = min(resume, end)
    }

    /// The rule whose replacement masks `bytes` found at stream offset `start`, or nil when
    /// no value with that form had been learned before `start`.
    func rule(for bytes: ArraySlice<UInt8>, at start: Int) -> Int? {
        let form = Array(bytes)
        return entries.last { $0.from <= start && $0.forms.contains(form) }?.rule
    }

    /// The forms a program prints a value in, as far as they are cheap to search for: raw,
    /// base64 (standard and URL-safe, at each offset), URL and JSON escaping.
    static func forms(of value: [UInt8]) -> Set<[UInt8]> {
        var forms: Set<[UInt8]> = [value]
        forms.formUnion(LiteralValues.base64Forms(of: value).filter { $0.count >= minimumLength })
        forms.insert(LiteralValues.percentEncoded(value, spaceAsPlus: false))
        forms.insert(LiteralValues.jsonEscaped(value, escapeSlash: false))
        return forms
    }
}
