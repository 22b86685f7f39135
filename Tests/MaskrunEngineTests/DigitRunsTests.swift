import MaskrunTestSupport
import Testing
@testable import MaskrunEngine

/// The digit-run scan (64 bytes to a word, runs read off its edges) reports exactly the runs
/// a byte-by-byte reading reports, wherever the blocks and `from` fall.
@Suite struct DigitRunsTests {
    /// Every maximal run of digits starting at or after `from` (not one continuing from
    /// before it), at least `minimum` long, cut runs included: byte by byte.
    static func naive(_ text: [UInt8], from: Int, minimum: Int) -> [[Int]] {
        var runs: [[Int]] = []
        var position = from
        if from > 0 && from < text.count && DigitRuns.isDigit(text[from - 1]) {
            while position < text.count && DigitRuns.isDigit(text[position]) { position += 1 }
        }
        while position < text.count {
            guard DigitRuns.isDigit(text[position]) else {
                position += 1
                continue
            }
            let start = position
            while position < text.count && DigitRuns.isDigit(text[position]) { position += 1 }
            if position - start >= minimum { runs.append([start, position - start]) }
        }
        return runs
    }

    @Test func runsAreWhatAByteByByteReadingFinds() {
        var random = SplitMix64(state: 64)
        // Digits, their neighbours in ASCII ('/' and ':'), letters, separators, high bytes.
        let alphabet = Array("0123456789/:aZ -.\n".utf8) + [0x80, 0xB9, 0xFF, 0x00]
        for round in 0..<4_000 {
            let digitShare = Int.random(in: 0...10, using: &random)
            let text: [UInt8] = (0..<Int.random(in: 0...300, using: &random)).map { _ in
                Int.random(in: 0..<10, using: &random) < digitShare
                    ? UInt8(ascii: "0") + UInt8.random(in: 0...9, using: &random) : alphabet.randomElement(using: &random)!
            }
            let from = Int.random(in: 0...text.count, using: &random)
            let minimum = Int.random(in: 1...6, using: &random)
            var found: [[Int]] = []
            text.withUnsafeBufferPointer { bytes in
                DigitRuns.forEach(in: bytes, from: from, minimum: minimum) { found.append([$0, $1]) }
            }
            let expected = Self.naive(text, from: from, minimum: minimum)
            guard found == expected else {
                Issue.record("round \(round): from \(from) minimum \(minimum): \(found) != \(expected) in \(text)")
                return
            }
        }
    }

    /// The triage passes on every shape whose own `matchStart` takes the run: checked for the
    /// catalogue's shapes and random ones, at every run of random digit-dense text.
    @Test func triageKeepsEveryShapeThatMayBeginARun() {
        let catalogue = BuiltinDetectors.all.flatMap(\.shapes).compactMap(\.digitRun)
        #expect(catalogue.count >= 3)
        var random = SplitMix64(state: 6464)
        let alphabet = Array("0123456789 -./:ABZaz\n".utf8)
        var skipped = 0
        for round in 0..<2_000 {
            var runs = catalogue
            if round % 2 == 1 {
                runs = (0..<Int.random(in: 1...6, using: &random)).map { _ in
                    Shape.DigitRun(
                        first: String("0123456789".shuffled(using: &random).prefix(Int.random(in: 1...10, using: &random))),
                        notAfter: "a", long: Bool.random(using: &random) ? Int.random(in: 1...20, using: &random) : nil,
                        group: Int.random(in: 1...6, using: &random), separators: " -",
                        nextGroup: Int.random(in: 0...4, using: &random), lettersBefore: Int.random(in: 0...2, using: &random))
                }
            }
            let triage = DigitRunTriage(runs)
            let text = (0..<Int.random(in: 0...120, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            text.withUnsafeBufferPointer { bytes in
                DigitRuns.forEach(in: bytes, from: 0, minimum: 1) { start, length in
                    let candidates = triage.candidates(bytes, start: start, length: length)
                    for (index, run) in runs.enumerated() where candidates & (1 << UInt64(index)) == 0 {
                        skipped += 1
                        if run.matchStart(bytes, start: start, length: length) != nil {
                            Issue.record("round \(round): shape \(index) left out at \(start) in \(text)")
                        }
                    }
                }
            }
        }
        // It does leave most shapes out.
        #expect(skipped > 10_000)
    }
}
