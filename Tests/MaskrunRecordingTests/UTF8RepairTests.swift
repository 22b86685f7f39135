import MaskrunTestSupport
import Testing

@testable import MaskrunRecording

@Suite struct UTF8RepairTests {
    @Test func aCharacterSplitBetweenReadsStaysWhole() {
        var repair = UTF8Repair()
        #expect(repair.repair([0x63, 0x61, 0x66, 0xC3]) == bytes("caf"))
        #expect(repair.repair([0xA9, 0x21]) == bytes("é!"))
        #expect(repair.finish() == [])
    }

    @Test func eachByteOfAFourByteCharacterInItsOwnRead() {
        var repair = UTF8Repair()
        var output: [UInt8] = []
        for byte in bytes("😀") { output += repair.repair([byte]) }
        #expect(output == bytes("😀"))
    }

    @Test func invalidBytesBecomeOneReplacementEach() {
        var repair = UTF8Repair()
        #expect(repair.repair([0x61, 0xFF, 0x62, 0x80, 0x63], final: true) == bytes("a\u{FFFD}b\u{FFFD}c"))
    }

    /// The masked span after an incomplete character keeps every byte of its replacement.
    @Test func anIncompleteCharacterBeforeAMaskedSpanDoesNotEatIt() {
        var repair = UTF8Repair()
        let first = repair.repair([0x78, 0xE2, 0x82])
        let second = repair.repair(bytes("[MASKED:github-token] y"))
        #expect(text(first + second) == "x\u{FFFD}[MASKED:github-token] y")
    }

    @Test func anIncompleteCharacterAtTheEndIsReplacedWhenTheStreamEnds() {
        var repair = UTF8Repair()
        #expect(repair.repair([0x61, 0xF0, 0x9F]) == bytes("a"))
        #expect(repair.finish() == UTF8Repair.replacement)
    }

    @Test func overlongFormsAndSurrogatesAreRejected() {
        var repair = UTF8Repair()
        // C0 80 (overlong NUL), ED A0 80 (a surrogate), F4 90 80 80 (past U+10FFFF).
        let input: [UInt8] = [0xC0, 0x80, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80]
        #expect(repair.repair(input, final: true) == String(decoding: input, as: UTF8.self).utf8.map { $0 })
    }

    /// Swift's own decoder replaces ill-formed input by the same Unicode practice, so it is
    /// the oracle; and however the input is split, the result is the same.
    @Test func agreesWithSwiftsDecoderHoweverTheInputIsSplit() {
        var generator = SplitMix64(state: 7)
        let alphabet: [UInt8] = [0x41, 0x0A, 0xC3, 0xA9, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80, 0xFF, 0x80, 0xED, 0xA0, 0xC0]
        for _ in 0..<300 {
            let input = (0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            let expected = Array(String(decoding: input, as: UTF8.self).utf8)
            for split in 0...input.count {
                var repair = UTF8Repair()
                let output = repair.repair(input[..<split]) + repair.repair(input[split...]) + repair.finish()
                #expect(output == expected, "input \(input) split at \(split)")
            }
        }
    }
}
