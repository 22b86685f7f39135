import Testing
@testable import MaskrunEngine

/// Every built-in detector masks its own examples and leaves its counterexamples alone.
@Suite struct DetectorTests {
    @Test(arguments: BuiltinDetectors.all.map(\.id))
    func examplesAreMasked(id: String) throws {
        let detector = try #require(BuiltinDetectors.detector(id: id))
        let engine = MaskingEngine(rules: [try MaskRule(detector: detector, replacement: .template("[M]"))])
        #expect(!detector.examples.isEmpty)
        for example in detector.examples {
            let (input, expected) = unmark(example, replacement: "[M]")
            #expect(text(engine.mask(bytes(input))) == expected, "example: \(example)")
        }
        for counterexample in detector.counterexamples {
            #expect(text(engine.mask(bytes(counterexample))) == counterexample)
        }
    }

    @Test func idsAreUnique() {
        let ids = BuiltinDetectors.all.map(\.id)
        #expect(Set(ids).count == ids.count)
    }

    @Test func everyPatternCompilesAndNeverMatchesEmpty() throws {
        for detector in BuiltinDetectors.all {
            let regex = try PCRE2Regex(detector.pattern)
            #expect(!regex.matchesEmpty, "\(detector.id)")
        }
    }
}
