import Foundation

/// Literal anchors that every match of a rule contains, so the rule's pattern is tried only
/// where one occurs instead of at every byte (the keyword prefilter).
///
/// The contract a detector keeps: every match starts between `lead` bytes before an
/// occurrence of one of `keywords` and that occurrence, and the masked part of a match
/// never starts before it, unless the bytes before the keyword are declared (`leadBytes`):
/// then the masked part may start there, and a stream holds a trailing run of those bytes
/// that could begin a match until the keyword arrives (or not), so no split shows them.
/// Detector tests check the examples through this path, and the streaming tests compare it
/// with searching everywhere.
public struct Prefilter: Sendable {
    /// At least three bytes each (the index hashes three-byte prefixes); for reading only,
    /// the search uses `keywordBytes` (written out when read: not at every start-up).
    public var keywords: [String] { keywordBytes.map { String(decoding: $0, as: UTF8.self) } }
    public let caseless: Bool
    /// How many bytes before a keyword a match may start.
    public let lead: Int
    /// For a token whose keyword comes after its start (Mailchimp's `-us`, Terraform's
    /// `.atlasv1.`): the bytes its `lead` consists of. Nil: the lead is never masked.
    private(set) var leadBytes: ByteSet?

    /// The keywords as bytes (a literal value's may not be UTF-8).
    let keywordBytes: [[UInt8]]

    /// Rules out hits before the pattern is tried (see `JointGate`).
    public let gate: JointGate?

    public init(keywords: [String], caseless: Bool = false, lead: Int = 0, gate: JointGate? = nil) {
        self.init(keywordBytes: keywords.map { Array($0.utf8) }, caseless: caseless, lead: lead, gate: gate)
    }

    /// A token whose `keywords` come `lead` bytes of `leadBytes` after its start: the whole
    /// token is masked, its start held at the end of a read (see `leadBytes`).
    public init(keywords: [String], lead: Int, leadBytes: String) {
        self.init(keywordBytes: keywords.map { Array($0.utf8) }, lead: lead)
        self.leadBytes = ByteSet(Prefilter.expand(leadBytes))
    }

    /// A class written as in a pattern (`A-Za-z0-9_~.`: ranges and single bytes, `-` last
    /// or first for itself) as its bytes.
    static func expand(_ characterClass: String) -> [UInt8] {
        let bytes = Array(characterClass.utf8)
        var expanded: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "-"), bytes[index] <= bytes[index + 2] {
                expanded += Array(bytes[index]...bytes[index + 2])
                index += 3
            } else {
                expanded.append(bytes[index])
                index += 1
            }
        }
        return expanded
    }

    /// Whether the keywords are public text (a vendor's prefix), so a hold of only a keyword's
    /// beginning holds no secret byte. False for keywords taken from a policy: a literal
    /// value, or a regex that is one, is itself the secret.
    public let keywordsArePublic: Bool

    public init(
        keywordBytes: [[UInt8]], caseless: Bool = false, lead: Int = 0, keywordsArePublic: Bool = true, gate: JointGate? = nil
    ) {
        self.gate = gate
        // Unreachable from input: a policy's keywords (literalPrefix, LiteralRule) are
        // checked for three bytes before a Prefilter is made; the catalogue's are tested.
        precondition(keywordBytes.allSatisfy { $0.count >= 3 }, "prefilter keywords need three bytes")
        self.keywordsArePublic = keywordsArePublic
        self.keywordBytes = keywordBytes
        self.caseless = caseless
        self.lead = lead
        self.leadBytes = nil
    }
}

/// For a rule without keywords (a card number, an address): something every match of the
/// rule contains, and how many bytes before its end the rule's match may start. Candidates
/// are then tried only in those windows. Either a Vectorscan pattern, searched in one pass
/// with every other rule's (`@`, `::`), or a run of digits, which Vectorscan scans slowly.
public struct Shape: Sendable {
    /// Vectorscan syntax: no lookaround, no back-references.
    public let pattern: String?
    /// Every match starts where such a run of ASCII digits starts.
    public let digitRun: DigitRun?
    public let lead: ClosedRange<Int>

