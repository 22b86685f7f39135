import Foundation
import MaskrunTestSupport
import Testing
@testable import MaskrunEngine

/// `ValueShape` judges ASCII values on bytes (issue 13: no Foundation search per value); it
/// must answer exactly as Foundation's string search, the reference here, on any value.
@Suite struct ValueShapeBytesTests {
    /// Random values from pieces that matter: placeholder parts in random cases, `: `,
    /// `://`, `@`, letters, digits, and now and then a non-ASCII character or combining mark.
    static func randomValue(_ random: inout SplitMix64) -> [UInt8] {
        // Also what a canonically equivalent search may see as ASCII or skip (issue 13's fast
        // path for non-ASCII values): the three characters canonically ASCII (Kelvin sign `K`,
        // Greek `;`, varia `` ` ``), marks composing with a part's last letter, invisible ones.
        let pieces = ValueShape.placeholderParts + [": ", "://", "@", "/", ".", " ", "é", "e\u{301}", "\u{301}", "ß", "Here", "HERE", "f4ke",
                                                    "\u{212A}", "fa\u{212A}e", "FA\u{212A}E", "\u{37E}", "\u{1FEF}", "\u{308}", "\u{AD}",
                                                    "\u{200B}", "\u{200D}", "\u{FEFF}", "\u{FB00}", "\u{FF26}", "fak\u{E9}", "dumm\u{FD}"]
        var text = ""
        for _ in 0..<Int.random(in: 0...12, using: &random) {
            switch Int.random(in: 0..<3, using: &random) {
            case 0:
                let piece = pieces.randomElement(using: &random)!
                text += piece.map { Bool.random(using: &random) ? $0.uppercased() : String($0) }.joined()
            case 1:
                text += pieces.randomElement(using: &random)!
            default:
                let letters = "abcdefxyzKEYOUR_-0123456789"
                text += String((0..<Int.random(in: 1...6, using: &random)).map { _ in letters.randomElement(using: &random)! })
            }
        }
        return Array(text.utf8)
    }

    /// The stand-in test on Foundation strings, as issue 10 wrote it.
    static func referenceSaysStandIn(_ text: [UInt8], format: Bool) -> Bool {
        guard text.count <= 128 else { return false }
        let string = String(decoding: text, as: UTF8.self)
        if string.hasSuffix("Here") || string.hasSuffix("HERE") { return true }
        if format {
            return ValueShape.formatPlaceholderParts.contains { part in string.contains(part) || string.contains(part.uppercased()) }
        }
        return ValueShape.placeholderParts.contains { part in
            string.contains(part) || string.contains(part.uppercased()) || string.contains(part.prefix(1).uppercased() + part.dropFirst())
        }
    }

    @Test func standInsAreFoundAsFoundationFindsThem() {
        var random = SplitMix64(state: 13)
        var standIns = 0
        for _ in 0..<20_000 {
            let value = Self.randomValue(&random)
            let format = Bool.random(using: &random)
            let expected = Self.referenceSaysStandIn(value, format: format)
            if expected { standIns += 1 }
            #expect(ValueShape.saysStandIn(value[...], format: format) == expected, "\(String(decoding: value, as: UTF8.self)) \(format)")
        }
        // Both answers occur often enough to mean something.
        #expect(standIns > 2_000 && standIns < 18_000)
    }

    @Test func substringsAreFoundAsFoundationFindsThem() {
        var random = SplitMix64(state: 1313)
        for _ in 0..<20_000 {
            let text = String(decoding: Self.randomValue(&random), as: UTF8.self)
            for part in [": ", "://", "@"] {
                #expect(ValueShape.contains(text, part) == text.contains(part), "\(text) \(part)")
            }
        }
    }

    @Test func theThreeCasesOnly() {
        #expect(ValueShape.saysStandIn(Array("somefakekey".utf8)[...]))
        #expect(ValueShape.saysStandIn(Array("MY_FAKE_KEY".utf8)[...]))
        #expect(ValueShape.saysStandIn(Array("MyFakeKey".utf8)[...]))
        #expect(!ValueShape.saysStandIn(Array("xfAKEx".utf8)[...]))
        #expect(!ValueShape.saysStandIn(Array("a9dummYq".utf8)[...]))
    }
}
