/// Literal anchors that every match of a rule contains, so the rule's pattern is tried only
/// where one occurs instead of at every byte (the keyword prefilter).
///
/// The contract a detector keeps: every match starts between `lead` bytes before an
/// occurrence of one of `keywords` and that occurrence, and the masked part of a match
/// never starts before it. Detector tests check the examples through this path, and the
/// streaming tests compare it with searching everywhere.
public struct Prefilter: Sendable {
    /// At least three bytes each (the index hashes three-byte prefixes).
    public let keywords: [String]
    public let caseless: Bool
    /// How many bytes before a keyword a match may start.
    public let lead: Int

    public init(keywords: [String], caseless: Bool = false, lead: Int = 0) {
        precondition(keywords.allSatisfy { $0.utf8.count >= 3 }, "prefilter keywords need three bytes")
        self.keywords = keywords
        self.caseless = caseless
        self.lead = lead
    }
}

/// Every prefiltered rule's keywords, found in one pass over the input: each three bytes
/// (ASCII case folded) are hashed into a small bitmap of the keywords' first three bytes
/// (small enough to stay in the L1 cache), and only where a bit is set are they compared
/// with the keywords.
struct KeywordIndex: Sendable {
    struct Keyword: Sendable {
        /// Folded to lower case when `caseless`.
        let bytes: [UInt8]
        let caseless: Bool
        let rule: Int
    }

    let keywords: [Keyword]
    let longest: Int
    /// Bit `slot(t)` is set when some keyword's folded first three bytes make trigram t.
    private let bitmap: [UInt64]
    /// Keywords by bitmap slot, flattened: those of slot t are
    /// `slotKeywords[slotStart[t]..<slotStart[t + 1]]` (looked up on every hit: no hashing).
    private let slotStart: [UInt16]
    private let slotKeywords: [UInt16]
    /// Keywords by their folded first byte, for the last bytes of the text.
    private let byFirstByte: [[Int]]

    init(rules: [MaskRule]) {
        var keywords: [Keyword] = []
        for (index, rule) in rules.enumerated() {
            guard let prefilter = rule.prefilter else { continue }
            for keyword in prefilter.keywords {
                let bytes = Array(keyword.utf8)
                keywords.append(Keyword(bytes: prefilter.caseless ? bytes.map(fold) : bytes, caseless: prefilter.caseless, rule: index))
            }
        }
        var bitmap = [UInt64](repeating: 0, count: (1 << KeywordIndex.slotBits) / 64)
        var bySlot = [[UInt16]](repeating: [], count: 1 << KeywordIndex.slotBits)
        var byFirstByte = [[Int]](repeating: [], count: 256)
        for (index, keyword) in keywords.enumerated() {
            byFirstByte[Int(fold(keyword.bytes[0]))].append(index)
            let slot = KeywordIndex.slot(KeywordIndex.trigram(keyword.bytes.map(fold)))
            bitmap[Int(slot >> 6)] |= 1 << (slot & 63)
            bySlot[Int(slot)].append(UInt16(index))
        }
        var slotStart: [UInt16] = [0]
        slotStart.reserveCapacity(bySlot.count + 1)
        for list in bySlot { slotStart.append(slotStart.last! + UInt16(list.count)) }
        self.keywords = keywords
        self.longest = keywords.map(\.bytes.count).max() ?? 0
        self.bitmap = bitmap
        self.slotStart = slotStart
        self.slotKeywords = bySlot.flatMap { $0 }
        self.byFirstByte = byFirstByte
    }

    var isEmpty: Bool { keywords.isEmpty }

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

    private static func trigram(_ bytes: [UInt8]) -> UInt32 {
        UInt32(bytes[0]) << 16 | UInt32(bytes[1]) << 8 | UInt32(bytes[2])
    }

    /// Start positions of keyword occurrences in `text[from...]`, per rule, ascending.
    /// A keyword cut off by the end of `text` counts: more input may complete it.
    func occurrences(in text: [UInt8], from: Int, ruleCount: Int) -> [[Int]] {
        var found = [[Int]](repeating: [], count: ruleCount)
        guard !keywords.isEmpty else { return found }
        let end = text.count
        let fullScanEnd = max(from, end - longest + 1)
        text.withUnsafeBufferPointer { bytes in
            // Whole keywords: hash every three bytes, compare where the bitmap says so.
            if fullScanEnd - from >= 1 && end - from >= 3 {
                var slot = KeywordIndex.roll(KeywordIndex.roll(0, fold(bytes[from])), fold(bytes[from + 1]))
                var position = from + 2
                let last = min(fullScanEnd + 2, end)
                bitmap.withUnsafeBufferPointer { bitmap in
                    while position < last {
                        slot = KeywordIndex.roll(slot, fold(bytes[position]))
                        if bitmap[Int(slot >> 6)] & (1 << (slot & 63)) != 0 {
                            record(at: position - 2, slot: slot, in: bytes, into: &found)
                        }
                        position += 1
                    }
                }
            }
            // The last bytes: any keyword that starts there, whole or cut off by the end.
            for start in fullScanEnd..<end {
                for index in byFirstByte[Int(fold(bytes[start]))] where matches(keywords[index], at: start, in: bytes) {
                    let rule = keywords[index].rule
                    if found[rule].last != start { found[rule].append(start) }
                }
            }
        }
        return found
    }

    private func record(at start: Int, slot: UInt32, in bytes: UnsafeBufferPointer<UInt8>, into found: inout [[Int]]) {
        for entry in slotStart[Int(slot)]..<slotStart[Int(slot) + 1] {
            let keyword = keywords[Int(slotKeywords[Int(entry)])]
            guard matches(keyword, at: start, in: bytes) else { continue }
            let rule = keyword.rule
            if found[rule].last != start { found[rule].append(start) }
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

/// ASCII letters to lower case; every other byte unchanged.
@inline(__always)
func fold(_ byte: UInt8) -> UInt8 {
    byte &- 0x41 < 26 ? byte | 0x20 : byte
}