    public init(_ pattern: String, lead: ClosedRange<Int>) {
        // Unreachable from input: shapes come only from the built-in catalogue.
        precondition(lead.lowerBound >= 0, "a shape's lead counts back from its end")
        self.pattern = pattern
        self.digitRun = nil
        self.lead = lead
    }

    public init(_ digitRun: DigitRun) {
        self.pattern = nil
        self.digitRun = digitRun
        self.lead = 0...0
    }

    /// A run of digits a match starts with, or starts `lettersBefore` upper-case letters
    /// before (an IBAN's country code): not after a byte of `notAfter` (a digit never), its
    /// first digit one of `first`, and either at least `long` digits, or exactly `group`
    /// digits followed by one of `separators` and at least `nextGroup` more digits
    /// (`1234 5678…`, `123-45-…`; a date's `2026-11-` is no card).
    public struct DigitRun: Sendable {
        let first: ByteSet
        let notAfter: ByteSet
        public let long: Int?
        public let group: Int
        let separators: ByteSet
        public let nextGroup: Int
        public let lettersBefore: Int

        public init(
            first: String = "0123456789", notAfter: String, long: Int?, group: Int, separators: String,
            nextGroup: Int = 0, lettersBefore: Int = 0
        ) {
            self.first = ByteSet(first.utf8)
            self.notAfter = ByteSet((notAfter + "0123456789").utf8)
            self.long = long
            self.group = group
            self.separators = ByteSet(separators.utf8)
            self.nextGroup = nextGroup
            self.lettersBefore = lettersBefore
        }

        /// Where a match may start when the run `bytes[start..<start + length]` may begin
        /// one, else nil. A run cut by the end may: more digits or a separator may follow.
        /// (Called for every run of digits: the tests that reject most runs come first.)
        @inline(__always)
        func matchStart(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, length: Int) -> Int? {
            let next = start + length
            // Most runs fail on their length and the byte after them: tested first.
            if next < bytes.count {
                let longEnough = long.map { length >= $0 } ?? false
                guard longEnough || (length == group && separators.contains(bytes[next])) else { return nil }
            }
            let matchStart = start - lettersBefore
            guard matchStart >= 0 else { return nil }
            var letter = matchStart
            while letter < start {
                guard bytes[letter] &- UInt8(ascii: "A") < 26 else { return nil }
                letter += 1
            }
            guard matchStart == 0 || !notAfter.contains(bytes[matchStart - 1]), first.contains(bytes[start]) else { return nil }
            if next == bytes.count { return matchStart }
            if let long, length >= long { return matchStart }
            guard length == group && separators.contains(bytes[next]) else { return nil }
            var digits = 0
            while digits < nextGroup, next + 1 + digits < bytes.count, DigitRuns.isDigit(bytes[next + 1 + digits]) {
                digits += 1
            }
            return digits == nextGroup || next + 1 + digits == bytes.count ? matchStart : nil
        }
    }
}

/// Which of the digit-run shapes a run may begin, told from its length and the byte before
/// it, for all shapes at once: the first tests `DigitRun.matchStart` makes. Most runs in
/// logs (dates, times, counts) begin none, and asking each shape in full was most of the
/// first pass's own time on digit-dense text.
struct DigitRunTriage: Sendable {
    /// Per run length (the last but one row for every longer run, the last for a run the end
    /// cut, which may grow) and first digit, at `row * 10 + digit`: bit i is set when shape
    /// i's length test can pass (`long` digits, or exactly `group` before a separator) and
    /// its run may begin with that digit. One load for both tests: phone numbers' shapes
    /// begin with one digit each (`0`, `1`, `2`…`9`), and asking them of every run of their
    /// lengths was most of their cost on digit-dense JSON.
    private let table: [UInt64]
    private let cutRow: Int
    /// Shapes that need capital letters right before the run (an IBAN's country code).
    private let lettered: UInt64

