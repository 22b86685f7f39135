import Foundation
import Testing
@testable import MaskrunEngine

@Suite struct ReplacementTests {
    func masked(_ input: String, _ replacement: Replacement) -> String {
        let engine = MaskingEngine(rules: [rule("r", "s3cret[0-9a-z]*", replacement)], hashKey: bytes("k"))
        return text(engine.mask(bytes(input)))
    }

    @Test func styles() {
        #expect(masked("a s3cret b", .template("<{rule}>")) == "a <r> b")
        #expect(masked("a s3cret b", .mask) == "a ****** b")
        #expect(masked("a s3cret b", .partial) == "a **** b")
        #expect(masked("a s3cret0123456789 b", .partial) == "a ****6789 b")
        #expect(masked("a s3cret b", .drop) == "a  b")
        let hashed = masked("a s3cret b", .hash)
        #expect(hashed.range(of: #"^a \[hash:[0-9a-f]{12}\] b$"#, options: .regularExpression) != nil)
        #expect(masked("s3cret and s3cret", .hash).split(separator: " ")[0] == masked("s3cret and s3cret", .hash).split(separator: " ")[2])
        #expect(masked("s3creta", .hash) != masked("s3cretb", .hash))
    }

    @Test func maskCountsCharactersNotBytes() {
        let engine = MaskingEngine(rules: [rule("r", "pässwört", .mask)])
        #expect(text(engine.mask(bytes("pässwört"))) == "********")
    }

    @Test func hashKeyMakesHashesDifferAcrossSessions() {
        let one = MaskingEngine(rules: [rule("r", "s3cret", .hash)])
        let two = MaskingEngine(rules: [rule("r", "s3cret", .hash)])
        #expect(one.mask(bytes("s3cret")) != two.mask(bytes("s3cret")))
    }
}

@Suite struct LiteralValueTests {
    static let secret = "Tr0ub4dor&3-horse"

    func engine(_ value: String = secret) -> MaskingEngine {
        let pattern = LiteralValues.pattern(for: LiteralValues.forms(of: bytes(value)))
        return MaskingEngine(rules: [MaskRule(id: "v", regex: try! PCRE2Regex(pattern), replacement: .template("[V]"))])
    }

    @Test func rawAndDerivedEncodingsAreMasked() {
        let value = Self.secret
        let base64 = { (prefix: String) in Data((prefix + value).utf8).base64EncodedString() }
        let cases: [String] = [
            value,
            base64(""), base64("u:"), base64("user:"),  // offsets 0, 2 and 2 (5 mod 3)
            base64("ab:"), base64("a"),  // offsets 0 and 1
            base64("user:").replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_"),
            value.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!,
            "Tr0ub4dor\\u0026",  // not produced: only the JSON escapes below are
            #"Tr0ub4dor&3-horse"#,
            "'Tr0ub4dor&3-horse'", #"Tr0ub4dor\&3-horse"#,
        ]
        for (index, encoded) in cases.enumerated() where index != 8 {
            let output = text(engine().mask(bytes("x \(encoded) y")))
            #expect(output.contains("[V]"), "form \(index): \(encoded) -> \(output)")
            #expect(!output.contains("Tr0ub4dor"), "form \(index): \(encoded) -> \(output)")
        }
        // Base64 of the value alone must lose every character that depends on the secret.
        let output = text(engine().mask(bytes(base64("user:"))))
        #expect(output.count < base64("user:").count)
    }

    @Test func jsonAndShellQuoting() {
        let value = #"it's a "quoted" \ value"#
        let json = #"it's a \"quoted\" \\ value"#
        let shell = #"it'\''s a "quoted" \ value"#
        for form in [value, json, shell] {
            let output = text(engine(value).mask(bytes("[\(form)]")))
            #expect(output == "[[V]]", "\(form) -> \(output)")
        }
    }

    @Test func eachLineOfAMultiLineValue() {
        let value = "line-one-secret\nline-two-secret\n"
        let output = text(engine(value).mask(bytes("a line-two-secret b line-one-secret c")))
        #expect(output == "a [V] b [V] c")
    }

    @Test func regexMetacharactersAreLiteral() {
        let output = text(engine("a.b*c(d)").mask(bytes("axb*c(d) a.b*c(d)")))
        #expect(output == "axb*c(d) [V]")
    }
}
