/// Secrets a rule masked earlier in the stream, searched for as literals in the rest of it
/// (SPEC §3: "a secret found once is a known value for the rest of the session"), so that
/// `export TOKEN=…` followed by `echo $TOKEN`, or `'S' | 'S'`, masks both.
///
/// Bounded: at most `maxValues` values of `minimumLength`…`maximumLength` bytes each and
/// `maxFormBytes` of forms; once full, newer values are not learned (forgetting old ones
/// would unmask their repeats). Values live only here, in memory; they are never written.
/// A value counts only after the place it was learned, so output does not depend on how
/// the stream was split into reads.
///
/// The forms are found with a bitmap of their first three bytes, one look per input byte
/// (a PCRE2 alternation of hundreds of literals tries each one at every position).
struct LearnedValues {
    static let maxValues = 4096
    static let minimumLength = 8
    static let maximumLength = 512
    static let maxFormBytes = 1024 * 1024

    private struct Form {
        let bytes: [UInt8]
        /// The rule that masked the value: its replacement stands for the repeats too.
        let rule: Int
        /// Stream offset from which occurrences count (the end of the learned occurrence).
        let from: Int
    }

    private var values: Set<[UInt8]> = []
    private var forms: [Form] = []
    private var formBytes = 0
    /// Bit `slot` is set when some form's first three bytes hash to it.
    private var bitmap = [UInt64](repeating: 0, count: (1 << LearnedValues.slotBits) / 64)
    /// Form indices by slot, for the slots in use.
    private var bySlot: [Int: [Int]] = [:]
    /// Stream offset where the next search starts.
    var resume = 0
    /// Where an occurrence may start that the end of the input cut off.
    var hold: Int?

    var isEmpty: Bool { forms.isEmpty }

    /// Learns `value`, masked by `rule` and ending at stream offset `end`; a new value sends
    /// the search back to `end`.
    mutating func learn(_ value: ArraySlice<UInt8>, rule: Int, end: Int) {
        guard value.count >= LearnedValues.minimumLength, value.count <= LearnedValues.maximumLength,
              values.count < LearnedValues.maxValues, !value.contains(UInt8(ascii: "\n")) else { return }
        let bytes = Array(value)
        let newForms = LearnedValues.forms(of: bytes)
        let size = newForms.reduce(0) { $0 + $1.count }
        guard formBytes + size <= LearnedValues.maxFormBytes, values.insert(bytes).inserted else { return }
        formBytes += size
        for form in newForms {
            let slot = LearnedValues.slot(form[0], form[1], form[2])
            bitmap[slot >> 6] |= 1 << (UInt64(slot) & 63)
            bySlot[slot, default: []].append(forms.count)
            forms.append(Form(bytes: form, rule: rule, from: end))
        }
        resume = min(resume, end)
    }

    /// An occurrence found by `search`: its range in `text`, and the rule to mask it with.
    struct Occurrence {
        let range: Range<Int>
        let rule: Int
    }

    /// The occurrences in `text[from...]` (`base` is `text[0]`'s stream offset), longest form
    /// first where several start at one place. Unless `final`, an occurrence the end of
    /// `text` may have cut off stops the search: `hold` and `resume` are set there.
    mutating func search(_ text: [UInt8], from: Int, base: Int, final: Bool) -> [Occurrence] {
        hold = nil
        var found: [Occurrence] = []
        guard !forms.isEmpty else { resume = base + text.count; return found }
        var position = from
        let end = text.count
        text.withUnsafeBufferPointer { bytes in
            while position < end {
                if position + 3 <= end {
                    let slot = LearnedValues.slot(bytes[position], bytes[position + 1], bytes[position + 2])
                    guard bitmap[slot >> 6] & (1 << (UInt64(slot) & 63)) != 0 else { position += 1; continue }
                }
                var best: Form?
                var cutOff = false
                for index in candidates(at: position, in: bytes) {
                    let form = forms[index]
                    let available = min(form.bytes.count, end - position)
                    guard (0..<available).allSatisfy({ bytes[position + $0] == form.bytes[$0] }) else { continue }
                    if available < form.bytes.count {
                        cutOff = true
                    } else if form.from <= base + position, form.bytes.count > (best?.bytes.count ?? 0) {
                        best = form
                    }
                }
                if cutOff && !final {
                    hold = base + position
                    break
                }
                if let best {
                    found.append(Occurrence(range: position..<position + best.bytes.count, rule: best.rule))
                    position += best.bytes.count
                } else {
                    position += 1
                }
            }
        }
        resume = hold ?? base + end
        return found
    }

    /// The forms that may start at `position`: by their first three bytes, or all of them in
    /// the last two bytes of the text.
    private func candidates(at position: Int, in bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        if position + 3 <= bytes.count {
            return bySlot[LearnedValues.slot(bytes[position], bytes[position + 1], bytes[position + 2])] ?? []
        }
        return Array(forms.indices)
    }

    static let slotBits = 15

    static func slot(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
        (Int(a) << 10 ^ Int(b) << 5 ^ Int(c)) & ((1 << slotBits) - 1)
    }

    /// The forms a program prints a value in, as far as they are cheap to search for: raw,
    /// base64 (standard and URL-safe, at each offset), URL and JSON escaping.
    static func forms(of value: [UInt8]) -> [[UInt8]] {
        var forms: [[UInt8]] = [value]
        forms += LiteralValues.base64Forms(of: value)
        forms.append(LiteralValues.percentEncoded(value, spaceAsPlus: false))
        forms.append(LiteralValues.jsonEscaped(value, escapeSlash: false))
        var seen = Set<[UInt8]>()
        return forms.filter { $0.count >= minimumLength && seen.insert($0).inserted }
    }
}