    init(_ runs: [Shape.DigitRun]) {
        // Unreachable from input: shapes come only from the built-in catalogue (three).
        precondition(runs.count <= 64, "at most 64 digit-run shapes")
        let longest = runs.map { max($0.long ?? 0, $0.group) }.max() ?? 0
        let cut = longest + 2
        cutRow = cut
        var table: [UInt64] = []
        for row in 0...cut {
            for digit in 0..<10 {
                var mask: UInt64 = 0
                for (index, run) in runs.enumerated() where run.first.contains(UInt8(ascii: "0") + UInt8(digit)) {
                    if row == cut || (run.long.map { row >= $0 } ?? false) || row == run.group { mask |= 1 << UInt64(index) }
                }
                table.append(mask)
            }
        }
        self.table = table
        var lettered: UInt64 = 0
        for (index, run) in runs.enumerated() where run.lettersBefore > 0 { lettered |= 1 << UInt64(index) }
        self.lettered = lettered
    }

    /// Bit i set when shape i may begin at the run `bytes[start..<start + length]`.
    @inline(__always)
    func candidates(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, length: Int) -> UInt64 {
        let row = start + length < bytes.count ? min(length, cutRow - 1) : cutRow
        var mask = table[row &* 10 &+ Int(bytes[start] &- UInt8(ascii: "0"))]
        if mask & lettered != 0 && !(start > 0 && bytes[start - 1] &- UInt8(ascii: "A") < 26) { mask &= ~lettered }
        return mask
    }
}

/// A set of bytes as 256 bits: membership is a shift and a mask.
struct ByteSet: Sendable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            let bit = UInt64(1) << (byte & 63)
            switch byte >> 6 {
            case 0: words.0 |= bit
            case 1: words.1 |= bit
            case 2: words.2 |= bit
            default: words.3 |= bit
            }
        }
    }

    @inline(__always)
    func contains(_ byte: UInt8) -> Bool {
        // A load from the word's offset, not a switch (which compiles to a jump table).
        let word = withUnsafeBytes(of: words) { $0.load(fromByteOffset: Int(byte >> 6) << 3, as: UInt64.self) }
        return word >> (byte & 63) & 1 != 0
    }
}

/// Keyword occurrences found in one read, grouped by rule: one flat list reused between
/// reads, so a read costs no allocation per rule, and rules without hits cost nothing.
struct KeywordHits {
    /// rule << 40 | buffer index of an occurrence's start; sorted and unique once sealed.
    private var packed: [UInt64] = []
    /// Per rule: where its hits lie in `packed` (empty for a rule without hits).
    private var ranges: [Range<Int>]
    /// Rules whose range is set, to clear them on the next read.
    private var touched: [Int] = []
    /// Per rule, zero between reads: `seal`'s counts, then its cursors.
    private var counts: [Int]
    /// `seal`'s second list, swapped with `packed` (both keep their capacity).
    private var spare: [UInt64] = []
    /// Stream offset of buffer index 0 when the hits were found.
    private(set) var base = 0
    /// Whether the shapes were searched: if not, rules with shapes are searched everywhere.
    var shapesSearched = false

    init(ruleCount: Int) {
        ranges = Array(repeating: 0..<0, count: ruleCount)
        counts = Array(repeating: 0, count: ruleCount)
    }

    mutating func start(base: Int) {
        for rule in touched { ranges[rule] = 0..<0 }
        touched.removeAll(keepingCapacity: true)
        packed.removeAll(keepingCapacity: true)
        self.base = base
        shapesSearched = false
    }

    @inline(__always)
    mutating func append(rule: Int, at index: Int) {
        packed.append(UInt64(rule) << 40 | UInt64(index))
    }

