/// Runs of ASCII digits, the first pass's candidate search for numbers without a keyword
/// (card numbers, SSNs). Words of eight bytes without a digit are skipped whole.
enum DigitRuns {
    /// Calls `body(start, length)` for each run of digits in `bytes[from...]` at least
    /// `minimum` long that starts there (a run continuing from before `from` is left out:
    /// it starts before `from`). A run cut by the end counts with the length it has so far.
    static func forEach(in bytes: UnsafeBufferPointer<UInt8>, from: Int, minimum: Int, _ body: (Int, Int) -> Void) {
        let end = bytes.count
        guard from < end, let base = bytes.baseAddress else { return }
        var position = from
        // Inside a run that began before `from`: skip to its end.
        if from > 0 && isDigit(base[from - 1]) {
            while position < end && isDigit(base[position]) { position += 1 }
        }
        while position < end {
            if position + 8 <= end {
                let word = UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)
                if !hasDigit(word) {
                    position += 8
                    continue
                }
            }
            guard isDigit(base[position]) else {
                position += 1
                continue
            }
            let start = position
            while position < end && isDigit(base[position]) { position += 1 }
            if position - start >= minimum { body(start, position - start) }
        }
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    /// Whether any of the eight bytes is an ASCII digit: each byte less 0x30 is below 10,
    /// tested without carries between bytes (bit 7 of each byte of the result).
    @inline(__always)
    static func hasDigit(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let shifted = word ^ (0x30 &* ones)  // digits become 0...9, nothing else does
        // A byte is 0...9 when its high bit is clear and adding 0x76 to its low 7 bits
        // does not reach 0x80.
        let tooBig = ((shifted & ~high) &+ (0x76 &* ones)) | shifted
        return tooBig & high != high
    }
}
