import Foundation

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
/// The forms are found by one `LiteralFormIndex` (a look at every fourth byte, then the
/// starts it leaves by their first eight bytes), updated as each value is learned, so a
/// value masks its next occurrence, in the same read too.
struct LearnedValues {
    static let maxValues = 4096
    static let minimumLength = 8
    static let maximumLength = 2048
    static let maxFormBytes = 1024 * 1024

    private struct Form {
        let bytes: [UInt8]
        /// The rule that masked the value: its replacement stands for the repeats too.
        let rule: Int
        /// Stream offset from which occurrences count (the end of the learned occurrence).
        let from: Int
    }

    private var values: Set<[UInt8]> = []
    /// Values not admitted, so a repeated one costs a set look-up (bounded as `values`).
    private var refused: Set<[UInt8]> = []
    private var forms: [Form] = []
    private var formBytes = 0
    private var longestForm = 0
    /// Bit `slot` is set when some form's first three bytes hash to it (for a form the end of
    /// the text cuts off), and form indices by slot, for the slots in use.
    private var bitmap = [UInt64](repeating: 0, count: (1 << LearnedValues.slotBits) / 64)
    private var bySlot: [Int: [Int]] = [:]
    /// Every form, in the order learned (the index of a form is its index in `forms`).
    private var index = LiteralFormIndex()
    /// Stream offset where the next search starts.
    var resume = 0
    /// Where an occurrence may start that the end of the input cut off.
    var hold: Int?

    init() {}

    var isEmpty: Bool { forms.isEmpty }
    /// Whether half the bound on values or on their forms' bytes is used.
    var isHalfFull: Bool { values.count >= LearnedValues.maxValues / 2 || formBytes >= LearnedValues.maxFormBytes / 2 }

    /// Learns `value`, masked by `rule` and ending at stream offset `end`, if `admits` it
    /// (the stream passes `ValueShape.isLearnable`); a new value sends the search back to `end`.
    /// Returns whether the value is new and learned.
    @discardableResult
    mutating func learn(_ value: ArraySlice<UInt8>, rule: Int, end: Int, admits: (ArraySlice<UInt8>) -> Bool = { _ in true }) -> Bool {
        guard value.count >= LearnedValues.minimumLength, value.count <= LearnedValues.maximumLength,
              values.count < LearnedValues.maxValues, !value.contains(UInt8(ascii: "\n")) else { return false }
        let bytes = Array(value)
        // Every masked span comes here: a value seen before costs a set look-up, not its forms
        // nor its judgement.
        guard !values.contains(bytes), !refused.contains(bytes) else { return false }
        guard admits(value) else {
            if refused.count < LearnedValues.maxValues { refused.insert(bytes) }
            return false
        }
        let newForms = LearnedValues.forms(of: bytes)
        let size = newForms.reduce(0) { $0 + $1.count }
        guard formBytes + size <= LearnedValues.maxFormBytes, values.insert(bytes).inserted else { return false }
        formBytes += size
        for form in newForms {
            let slot = LearnedValues.slot(form[0], form[1], form[2])
            bitmap[slot >> 6] |= 1 << (UInt64(slot) & 63)
            bySlot[slot, default: []].append(forms.count)
            index.insert(form)
            forms.append(Form(bytes: form, rule: rule, from: end))
            longestForm = max(longestForm, form.count)
        }
        resume = min(resume, end)
        return true
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
        guard !forms.isEmpty else { resume = base + text.count; return [] }
        let end = text.count
        // Candidates: (start << 20 | form index) of whole forms, and the starts of forms the
        // end cut off (cut-off starts come first among equal starts).
        var whole: [Int] = []
        var cutOff: [Int] = []
        text.withUnsafeBufferPointer { bytes in
            index.forEachOccurrence(in: bytes, from: from) { start, form in whole.append(start << 20 | form) }
            // A form cut off by the end starts in its last bytes.
            for position in max(from, end - longestForm + 1)..<end {
                if position + 3 <= end {
                    let slot = LearnedValues.slot(bytes[position], bytes[position + 1], bytes[position + 2])
                    guard bitmap[slot >> 6] & (1 << (UInt64(slot) & 63)) != 0 else { continue }
                }
                let cut = candidates(at: position, in: bytes).contains { index in
                    let form = forms[index].bytes
                    return form.count > end - position && (0..<(end - position)).allSatisfy { bytes[position + $0] == form[$0] }
                }
                if cut { cutOff.append(position) }
            }
        }
        whole.sort()
        var found: [Occurrence] = []
        var position = from
        var next = 0, nextCut = 0
        while next < whole.count || nextCut < cutOff.count {
            let start = min(next < whole.count ? whole[next] >> 20 : Int.max, nextCut < cutOff.count ? cutOff[nextCut] : Int.max)
            var best: Form?
            while next < whole.count && whole[next] >> 20 == start {
                let form = forms[whole[next] & (1 << 20 - 1)]
                if form.from <= base + start, form.bytes.count > (best?.bytes.count ?? 0) { best = form }
                next += 1
            }
            let isCut = nextCut < cutOff.count && cutOff[nextCut] == start
            if isCut { nextCut += 1 }
            guard start >= position else { continue }
            if isCut && !final {
                hold = base + start
                break
            }
            if let best {
                found.append(Occurrence(range: start..<start + best.bytes.count, rule: best.rule))
                position = start + best.bytes.count
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
        // The value's own encoding whole, padding too: its last characters hold its last bits.
        forms.append(Array(Data(value).base64EncodedString().utf8))
        forms.append(LiteralValues.percentEncoded(value, spaceAsPlus: false))
        forms.append(LiteralValues.jsonEscaped(value, escapeSlash: false))
        var seen = Set<[UInt8]>()
        return forms.filter { $0.count >= minimumLength && seen.insert($0).inserted }
    }
}