    /// Sorts the hits and groups them by rule: a counting sort by rule, then each rule's run
    /// put in order by insertion (the scans report hits almost in order, so this is linear
    /// where sorting the whole list was a sixth of the keyword pass).
    mutating func seal() {
        guard !packed.isEmpty else { return }
        for value in packed {
            let rule = Int(value >> 40)
            if counts[rule] == 0 { touched.append(rule) }
            counts[rule] += 1
        }
        var next = 0
        for rule in touched {
            let count = counts[rule]
            counts[rule] = next
            next += count
        }
        // Taken out of `self` so the buffers below are the only references to them.
        var sortedHits = spare
        spare = []
        var counts = self.counts
        self.counts = []
        sortedHits.removeAll(keepingCapacity: true)
        sortedHits.append(contentsOf: repeatElement(0, count: packed.count))
        var kept = 0
        sortedHits.withUnsafeMutableBufferPointer { sorted in
            for value in packed {
                let rule = Int(value >> 40)
                sorted[counts[rule]] = value
                counts[rule] += 1
            }
            // Each rule's run in order, duplicates left out, moved down over the gaps.
            var first = 0
            for rule in touched {
                let end = counts[rule]
                counts[rule] = 0
                KeywordHits.insertionSort(sorted, first..<end)
                let start = kept
                var previous = UInt64.max
                for index in first..<end where sorted[index] != previous {
                    previous = sorted[index]
                    sorted[kept] = previous
                    kept += 1
                }
                ranges[rule] = start..<kept
                first = end
            }
        }
        sortedHits.removeLast(sortedHits.count - kept)
        self.counts = counts
        spare = packed
        packed = sortedHits
    }

    /// Sorts `buffer[range]` ascending: by insertion, linear when it is nearly in order, and
    /// by the standard sort once it moved too much (two sorted runs one after the other, as
    /// a rule with two kinds of shape may make), so no input makes it quadratic.
    @inline(__always)
    private static func insertionSort(_ buffer: UnsafeMutableBufferPointer<UInt64>, _ range: Range<Int>) {
        guard range.count > 1 else { return }
        var budget = 8 * range.count
        for index in (range.lowerBound + 1)..<range.upperBound {
            let value = buffer[index]
            var hole = index
            while hole > range.lowerBound && buffer[hole - 1] > value {
                buffer[hole] = buffer[hole - 1]
                hole -= 1
                budget -= 1
            }
            buffer[hole] = value
            if budget < 0 {
                var run = UnsafeMutableBufferPointer(rebasing: buffer[range])
                run.sort()
                return
            }
        }
    }

    func isEmpty(rule: Int) -> Bool { ranges[rule].isEmpty }

    /// Stream offsets where `rule`'s keywords start, ascending.
    func offsets(rule: Int) -> LazyMapSequence<ArraySlice<UInt64>, Int> {
        let base = self.base
        return packed[ranges[rule]].lazy.map { base + Int($0 & (1 << 40 - 1)) }
    }
}

/// Every prefiltered rule's keywords, found in one pass over the input. Vectorscan finds
/// whole keywords (`VectorscanDatabase`); where it cannot run, each three bytes (ASCII case
/// folded) are hashed into a small bitmap of the keywords' first three bytes (small enough to
/// stay in the L1 cache), and only where a bit is set are they compared with the keywords.
/// Either way the last bytes are searched for a keyword's beginning cut off by the end.
struct KeywordIndex: Sendable {
    struct Keyword: Sendable {
        /// Folded to lower case when `caseless`.
        let bytes: [UInt8]
        let caseless: Bool
        let rule: Int
        /// A vendor's text, not a policy's literal value (see `Prefilter.keywordsArePublic`).
        let isPublic: Bool
    }

    /// One distinct keyword text and the rules that use it (field detectors share many).
    struct Literal: Sendable {
        let bytes: [UInt8]
        let caseless: Bool
        let rules: [Int]
    }

