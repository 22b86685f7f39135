import Testing
@testable import MaskrunEngine
@testable import MaskrunPolicy

/// Vendors' documentation examples stay readable under the built-in policies; real-looking
/// values next to them are still masked.
@Suite struct KnownExamplesTests {
    private func mask(_ input: String, builtin: Policy.BuiltinSet) throws -> String {
        var policy = Policy()
        policy.builtin = builtin
        let engine = try PolicyCompiler.compile(policy, environment: [:]).engine
        return String(decoding: engine.mask(Array(input.utf8)), as: UTF8.self)
    }

    @Test func documentationExamplesAreNotMasked() throws {
        let input = "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"
        #expect(try mask(input, builtin: .default) == input)
        #expect(try mask(input, builtin: .all) == input)
    }

    @Test func valuesBesideThemAreStillMasked() throws {
        let output = try mask("AKIAIOSFODNN7EXAMPLE and AKIAZ3MSJV4WWNKWW5FG\n", builtin: .default)
        #expect(output == "AKIAIOSFODNN7EXAMPLE and [MASKED:aws-access-key-id]\n")
    }

    @Test func everyKnownExampleIsSomethingADetectorWouldMask() throws {
        var policy = Policy()
        policy.builtin = .all
        let engine = MaskingEngine(rules: policy.activeDetectors.map {
            MaskRule(detector: $0, replacement: .template("[M]"))
        })
        // Each value where its detector looks for it.
        let contexts = [" ", "aws_secret_access_key = ", "AccountKey=", "https://hooks.slack.com/services/"]
        for known in BuiltinDetectors.knownExamples {
            let masked = contexts.contains { context in
                String(decoding: engine.mask(Array("\(context)\(known) ".utf8)), as: UTF8.self) == "\(context)[M] "
            }
            // Or it says it is a stand-in (`…EXAMPLE`, `XXXX…`), which no detector masks.
            #expect(masked || ValueShape.isStandIn(ArraySlice(known.utf8), format: true), "\(known) is not masked even without the allow list")
        }
    }
}
