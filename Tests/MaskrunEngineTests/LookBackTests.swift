import Testing
@testable import MaskrunEngine

/// Tokens whose mark comes after their start (Mailchimp's `-us`, MaxMind's `_mmk`, Entra's
/// `Q~`, Terraform's `.atlasv1.`): masked whole, however the output is split into reads.
/// The tokens below are random strings written for these tests, not any provider's.
@Suite struct LookBackTests {
    static let mailchimp = "5be0c93d17a24f6e8b1a07c2d4e9f381-us19"
    static let maxmind = "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"
    static let entra = "k.W7Q~Rb3yN9xC1vZ5mQ8sD2fG6hJ0kL4pT.u_-"
    static let terraform = "Zr8Kx2Pq5Vn1Tb.atlasv1.mH3jL6dS9fA2gQ5wE8rT1yU4iO7pZ0xC3vB6nM9kJ2hG5fD8sA1qW4eR7tY0uI3oP"
    static let azureRegistry = "Hq7Wv2Lx9Kp4Zt1Rb6Nm3Jc8Fs5Gd0Ya7Ue2Io9Pw4+ACRk3Lm8Q"
    static let tokens = [mailchimp, maxmind, entra, terraform, azureRegistry]
    static let ids = ["mailchimp-api-key", "maxmind-license-key", "azure-ad-client-secret", "terraform-cloud-token", "azure-identifiable-key"]

    /// Input and expected output side by side: each token alone on its line, after a name,
    /// quoted, and in prose, masked whole; the lines around stay.
    static let cases: [(input: String, expected: String)] = [
        (mailchimp, "[M]"),
        ("MC_KEY=\(mailchimp) # marketing", "MC_KEY=[M] # marketing"),
        ("client = Client('\(mailchimp)')", "client = Client('[M]')"),
        (maxmind, "[M]"),
        ("geoipupdate -k \(maxmind) -v", "geoipupdate -k [M] -v"),
        (entra, "[M]"),
        (#"{"secretText": "\#(entra)", "keyId": "1"}"#, #"{"secretText": "[M]", "keyId": "1"}"#),
        (terraform, "[M]"),
        ("token = \"\(terraform)\"", "token = \"[M]\""),
        ("docker login r.azurecr.io -p \(azureRegistry) -u ci", "docker login r.azurecr.io -p [M] -u ci"),
        ("see en-us docs, app_mmk and 8Q~ or x.atlasv1.y", "see en-us docs, app_mmk and 8Q~ or x.atlasv1.y"),
    ]

    static var engine: MaskingEngine {
        MaskingEngine(rules: Self.ids.map { MaskRule(detector: BuiltinDetectors.detector(id: $0)!, replacement: .template("[M]")) })
    }

    @Test func eachTokenIsMaskedWhole() {
        let engine = Self.engine
        for (input, expected) in Self.cases {
            #expect(text(engine.mask(bytes(input))) == expected, "input: \(input)")
        }
    }

    /// The property: no split of the stream into reads shows more of a token than the whole
    /// stream does (nothing), and the output is the same.
    @Test func noSplitShowsAnyPartOfAToken() {
        let engine = Self.engine
        let stream = Self.cases.map(\.input).joined(separator: "\n") + "\n"
        let whole = bytes(stream)
        let expected = Self.cases.map(\.expected).joined(separator: "\n") + "\n"
        #expect(text(engine.mask(whole)) == expected)
        func check(_ output: [UInt8], _ how: String) -> Bool {
            let shown = text(output)
            for token in Self.tokens {
                let visible = Self.longestVisiblePrefix(of: token, in: shown)
                if visible > 0 {
                    Issue.record("\(how): \(visible) bytes of \(token.prefix(6))… shown")
                    return false
                }
            }
            if shown != expected {
                Issue.record("\(how): \(firstDifference(output, bytes(expected)) ?? "")")
                return false
            }
            return true
        }
        for cut in 1..<whole.count where !check(feedInPieces(engine, whole, sizes: [cut]), "split at \(cut)") { return }
        #expect(check(feedInPieces(engine, whole, sizes: Array(repeating: 1, count: whole.count)), "byte by byte"))
        var random = SplitMix64(state: 10)
        for round in 0..<100 {
            let sizes = (0..<whole.count).map { _ in Int.random(in: 1...40, using: &random) }
            if !check(feedInPieces(engine, whole, sizes: sizes), "round \(round)") { return }
        }
    }

    /// The longest beginning (4 bytes or more, shorter ones are ordinary text) of `token`
    /// that `output` shows; 0 when none.
    static func longestVisiblePrefix(of token: String, in output: String) -> Int {
        let characters = Array(token)
        var length = characters.count
        while length >= 4 {
            if output.contains(String(characters[..<length])) { return length }
            length -= 1
        }
        return 0
    }

    @Test func aReadEndingInATokensStartHoldsItUntilTheMarkOrTheFlush() {
        let stream = MaskingStream(engine: Self.engine)
        let log = String(repeating: "step ok\n", count: 20)
        #expect(text(stream.feed(bytes(log + "KEY=" + Self.mailchimp.prefix(20)))) == log + "KEY=")
        #expect(!stream.holdsOnlyEchoedLookBack, "a long read is program output")
        #expect(text(stream.feed(bytes(Self.mailchimp.dropFirst(20) + "\n"))) == "[M]\n")
        // Without its mark the word is released by the flush window, as any held text is.
        #expect(text(stream.feed(bytes("total 42"))) == "total ")
        #expect(text(stream.flush()) == "42")
    }

    @Test func aTypedKeysEchoIsHeldOnlyAsALoneSmallRead() {
        let stream = MaskingStream(engine: Self.engine)
        #expect(text(stream.feed(bytes("$ "))) == "$ ")
        // Two keys in one read: both are held as a possible token's start, and the session
        // may show them at once.
        #expect(stream.feed(bytes("de")).isEmpty)
        #expect(!stream.holdsOnlyKeywordStart)
        #expect(stream.holdsOnlyEchoedLookBack, "a lone small read")
        #expect(text(stream.flush()) == "de")
        // The next key begins no token (its word started before it): it is written at once.
        #expect(text(stream.feed(bytes("f"))) == "f")
        #expect(!stream.hasPending)
        // Ordinary text ending in a line break holds nothing.
        #expect(text(stream.feed(bytes("\nbuild finished in 12 s\n"))) == "\nbuild finished in 12 s\n")
    }

    /// The first pass finds what searching everywhere finds, the masked leads included.
    @Test func thePrefilterAgreesWithSearchingEverywhere() {
        func engine(prefilter: Bool) -> MaskingEngine {
            MaskingEngine(rules: Self.ids.map {
                MaskRule(detector: BuiltinDetectors.detector(id: $0)!, replacement: .template("[M]"), usePrefilter: prefilter)
            })
        }
        let input = bytes(Self.cases.map(\.input).joined(separator: "\n"))
        let everywhere = engine(prefilter: false)
        let near = engine(prefilter: true)
        var random = SplitMix64(state: 3)
        for round in 0..<30 {
            let sizes = (0..<input.count).map { _ in Int.random(in: 1...25, using: &random) }
            if let difference = firstDifference(feedInPieces(near, input, sizes: sizes), feedInPieces(everywhere, input, sizes: sizes)) {
                Issue.record("round \(round): \(difference)")
                return
            }
        }
    }
}