    let keywords: [Keyword]
    let literals: [Literal]
    let longest: Int
    /// The literals' databases, public keywords (cacheable) and a policy's own (compiled
    /// every time, never kept), with the index of each one's first literal in `literals`;
    /// empty where Vectorscan cannot run: the hashed scan below is used instead.
    let databases: [(database: VectorscanDatabase, firstLiteral: Int)]
    /// Every rule's shapes, and per shape its rule and lead; nil without shapes or where
    /// Vectorscan cannot run (those rules are then searched everywhere).
    let shapeDatabase: VectorscanDatabase?
    private let shapes: [(rule: Int, lead: ClosedRange<Int>)]
    /// Rules whose shape is a run of digits, and the run.
    private let digitRuns: [(rule: Int, run: Shape.DigitRun)]
    /// The shortest run any of them admits.
    private let shortestDigitRun: Int
    private let digitRunTriage: DigitRunTriage
    /// Per rule: how many starts one shape hit leaves to try (0 for a rule without shapes).
    let shapeWindow: [Int]
    /// The hashed scan's tables, built the first time that scan runs: with Vectorscan it
    /// never does, and building them was a fifth of maskrun's start-up.
    private let hashed: HashedKeywordTables
    private var bitmap: [UInt64] { hashed.tables.bitmap }
    private var slotStart: [UInt32] { hashed.tables.slotStart }
    private var slotKeywords: [UInt32] { hashed.tables.slotKeywords }
    /// The keywords by their first bytes, for the last bytes of the text.
    private let tail: KeywordTail

    /// `cache`: where the databases of public keywords and shapes may be kept between runs.
    init(rules: [MaskRule], useVectorscan: Bool = true, cache: VectorscanCache? = nil) {
        var keywords: [Keyword] = []
        for (index, rule) in rules.enumerated() {
            guard let prefilter = rule.prefilter else { continue }
            for bytes in prefilter.keywordBytes {
                keywords.append(Keyword(
                    bytes: prefilter.caseless ? bytes.map(fold) : bytes, caseless: prefilter.caseless, rule: index,
                    isPublic: prefilter.keywordsArePublic))
            }
        }
        self.keywords = keywords
        let (literals, publicCount) = KeywordIndex.distinctLiterals(keywords)
        self.literals = literals
        var longest = 0
        for keyword in keywords { longest = max(longest, keyword.bytes.count) }
        self.longest = longest
        var databases: [(database: VectorscanDatabase, firstLiteral: Int)] = []
        if useVectorscan {
            for (part, cache) in [(0..<publicCount, cache), (publicCount..<literals.count, nil)] where !part.isEmpty {
                guard let database = VectorscanDatabase(literals: literals[part].map { ($0.bytes, $0.caseless) }, cache: cache) else {
                    databases = []
                    break
                }
                databases.append((database, part.lowerBound))
            }
        }
        self.databases = databases
        var shapes: [(rule: Int, lead: ClosedRange<Int>)] = []
        var patterns: [String] = []
        var digitRuns: [(rule: Int, run: Shape.DigitRun)] = []
        var shapeWindow = [Int](repeating: 0, count: rules.count)
        for (index, rule) in rules.enumerated() where rule.prefilter == nil && rule.maxReach != nil {
            for shape in rule.shapes {
                shapeWindow[index] = max(shapeWindow[index], shape.lead.count)
                if let pattern = shape.pattern {
                    shapes.append((index, shape.lead))
                    patterns.append(pattern)
                } else if let run = shape.digitRun {
                    digitRuns.append((index, run))
                }
            }
        }
        // Shapes come from built-in detectors only: public, so cacheable.
        let shapeDatabase = useVectorscan && !patterns.isEmpty ? VectorscanDatabase(patterns: patterns, cache: cache) : nil
        // A rule keeps its shapes only if all can be searched for.
        for (index, rule) in rules.enumerated() where rule.shapes.contains(where: { $0.pattern != nil }) && shapeDatabase == nil {
            shapeWindow[index] = 0
        }
        self.shapeDatabase = shapeDatabase
        self.shapes = shapes
        self.digitRuns = digitRuns.filter { shapeWindow[$0.rule] > 0 }
        shortestDigitRun = self.digitRuns.map { min($0.run.group, $0.run.long ?? Int.max) }.min() ?? 1
        digitRunTriage = DigitRunTriage(self.digitRuns.map(\.run))
        self.shapeWindow = shapeWindow
        self.hashed = HashedKeywordTables(keywords: keywords)
        self.tail = KeywordTail(keywords)
    }

