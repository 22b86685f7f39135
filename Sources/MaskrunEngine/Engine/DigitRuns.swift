import CByteScan

/// Runs of ASCII digits, the first pass's candidate search for numbers without a keyword
/// (card numbers, SSNs, IBANs). Sixty-four bytes at a time: their digits become the bits of
/// one word (SIMD compares, `maskrun_digit_bits64`), and the runs are read off its edges, so
/// the cost is a little per byte and a little per run, not per digit; a block without digits,
/// outside a run, costs one compare.
enum DigitRuns {
    /// Calls `body(start, length)` for each run of digits in `bytes[from...]` at least
    /// `minimum` long that starts there (a run continuing from before `from` is left out:
    /// it starts before `from`), in order. A run cut by the end counts with the length it
    /// has so far.
    @inline(__always)
    static func forEach(in bytes: UnsafeBufferPointer<UInt8>, from: Int, minimum: Int, _ body: (Int, Int) -> Void) {
        let end = bytes.count
        guard from < end, let base = bytes.baseAddress else { return }
        // Where the run being read started; `outside` between runs, `beforeFrom` in one that
        // started before `from`.
        let outside = -1, beforeFrom = -2
        var open = from > 0 && isDigit(base[from - 1]) ? beforeFrom : outside
        var block = from
        while block < end {
            let count = min(64, end - block)
            var digits: UInt64 = 0
            if count == 64 {
                digits = maskrun_digit_bits64(base + block)
                if digits == 0 && open == outside {
                    block += 64
                    continue
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

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
}
