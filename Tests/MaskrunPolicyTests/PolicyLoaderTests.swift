import Testing
@testable import MaskrunEngine
@testable import MaskrunPolicy

@Suite struct PolicyLoaderTests {
    static let complete = """
        version: 1
        builtin: default          # default | all | none
        disable: [cookie-header]
        replacement: "[MASKED:{rule}]"
        rules:
          - id: password-fields
            field: '(?i)passw(or)?d|passwd|pwd'
          - id: internal-token
            regex: 'itk_([A-Za-z0-9]{32})'
            group: 1
            replacement: partial
          - id: deploy-secrets
            env: [DEPLOY_KEY, DB_PASSWORD]
          - id: hashed
            regex: 'user-[0-9]{6}'
            replacement: hash
        allow:
          - 'AKIAIOSFODNN7EXAMPLE'
          - regex: 'sha256:[0-9a-f]{64}'
        flush_after: 30ms
        logs: { redacted: out.cast, raw: raw.cast.age, raw_recipients: [age1abc], audit: audit.jsonl }
        """

    @Test func everyKeyOfTheSpecExampleLoads() throws {
        let policy = try PolicyLoader.parse(Self.complete, file: "p.yml")
        #expect(policy.builtin == .default)
        #expect(policy.disabled == ["cookie-header"])
        #expect(policy.rules.map(\.id) == ["password-fields", "internal-token", "deploy-secrets", "hashed"])
        #expect(policy.rules[1].source == .regex("itk_([A-Za-z0-9]{32})", group: 1))
        #expect(policy.rules[1].replacement == .partial)
        #expect(policy.rules[2].source == .environment(["DEPLOY_KEY", "DB_PASSWORD"]))
        #expect(policy.allow == [.literal("AKIAIOSFODNN7EXAMPLE"), .regex("sha256:[0-9a-f]{64}")])
        #expect(policy.flushAfter == .milliseconds(30))
        #expect(policy.logs.raw == "raw.cast.age")
        #expect(policy.logs.rawRecipients == ["age1abc"])
        #expect(!policy.activeDetectors.contains { $0.id == "cookie-header" })
    }