    /// One literal per distinct keyword text: public keywords first, sorted (so a database's
    /// cache key does not depend on the order detectors list their keywords in; some come
    /// from sets), then a policy's literal values (secrets: never cached). Returns them and
    /// how many are public. Sorting rather than hashing: hashing each keyword's bytes cost
    /// more at start-up than the sort.
    private static func distinctLiterals(_ keywords: [Keyword]) -> (literals: [Literal], publicCount: Int) {
        func precedes(_ a: Int, _ b: Int) -> Bool {
            let x = keywords[a], y = keywords[b]
            if x.isPublic != y.isPublic { return x.isPublic }
            if x.caseless != y.caseless { return !x.caseless }
            let order = x.bytes.withUnsafeBufferPointer { p in
                y.bytes.withUnsafeBufferPointer { q in memcmp(p.baseAddress!, q.baseAddress!, min(p.count, q.count)) }
            }
            if order != 0 { return order < 0 }
            if x.bytes.count != y.bytes.count { return x.bytes.count < y.bytes.count }
            return a < b
        }
        let order = keywords.indices.sorted(by: precedes)
        var literals: [Literal] = []
        var publicCount = 0
        var index = 0
        while index < order.count {
            let first = keywords[order[index]]
            var rules = [first.rule]
            var next = index + 1
            while next < order.count {
                let other = keywords[order[next]]
                guard other.isPublic == first.isPublic, other.caseless == first.caseless, other.bytes == first.bytes else { break }
                if rules.last != other.rule { rules.append(other.rule) }
                next += 1
            }
            literals.append(Literal(bytes: first.bytes, caseless: first.caseless, rules: rules))
            if first.isPublic { publicCount += 1 }
            index = next
        }
        return (literals, publicCount)
    }

    var isEmpty: Bool { keywords.isEmpty && shapeDatabase == nil && digitRuns.isEmpty }

    /// Per-stream scan state, nil when the hashed scan is used.
    func makeScratch() -> VectorscanDatabase.Scratch? {
        let all = databases.map(\.database) + [shapeDatabase].compactMap { $0 }
        return all.isEmpty ? nil : VectorscanDatabase.Scratch(for: all)
    }

    /// How many of a scan's last bytes are searched for keywords without Vectorscan too:
    /// twice the widest end region it was seen to miss literals in.
    static let endBytesCompared = 64

    /// Three bytes, 5 bits apart, fill exactly 15 bits: a wider slot would let a fourth,
    /// earlier byte leak into the rolling hash.
    static let slotBits: UInt32 = 15

    /// Three folded bytes hashed into `slotBits` bits, 5 bits apart, so the hash of the last
    /// three bytes can be rolled along one byte at a time: `slot = (slot << 5 ^ byte) & mask`.
    @inline(__always)
    static func roll(_ slot: UInt32, _ byte: UInt8) -> UInt32 {
        (slot << 5 ^ UInt32(byte)) & ((1 << slotBits) - 1)
    }

    static func slot(_ trigram: UInt32) -> UInt32 {
        roll(roll(roll(0, UInt8(trigram >> 16)), UInt8(trigram >> 8 & 0xFF)), UInt8(trigram & 0xFF))
    }

