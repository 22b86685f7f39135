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
/// The forms are found by one Vectorscan literal database, rebuilt as values are learned;
/// forms learned since the last build are found with a bitmap of a hash of their first eight
/// bytes (every form has eight), one look per input byte (a PCRE2 alternation of hundreds of literals tries each one at
/// every position). The database is rebuilt once the bitmap has scanned enough text to pay
/// for the build (ski rental: Vectorscan takes some 30,000 instructions per byte of forms
/// to build, the bitmap some 20 per byte scanned): a few values learned early cost a few
/// small builds, a stream of new values no more than about twice what the bitmap would.
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
    /// The same by a hash of their first eight bytes, for whole forms: all of them, and those
    /// not in the database. Eight bytes tell apart forms that share a beginning (`10.0.`
    /// starts many learned addresses), so a look rarely finds a form to compare.
    private var wholeBitmap = [UInt64](repeating: 0, count: (1 << LearnedValues.wholeSlotBits) / 64)
    private var wholeBySlot: [Int: [Int]] = [:]
    private var pendingBitmap = [UInt64](repeating: 0, count: (1 << LearnedValues.wholeSlotBits) / 64)
    private var pendingBySlot: [Int: [Int]] = [:]
    /// The first `compiled` forms, in one database (nil before the first build, or where
    /// Vectorscan cannot run: then every form stays with the bitmap).
    private var database: VectorscanDatabase?
    private var scratch: VectorscanDatabase.Scratch?
    private var compiled = 0
    private var vectorscanWorks: Bool
    /// Bytes the bitmap has scanned for forms not in the database since the last build.
    private var pendingScanned = 0
    /// Stream offset where the next search starts.
    var resume = 0
    /// Where an occurrence may start that the end of the input cut off.
    var hold: Int?

    /// Bytes the bitmap scans before a build, when set (for tests); otherwise 1024 bytes
    /// per byte of forms, at least 1 MiB.
    private let scanBeforeBuild: Int?

    /// `useVectorscan: false` keeps every form with the bitmap (for tests).
    init(useVectorscan: Bool = true, scanBeforeBuild: Int? = nil) {
        vectorscanWorks = useVectorscan
        self.scanBeforeBuild = scanBeforeBuild
    }

    var isEmpty: Bool { forms.isEmpty }

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
            let whole = LearnedValues.wholeSlot(form)
            wholeBitmap[whole >> 6] |= 1 << (UInt64(whole) & 63)
            wholeBySlot[whole, default: []].append(forms.count)
            pendingBitmap[whole >> 6] |= 1 << (UInt64(whole) & 63)
            pendingBySlot[whole, default: []].append(forms.count)
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

    /// Builds the database of all forms once the bitmap has scanned about as many bytes as
    /// a build costs.
    private mutating func buildIfWorthIt() {
        let threshold = scanBeforeBuild ?? max(1 << 20, 1024 * formBytes)
        guard vectorscanWorks, compiled < forms.count, pendingScanned >= threshold else { return }
        guard let database = VectorscanDatabase(literals: forms.map { ($0.bytes, false) }),
              let scratch = VectorscanDatabase.Scratch(for: [database])
        else {
            vectorscanWorks = false
            return
        }
        self.database = database
        self.scratch = scratch
        compiled = forms.count
        pendingScanned = 0
        pendingBitmap = [UInt64](repeating: 0, count: pendingBitmap.count)
        pendingBySlot = [:]
    }

    /// The occurrences in `text[from...]` (`base` is `text[0]`'s stream offset), longest form
    /// first where several start at one place. Unless `final`, an occurrence the end of
    /// `text` may have cut off stops the search: `hold` and `resume` are set there.
    mutating func search(_ text: [UInt8], from: Int, base: Int, final: Bool) -> [Occurrence] {
        hold = nil
        guard !forms.isEmpty else { resume = base + text.count; return [] }
        buildIfWorthIt()
        let end = text.count
        // Candidates: (start << 20 | form index) of whole forms, and the starts of forms the
        // end cut off (cut-off starts come first among equal starts).
        var whole: [Int] = []
        var cutOff: [Int] = []
        text.withUnsafeBufferPointer { bytes in
            if let database, let scratch, from < end {
                if database.scan(UnsafeBufferPointer(rebasing: bytes[from..<end]), scratch: scratch) {
                    for match in scratch.matches {
                        let index = Int(match >> 40)
                        whole.append((from + Int(match & (1 << 40 - 1)) - forms[index].bytes.count) << 20 | index)
                    }
                } else {
                    // Search them all with the bitmap this time.
                    scanWithBitmap(bytes, from: from, bitmap: wholeBitmap, bySlot: wholeBySlot, into: &whole)
                }
            }
            if database == nil || compiled < forms.count {
                let (map, slots) = database == nil ? (wholeBitmap, wholeBySlot) : (pendingBitmap, pendingBySlot)
                scanWithBitmap(bytes, from: from, bitmap: map, bySlot: slots, into: &whole)
                pendingScanned += end - from
            }
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

    /// Appends `start << 20 | form` for every whole form of `bySlot` found in `bytes[from...]`.
    private func scanWithBitmap(
        _ bytes: UnsafeBufferPointer<UInt8>, from: Int, bitmap: [UInt64], bySlot: [Int: [Int]], into whole: inout [Int]
    ) {
        let end = bytes.count
        guard end - from >= LearnedValues.minimumLength, let base = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        bitmap.withUnsafeBufferPointer { bitmap in
            for position in from...(end - LearnedValues.minimumLength) {
                let slot = LearnedValues.wholeSlot(raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
                guard bitmap[slot >> 6] & (1 << (UInt64(slot) & 63)) != 0 else { continue }
                for index in bySlot[slot] ?? [] {
                    let form = forms[index].bytes
                    guard form.count <= end - position,
                          (0..<form.count).allSatisfy({ bytes[position + $0] == form[$0] }) else { continue }
                    whole.append(position << 20 | index)
                }
            }
        }
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
    static let wholeSlotBits = 16

    /// A form's first eight bytes (`minimumLength`), as one word, hashed into `wholeSlotBits`.
    @inline(__always)
    static func wholeSlot(_ word: UInt64) -> Int {
        Int(truncatingIfNeeded: (word &* 0x9E37_79B9_7F4A_7C15) >> (64 - UInt64(wholeSlotBits)))
    }

    static func wholeSlot(_ form: [UInt8]) -> Int {
        wholeSlot(form.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
    }

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
