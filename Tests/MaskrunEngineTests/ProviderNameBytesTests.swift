import MaskrunTestSupport
import Testing
@testable import MaskrunEngine

/// `ProviderNames.namesCredential` judges ASCII names on bytes (issue 13); it must answer
/// exactly as the same test on Swift strings, the reference here, on any name.
@Suite struct ProviderNameBytesTests {
    /// Random names from the pieces that matter: service names and weak or secret words in
    /// random cases, separators, CR LF, letters and digits.
    static func randomName(_ random: inout SplitMix64) -> [UInt8] {
        let services = ProviderNames.allServices
        let words = ProviderNames.weakWords + ProviderNames.secretWords
        let separators = ["_", "-", ".", " ", ":", "=", "\"", "'", "\r\n", "\r", "\n", "\t", "get", "New"]
        var text = ""
        for _ in 0..<Int.random(in: 0...5, using: &random) {
            let piece: String
            switch Int.random(in: 0..<5, using: &random) {
            case 0: piece = services.randomElement(using: &random)!
            case 1, 2: piece = words.randomElement(using: &random)!
            case 3: piece = separators.randomElement(using: &random)!
            default:
                let letters = "abcdefkeysTOKEN_-0123456789"
                piece = String((0..<Int.random(in: 1...4, using: &random)).map { _ in letters.randomElement(using: &random)! })
            }
            text += Bool.random(using: &random) ? piece.map { Bool.random(using: &random) ? $0.uppercased() : String($0) }.joined() : piece
        }
        return Array(text.utf8)
    }

    @Test func bytesAnswerAsStringsDo() {
        #expect(ProviderNames.NameBytes.applies)
        var random = SplitMix64(state: 13)
        var credentials = 0
        for _ in 0..<5_000 {
            let name = Self.randomName(&random)
            let expected = ProviderNames.namesCredentialInText(name[...])
            if expected { credentials += 1 }
            #expect(ProviderNames.namesCredential(name[...]) == expected, "\(String(decoding: name, as: UTF8.self))")
        }
        // Both answers occur often enough to mean something.
        #expect(credentials > 500 && credentials < 4_500)
    }

    /// Names cut out of a larger buffer (a slice not starting at index 0) answer alike.
    @Test func slicesAnswerAsWholeNamesDo() {
        var random = SplitMix64(state: 31)
        for _ in 0..<2_000 {
            let name = Self.randomName(&random)
            let padded = Array("x =".utf8) + name + Array(" v".utf8)
            let slice = padded[3..<(3 + name.count)]
            #expect(ProviderNames.namesCredential(slice) == ProviderNames.namesCredentialInText(name[...]))
        }
    }
}