    /// Finds keyword occurrences starting in `text[from...]` into `hits` (`base`: the stream
    /// offset of `text[0]`). A keyword cut off by the end of `text` counts: more input may
    /// complete it.
    func occurrences(in text: [UInt8], from: Int, base: Int, into hits: inout KeywordHits, scratch: VectorscanDatabase.Scratch?) {
        hits.start(base: base)
        let end = text.count
        let tailStart = max(from, end - longest + 1)
        text.withUnsafeBufferPointer { bytes in
            if !digitRuns.isEmpty {
                digitRuns.withUnsafeBufferPointer { runs in
                    DigitRuns.forEach(in: bytes, from: from, minimum: shortestDigitRun) { start, length in
                        var candidates = digitRunTriage.candidates(bytes, start: start, length: length)
                        // By index: an iterator would copy each entry (its byte sets) per run.
                        while candidates != 0 {
                            let entry = candidates.trailingZeroBitCount
                            candidates &= candidates - 1
                            if let match = runs[entry].run.matchStart(bytes, start: start, length: length), match >= from {
                                hits.append(rule: runs[entry].rule, at: match)
                            }
                        }
                    }
                }
            }
            hits.shapesSearched = true
            // A shape hit is recorded at the earliest start its window allows; a window cut by
            // `from` loses only starts no search needs again.
            if let shapeDatabase {
                if let scratch, shapeDatabase.scan(UnsafeBufferPointer(rebasing: bytes[from..<end]), scratch: scratch) {
                    for match in scratch.matches {
                        let shape = shapes[Int(match >> 40)]
                        let start = max(from, from + Int(match & (1 << 40 - 1)) - shape.lead.upperBound)
                        hits.append(rule: shape.rule, at: start)
                    }
                } else {
                    // Rules with shapes are then searched everywhere.
                    hits.shapesSearched = false
                }
            }
            guard !keywords.isEmpty else { return }
            if let scratch, !databases.isEmpty, scanLiterals(bytes, from: from, scratch: scratch, into: &hits) {
                // The last bytes may hold a keyword's beginning, and Vectorscan can miss whole
                // ones there (5.4.9 drops some within 33 bytes of the end for a set of
                // three-byte literals that share their middle byte, such as Facebook's
                // `1|9`), so they are compared here too; `seal` drops what both found.
                for start in max(from, min(tailStart, end - KeywordIndex.endBytesCompared))..<end {
                    tail.forEachRule(startingAt: start, in: bytes) { hits.append(rule: $0, at: start) }
                }
            } else {
                hashedScan(bytes, from: from, tailStart: tailStart, into: &hits)
            }
        }
        hits.seal()
    }

    /// Whole keywords in `bytes[from...]` by Vectorscan, into `hits`; false when a scan
    /// failed (the caller then searches another way, which finds every hit again).
    private func scanLiterals(
        _ bytes: UnsafeBufferPointer<UInt8>, from: Int, scratch: VectorscanDatabase.Scratch, into hits: inout KeywordHits
    ) -> Bool {
        let end = bytes.count
        for (database, firstLiteral) in databases {
            guard database.scan(UnsafeBufferPointer(rebasing: bytes[from..<end]), scratch: scratch) else { return false }
            for match in scratch.matches {
                let literal = literals[firstLiteral + Int(match >> 40)]
                let start = from + Int(match & (1 << 40 - 1)) - literal.bytes.count
                for rule in literal.rules { hits.append(rule: rule, at: start) }
            }
        }
        return true
    }

    /// The scan without Vectorscan: hash every three bytes, compare where the bitmap says so;
    /// in the last bytes, any keyword that starts there, whole or cut off by the end.
    private func hashedScan(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, tailStart: Int, into hits: inout KeywordHits) {
        let end = bytes.count
        if tailStart - from >= 1 && end - from >= 3 {
            var slot = KeywordIndex.roll(KeywordIndex.roll(0, fold(bytes[from])), fold(bytes[from + 1]))
            var position = from + 2
            let last = min(tailStart + 2, end)
            bitmap.withUnsafeBufferPointer { bitmap in
                while position < last {
                    slot = KeywordIndex.roll(slot, fold(bytes[position]))
                    if bitmap[Int(slot >> 6)] & (1 << (slot & 63)) != 0 {
                        record(at: position - 2, slot: slot, in: bytes, into: &hits)
                    }
                    position += 1
                }
            }
        }
        for start in tailStart..<end {
            tail.forEachRule(startingAt: start, in: bytes) { hits.append(rule: $0, at: start) }
        }
    }

    private func record(at start: Int, slot: UInt32, in bytes: UnsafeBufferPointer<UInt8>, into hits: inout KeywordHits) {
        for entry in slotStart[Int(slot)]..<slotStart[Int(slot) + 1] {
            let keyword = keywords[Int(slotKeywords[Int(entry)])]
            guard matches(keyword, at: start, in: bytes) else { continue }
            hits.append(rule: keyword.rule, at: start)
        }
    }

