import Testing
import MaskrunEngine
import MaskrunPolicy

/// A policy's own patterns are compiled once, by the loader that checks them; the compiler
/// builds the engine from what the loader kept.
@Suite struct CompiledOnceTests {
    private let text = """
        builtin: none
        rules:
          - id: ticket
            regex: 'TICKET-[0-9]{4}'
          - id: pin
            field: 'pin'
        allow:
          - regex: 'TICKET-0000'
        """

    private func mask(_ input: String, _ policy: Policy) throws -> String {
        let engine = try PolicyCompiler.compile(policy, environment: [:]).engine
        return String(decoding: engine.mask(Array(input.utf8)), as: UTF8.self)
    }

    @Test func theLoaderKeepsEveryPatternItChecked() throws {
        let policy = try PolicyLoader.parse(text, file: "p.yaml")
        #expect(Set(policy.checkedPatterns.keys) == ["TICKET-[0-9]{4}", "pin", "TICKET-0000"])
    }

    /// Swapping what the loader kept for a different compiled pattern changes what the
    /// engine masks: the compiler used the loader's regex and did not compile the text again.
    @Test func theCompilerUsesWhatTheLoaderCompiled() throws {
        var policy = try PolicyLoader.parse(text, file: "p.yaml")
        #expect(try mask("TICKET-1234 and TICKET-abcd\n", policy) == "[MASKED:ticket] and TICKET-abcd\n")
        // Same literal prefix, so the first pass still finds its candidates.
        policy.checkedPatterns["TICKET-[0-9]{4}"] = try PCRE2Regex("TICKET-[a-z]{4}")
        #expect(try mask("TICKET-1234 and TICKET-abcd\n", policy) == "TICKET-1234 and [MASKED:ticket]\n")
    }

    /// A policy built in code, whose patterns no loader saw, is compiled by the compiler,
    /// and a pattern PCRE2 refuses there is a located error.
    @Test func aPatternNoLoaderSawIsCompiledOrRefusedWithItsPlace() throws {
        var policy = try PolicyLoader.parse(text, file: "p.yaml")
        policy.checkedPatterns = [:]
        #expect(try mask("TICKET-1234 TICKET-0000\n", policy) == "[MASKED:ticket] TICKET-0000\n")
        policy.allow = [.regex("(unclosed")]
        #expect(throws: PolicyError.self) { try PolicyCompiler.compile(policy, environment: [:]) }
        do {
            _ = try PolicyCompiler.compile(policy, environment: [:])
        } catch {
            #expect(error.description.hasPrefix("p.yaml:1:1: allow: the regex does not compile"))
        }
    }
}