    @Test func compiledPolicyMasksAsWritten() throws {
        let policy = try PolicyLoader.parse(Self.complete, file: "p.yml")
        let engine = try PolicyCompiler.compile(
            policy, environment: ["DEPLOY_KEY": "dk-0123456789", "DB_PASSWORD": "s3cr3t-db"]
        ).engine
        let input = """
            pwd=letmein1 deploy dk-0123456789 db s3cr3t-db
            itk_0123456789abcdefABCDEF0123456789 AKIAIOSFODNN7EXAMPLE
            user-123456 user-123456 Cookie: a=b
            """
        let output = String(decoding: engine.mask(Array(input.utf8)), as: UTF8.self)
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines[0] == "pwd=[MASKED:password-fields] deploy [MASKED:deploy-secrets] db [MASKED:deploy-secrets]")
        #expect(lines[1] == "itk_****6789 AKIAIOSFODNN7EXAMPLE")
        let hashes = lines[2].split(separator: " ")
        #expect(hashes[0].hasPrefix("[hash:") && hashes[0] == hashes[1])
        #expect(lines[2].hasSuffix("Cookie: a=b"))  // cookie-header disabled
    }

    /// Broken policies, each with the exact position of the problem.
    @Test(arguments: [
        ("version: 1\nbuiltin: most\n", "p.yml:2:10: builtin must be one of default, all, none"),
        ("version: 1\nrules:\n  - id: a\n    regex: 'x'\n    colour: red\n", "p.yml:5:5: unknown key 'colour' in a rule (known: id, field, regex, group, env, values_file, replacement)"),
        ("rules:\n  - id: a\n    regex: 'ab'\n  - id: a\n    regex: 'cd'\n", "p.yml:4:9: duplicate rule id 'a'"),
        ("rules:\n  - id: bad\n    regex: 'abc(def'\n", "p.yml:3:20: rule 'bad': invalid regex: missing closing parenthesis (at offset 7)"),
        ("rules:\n  - id: bad\n    regex: ab[c\n", "p.yml:3:16: rule 'bad': invalid regex: missing terminating ] for character class (at offset 4)"),
        ("rules:\n  - id: g\n    regex: 'a(b)'\n    group: two\n", "p.yml:4:12: group must be a whole number"),
        ("rules:\n  - id: g\n    regex: 'a(b)'\n    group: 2\n", "p.yml:4:12: rule 'g': the regex has only 1 capture group"),
        ("disable: email\n", "p.yml:1:10: disable must be a list"),
        ("disable: [no-such-detector]\n", "p.yml:1:11: unknown built-in detector 'no-such-detector' (see 'maskrun policy show --builtin')"),
        ("flush_after: soon\n", "p.yml:1:14: flush_after must be a duration such as 30ms or 1s"),
        ("rules:\n  - id: both\n    regex: 'x+'\n    field: 'y'\n", "p.yml:2:5: rule 'both' has both field and regex; give one"),
        ("rules:\n  - id: e\n    regex: 'a*'\n", "p.yml:3:12: rule 'e': the regex matches the empty string"),
        ("rules: [\n  - id: a\n", "p.yml:2:3: invalid YAML: did not find expected node content"),
        ("version: 1\nversion: 1\n", "p.yml:1:1: duplicate key 'version'"),
        ("allow:\n  - regex: '(?<n'\n", "p.yml:2:17: allow: invalid regex: syntax error in subpattern name (missing terminator?) (at offset 4)"),
        ("rules:\n  - id: 'has space'\n    regex: x\n", "p.yml:2:9: rule id must be letters, digits, '-', '_' or '.'"),
        ("rules:\n  - regex: x\n", "p.yml:2:5: rule has no id"),
        ("version: 2\n", "p.yml:1:10: unsupported version; this maskrun reads version 1"),
        ("replacement: hashed\n", "p.yml:1:14: unknown replacement 'hashed'; did you mean 'hash'? (one of template, mask, partial, hash, drop, or a template such as '[MASKED:{rule}]')"),
        ("rules:\n  - id: a\n    regex: x\n    replacement: Mask\n", "p.yml:4:18: unknown replacement 'Mask'; did you mean 'mask'? (one of template, mask, partial, hash, drop, or a template such as '[MASKED:{rule}]')"),
        ("rules:\n  - id: a\n    regx: x\n", "p.yml:3:5: unknown key 'regx' in a rule; did you mean 'regex'? (known: id, field, regex, group, env, values_file, replacement)"),
        ("rules:\n  - id: g\n    regex: 'ab'\n    group: 1\n", "p.yml:4:12: rule 'g': the regex has no capture groups"),
        ("rules:\n\t- id: a\n", "p.yml:2:1: invalid YAML: found character that cannot start any token (YAML does not allow tabs for indentation; indent with spaces)"),
        ("rules:\n  - id: a\n    regex: \"\\d{3}\"\n", "p.yml:3:13: invalid YAML: found unknown escape character (inside double quotes YAML reads backslashes as escapes; write a regex in single quotes, as in regex: '\\d{3}')"),
    ])
    func brokenPolicies(text: String, expected: String) {
        do {
            _ = try PolicyLoader.parse(text, file: "p.yml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description == expected)
        }
    }

    @Test func shortEnvironmentValueIsRefusedWithoutQuotingIt() throws {
        let policy = try PolicyLoader.parse("rules:\n  - id: d\n    env: [SHORT]\n", file: "p.yml")
        do {
            _ = try PolicyCompiler.compile(policy, environment: ["SHORT": "xyz"])
            Issue.record("accepted a 3-byte value")
        } catch {
            #expect(error.description == "p.yml:2:5: rule 'd': the value of SHORT is shorter than 4 bytes; refusing to mask it everywhere")
            #expect(!error.description.contains("xyz"))
        }
    }

    @Test func unsetEnvironmentVariableIsAWarningNotAnError() throws {
        let policy = try PolicyLoader.parse("rules:\n  - id: d\n    env: [UNSET_ONE]\n", file: "p.yml")
        let result = try PolicyCompiler.compile(policy, environment: [:])
        #expect(result.warnings == ["p.yml:2:5: rule 'd': environment variable UNSET_ONE is not set; nothing to mask for it"])
    }

    @Test func shortLineInValuesFileNamesTheLineNotTheValue() {
        do {
            _ = try LiteralFile.parse(Array("long-enough\n\nab\n".utf8), name: "vals", minimumLength: 4)
            Issue.record("accepted")
        } catch {
            #expect(error.message == "vals:3: value is shorter than 4 bytes; refusing to mask it everywhere")
        }
    }

    @Test func durations() {
        #expect(DurationText.parse("30ms") == .milliseconds(30))
        #expect(DurationText.parse("1.5s") == .milliseconds(1500))
        #expect(DurationText.parse("250us") == .microseconds(250))
        #expect(DurationText.parse("2m") == .seconds(120))
        #expect(DurationText.parse("30") == nil)
        #expect(DurationText.format(.milliseconds(30)) == "30ms")
        #expect(DurationText.format(.seconds(1)) == "1s")
    }
}