    /// Whether `keyword` starts at `start`, or its beginning fills the text to the end.
    private func matches(_ keyword: Keyword, at start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let available = min(keyword.bytes.count, bytes.count - start)
        for offset in 0..<available {
            let byte = keyword.caseless ? fold(bytes[start + offset]) : bytes[start + offset]
            if byte != keyword.bytes[offset] { return false }
        }
        return true
    }
}

/// The hashed scan's tables (see `KeywordIndex`), built once on first use and then shared
/// by every stream of the engine.
final class HashedKeywordTables: @unchecked Sendable {
    struct Tables {
        /// Bit `slot(t)` is set when some keyword's folded first three bytes make trigram t.
        let bitmap: [UInt64]
        /// Keywords by bitmap slot, flattened: those of slot t are
        /// `slotKeywords[slotStart[t]..<slotStart[t + 1]]` (looked up on every hit: no hashing).
        /// 32 bits: a policy's literal values (a values file of many thousand lines, each in
        /// several encoded forms) can make more than 65,535 keywords.
        let slotStart: [UInt32]
        let slotKeywords: [UInt32]
    }

    private let keywords: [KeywordIndex.Keyword]
    private let lock = NSLock()
    private var built: Tables?

    init(keywords: [KeywordIndex.Keyword]) { self.keywords = keywords }

    var tables: Tables {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        let tables = HashedKeywordTables.build(keywords)
        built = tables
        return tables
    }

    private static func build(_ keywords: [KeywordIndex.Keyword]) -> Tables {
        let slotCount = 1 << KeywordIndex.slotBits
        var bitmap = [UInt64](repeating: 0, count: slotCount / 64)
        let slots = keywords.map { keyword -> Int in
            let bytes = keyword.bytes.map(fold)
            return Int(KeywordIndex.slot(UInt32(bytes[0]) << 16 | UInt32(bytes[1]) << 8 | UInt32(bytes[2])))
        }
        // Counted, then placed: keywords in their order within each slot.
        var slotStart = [UInt32](repeating: 0, count: slotCount + 1)
        for slot in slots {
            bitmap[slot >> 6] |= 1 << UInt64(slot & 63)
            slotStart[slot + 1] += 1
        }
        for slot in 0..<slotCount { slotStart[slot + 1] += slotStart[slot] }
        var next = slotStart
        var slotKeywords = [UInt32](repeating: 0, count: keywords.count)
        for (index, slot) in slots.enumerated() {
            slotKeywords[Int(next[slot])] = UInt32(truncatingIfNeeded: index)  // fewer than 2^32: each is in memory
            next[slot] += 1
        }
        return Tables(bitmap: bitmap, slotStart: slotStart, slotKeywords: slotKeywords)
    }
}

/// ASCII letters to lower case; every other byte unchanged.
@inline(__always)
func fold(_ byte: UInt8) -> UInt8 {
    byte &- 0x41 < 26 ? byte | 0x20 : byte
}

extension Prefilter {
    /// The keywords of a policy's own regex, when it provably begins with a literal of at least
    /// three bytes: no `|` anywhere (an alternative could start elsewhere), no group or option
    /// before the literal except a leading `(?i)`, and a literal byte followed by a quantifier
    /// left out (it may repeat zero times). Nil otherwise: the rule is searched everywhere.
    public static func literalPrefix(of pattern: String) -> Prefilter? {
        var bytes = Array(pattern.utf8)
        guard !bytes.contains(UInt8(ascii: "|")) else { return nil }
        let caseless = bytes.starts(with: Array("(?i)".utf8))
        if caseless { bytes.removeFirst(4) }
        // Bytes that stand for themselves outside a class in PCRE2 (with or without `(?x)`,
        // which is refused above unless it follows the literal).
        let plain = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-:=/@%,;<>!\"'~&`".utf8)
        var literal: [UInt8] = []
        for byte in bytes {
            if plain.contains(byte) {
                literal.append(byte)
                continue
            }
            if "?*{".utf8.contains(byte), !literal.isEmpty { literal.removeLast() }
            break
        }
        guard literal.count >= 3 else { return nil }
        return Prefilter(keywordBytes: [literal], caseless: caseless, keywordsArePublic: false)
    }
}
