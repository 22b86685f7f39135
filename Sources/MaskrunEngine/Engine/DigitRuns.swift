/// Runs of ASCII digits, the first pass's candidate search for numbers without a keyword
/// (card numbers, SSNs). Eight bytes at a time: a word without a digit is skipped whole, else the scan jumps
/// to its first digit.
enum DigitRuns {
    /// Calls `body(start, length)` for each run of digits in `bytes[from...]` at least
    /// `minimum` long that starts there (a run continuing from before `from` is left out:
    /// it starts before `from`). A run cut by the end counts with the length it has so far.
    @inline(__always)
    static func forEach(in bytes: UnsafeBufferPointer<UInt8>, from: Int, minimum: Int, _ body: (Int, Int) -> Void) {
        let end = bytes.count
        guard from < end, let base = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        var position = from
        // Inside a run that began before `from`: skip to its end.
        if from > 0 && isDigit(base[from - 1]) {
            while position < end && isDigit(base[position]) { position += 1 }
        }
        while position < end {
            // To the next digit: the start of a run, since the scan stops only after one.
            if position + 8 <= end {
                let digits = digitMask(raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
                if digits == 0 {
                    position += 8
                    continue
                }
                position += digits.trailingZeroBitCount >> 3
            } else if !isDigit(base[position]) {
                position += 1
                continue
            }
            let start = position
            // To the run's end, eight bytes at a time, then byte by byte near the end.
            while position + 8 <= end {
                let others = ~digitMask(raw.loadUnaligned(fromByteOffset: position, as: UInt64.self)) & high
                if others == 0 {
                    position += 8
                } else {
                    position += others.trailingZeroBitCount >> 3
                    break
                }
            }
            while position < end && isDigit(base[position]) { position += 1 }
            if position - start >= minimum { body(start, position - start) }
        }
    }

    private static let high: UInt64 = 0x8080_8080_8080_8080

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
