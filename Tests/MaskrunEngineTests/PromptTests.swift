import Testing
@testable import MaskrunEngine

/// A name and its joint printed without a value (a prompt, or a value still to come) are
/// public text and written at once; the value, printed later in pieces, is masked whole.
@Suite struct PromptTests {
    /// A policy `field:` rule, built as the policy compiler builds it.
    static func fieldEngine() -> MaskingEngine {
        let built = FieldPattern.build(keyPattern: "db_secret", keyCaptureCount: 0)
        let rule = MaskRule(
            id: "db", regex: try! PCRE2Regex(built.pattern), maskGroup: built.valueGroup,
            replacement: .template(Replacement.defaultTemplate), valueStartProbe: PCRE2Regex(deferredProbe: built.probe))
        return MaskingEngine(rules: [rule])
    }

    @Test(arguments: ["db_secret: ", "db_secret=", "db_secret = \"", "--db_secret "])
    func aFieldRulesNameAndJointShowAtOnce(prompt: String) {
        let stream = MaskingStream(engine: Self.fieldEngine())
        #expect(text(stream.feed(bytes("x\n" + prompt))) == "x\n" + prompt)
        var rest = ""
        for piece in ["hun", "ter2", "2x"] { rest += text(stream.feed(bytes(piece))) }
        rest += text(stream.feed(bytes(prompt.hasSuffix("\"") ? "\"\n" : "\n"))) + text(stream.finish())
        #expect(rest.hasPrefix("[MASKED:db]"), "\(rest)")
        #expect(!rest.contains("hun") && !rest.contains("2x"))
    }

    /// The quote that opens a quoted value is no part of it: written with the name.
    @Test(arguments: ["api_key = '", "token: '", "api_key='"])
    func aQuoteOpeningAValueShowsWithItsName(prompt: String) {
        let stream = MaskingStream(engine: defaultEngine())
        #expect(text(stream.feed(bytes(prompt))) == prompt)
        var rest = ""
        for piece in ["k8Lq2", "Wz7Xr", "4Tm9Vb3Nc6", "'\n"] { rest += text(stream.feed(bytes(piece))) }
        rest += text(stream.finish())
        #expect(rest == "[MASKED:secret-field]'\n")
    }
}
