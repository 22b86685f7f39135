/// Runs of ASCII digits, the first pass's candidate search for numbers without a keyword
/// (card numbers, SSNs, IBANs). Sixty-four bytes at a time: their digits become the bits of
/// one word (eight bytes tested at once, then gathered by a multiplication), and the runs are
/// read off its edges, so the cost is a little per byte and a little per run, not per digit.
enum DigitRuns {
    /// Calls `body(start, length)` for each run of digits in `bytes[from...]` at least
    /// `minimum` long that starts there (a run continuing from before `from` is left out:
    /// it starts before `from`), in order. A run cut by the end counts with the length it
    /// has so far.
    @inline(__always)
    static func forEach(in bytes: UnsafeBufferPointer<UInt8>, from: Int, minimum: Int, _ body: (Int, Int) -> Void) {
        let end = bytes.count
        guard from < end, let base = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        // Where the run being read started; `outside` between runs, `beforeFrom` in one that
        // started before `from`.
        let outside = -1, beforeFrom = -2
        var open = from > 0 && isDigit(base[from - 1]) ? beforeFrom : outside
        var block = from
        while block < end {
            let count = min(64, end - block)
            var digits: UInt64 = 0
            if count == 64 {
                for word in 0..<8 {
                    let mask = digitMask(raw.loadUnaligned(fromByteOffset: block + word * 8, as: UInt64.self))
                    digits |= ((mask &* gather) >> 56) << UInt64(word * 8)
                }
            } else {
                for offset in 0..<count where isDigit(base[block + offset]) { digits |= 1 << UInt64(offset) }
            }
            // Bit i is set where byte i is a digit and the byte before is not, or the reverse.
            var edges = digits ^ (digits << 1 | (open == outside ? 0 : 1))
            if count < 64 { edges &= (1 << UInt64(count)) - 1 }
            while edges != 0 {
                let position = block + edges.trailingZeroBitCount
                edges &= edges - 1
                if open == outside {
                    open = position
                } else {
                    if open >= 0 && position - open >= minimum { body(open, position - open) }
                    open = outside
                }
            }
            block += count
        }
        if open >= 0 && end - open >= minimum { body(open, end - open) }
    }

    /// Multiplying the high bits of a word's eight bytes by this gathers them, in order, in
    /// its top byte (no two partial products meet, so nothing carries).
    private static let gather: UInt64 = 0x0002_0408_1020_4081

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// Bit 7 of each byte of the result is set where the word's byte (little-endian order) is
    /// an ASCII digit: each byte less 0x30 is below 10, tested without carries between bytes.
    @inline(__always)
    static func digitMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let shifted = word.littleEndian ^ (0x30 &* ones)  // digits become 0...9, nothing else does
        // A byte is 0...9 when its high bit is clear and adding 0x76 to its low 7 bits
        // does not reach 0x80.
        let tooBig = ((shifted & ~high) &+ (0x76 &* ones)) | shifted
        return ~tooBig & high
    }
}
