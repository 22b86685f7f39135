import Testing
@testable import MaskrunEngine

/// The gates of the name detector, the list, the tuple and the command-line password rules
/// (`JointGate`, issue 13) rule out only keyword hits where PCRE2 itself finds nothing:
/// checked against the anchored pattern at every position of random text cut at every
/// length, and against the same rule without the gate, however the stream is split.
@Suite struct JointGateTests {
    static let gatedRules = ["secret-field", "secret-list", "secret-tuple", "command-line-password"]
    static let detector = BuiltinDetectors.all.first { $0.id == "secret-field" }!
    static let gated = rule("secret-field")

    static func detector(_ id: String) -> Detector { BuiltinDetectors.all.first { $0.id == id }! }
    static func rule(_ id: String) -> MaskRule { MaskRule(detector: detector(id), replacement: .template(Replacement.defaultTemplate)) }
    /// The same rule with the same keywords, every hit tried by PCRE2.
    static func ungated(_ id: String) -> MaskRule {
        let detector = detector(id)
        let prefilter = detector.prefilter!
        return MaskRule(
            id: detector.id, regex: PCRE2Regex(deferred: detector.pattern), maskGroup: detector.group,
            replacement: .template(Replacement.defaultTemplate),
            prefilter: Prefilter(keywordBytes: prefilter.keywordBytes, caseless: prefilter.caseless, lead: prefilter.lead),
            validator: detector.validator, matchValidator: detector.matchValidator)
    }

    /// Names, cut or whole, in any case; joints and values of every syntax; prose; odd bytes.
    static func randomText(_ random: inout SplitMix64) -> [UInt8] {
        let names = SecretNames.keywords + ["db_password", "apiKey", "GITHUB_TOKEN", "x-api-key", "--password", "--api-token",
                                            "token_type", "secret.name", String(repeating: "token_", count: 8),
                                            " -storagekey", "(-pw", " -x9token", "a-key", String(repeating: "k", count: 17) + "key",
                                            // programs that take a password option, and user agents
                                            "curl", "mysql", "7z", "vault", "redis-cli", "-passout", "PsExec.exe", "docker", "smbclient"]
        let joints = ["=", ": ", " = ", "\": \"", "\"", "'", " '", " - '", " |", "(", "(\"", "\n  value: ", ">", "</",
                      "  ", "\\\": \\\"", " := ", " => ", "[0]", "\"]", " string = \"", ": |\n  ", " =\n  ", "\", \"",
                      ", \"value\": \"", " value=\"", "\r\n", " ", "\t", "::", "?", "+=", ".=", "!==",
                      // lists, values on the next line, variables' defaults, tuples
                      ":\n  - ", "\n  - ", ": [", "\": [\"", " = [\n  \"", ", ", "]", " =\n  '", " = \\\n  \"",
                      "\" {\n  default = \"", "\" {\n  type = string\n  default = \"", "{", ", user", ", err := ",
                      " string = ", " []byte = ", " *cfg.T := ", " reset = ",
                      // options of command lines
                      " -u ", " -p", " --user ", " pass:", "/8.5.0 ", " login ", " -U ", "%", " -a ", "\t-p", "=", "  -P "]
        let values = ["s3cr3tV4lue9", "hunter22", "true", "4096", "${X}", "a b c", "renewed", "sha=sha256:ab", "string",
                      "[]byte", "\"\"", "x", "-v", "ghp_aB3dE5fG7hJ9kL1mN3pQ5r",
                      "ci:Qv7-Ln2wXp", "'My Pass 1'", "Wr8tLq2Vx"]
        var text: [UInt8] = []
        for _ in 0..<Int.random(in: 1...24, using: &random) {
            switch Int.random(in: 0..<6, using: &random) {
            case 0, 1:
                let name = Array(names.randomElement(using: &random)!.utf8)
                let cut = Bool.random(using: &random) ? name.count : Int.random(in: 1...name.count, using: &random)
                text += name[..<cut].map { Bool.random(using: &random) ? $0.flippedCaseASCII : $0 }
            case 2: text += Array(joints.randomElement(using: &random)!.utf8)
            case 3: text += Array(values.randomElement(using: &random)!.utf8)
            case 4: text.append(UInt8.random(in: 0...255, using: &random))
            default: text += Array(["_", "-", ".", " ", "\n", "a", "Z", "9", "/", "#", ";"].randomElement(using: &random)!.utf8)
            }
        }
        return text
    }

    @Test(arguments: gatedRules) func rulesOutOnlyWhereTheAnchoredPatternFindsNothing(_ id: String) {
        let rule = Self.rule(id)
        let gate = rule.prefilter!.gate!
        #expect(gate.table.tables != nil)
        #expect(gate.word.map { $0.tables != nil } ?? true)
        let anchored = rule.anchoredRegex!
        let scratch = MatchScratch()
        var random = SplitMix64(state: 1313)
        var ruledOut = 0
        for round in 0..<300 {
            let full = Self.randomText(&random)
            // The end of the input may fall anywhere.
            let lengths = [full.count] + (0..<8).map { _ in Int.random(in: 0...full.count, using: &random) }
            for length in lengths {
                let subject = Array(full[..<length])
                for start in 0..<length {
                    guard subject.withUnsafeBufferPointer({ gate.rulesOut(at: start, in: $0) }) else { continue }
                    ruledOut += 1
                    let result = scratch.match(anchored, in: subject, from: start, partial: true)
                    guard result == .noMatch else {
                        Issue.record("\(id), round \(round): ruled out at \(start) of \(text(subject).debugDescription), PCRE2: \(result)")
                        return
                    }
                }
            }
        }
        // The gate does rule out most positions of such text.
        #expect(ruledOut > 10_000)
    }

    @Test func proseIsRuledOutOnItsBytes() {
        let gate = Self.gated.prefilter!.gate!
        func rulesOut(_ line: String) -> Bool { Array(line.utf8).withUnsafeBufferPointer { gate.rulesOut(at: 0, in: $0) } }
        for prose in ["token renewed", "password complete", "api/v1/orders", "secret recipe", "key.pem is missing"] {
            #expect(rulesOut(prose), "\(prose)")
        }
        for line in ["token=abc", "token: abc", "password \"v\"", "--password v", "token", "token ", "api_key = 'v'",
                     "token  v", "token string = \"v\"", "passwd(\"v\")", "secret\n  value: v", "tok"] {
            #expect(!rulesOut(line), "\(line)")
        }
        // A single-dash option's name is followed by white space and its value.
        func rulesOut(_ line: String, at start: Int) -> Bool { Array(line.utf8).withUnsafeBufferPointer { gate.rulesOut(at: start, in: $0) } }
        #expect(!rulesOut(" -storagekey V", at: 9))
    }

    @Test(arguments: gatedRules) func theGateChangesNoOutputHoweverTheStreamIsSplit(_ id: String) {
        let fast = MaskingEngine(rules: [Self.rule(id)]), reference = MaskingEngine(rules: [Self.ungated(id)])
        var random = SplitMix64(state: 4242)
        for round in 0..<400 {
            let input = Self.randomText(&random)
            var sizes: [Int] = []
            while sizes.reduce(0, +) < input.count { sizes.append(Int.random(in: 1...16, using: &random)) }
            let expected = feedInPieces(reference, input, sizes: [input.count])
            if let difference = firstDifference(feedInPieces(fast, input, sizes: sizes), expected) {
                Issue.record("\(id), round \(round): \(difference)")
                return
            }
            if let difference = firstDifference(feedInPieces(reference, input, sizes: sizes), expected) {
                Issue.record("\(id), round \(round), without the gate: \(difference)")
                return
            }
        }
    }

    /// The list rule asks for a list, a line break or a variable's brace after the name; the
    /// tuple rule for a comma or an assignment, past a Go type word: prose stays unparsed.
    @Test func listAndTupleGatesRuleOutProse() {
        func rulesOut(_ id: String, _ line: String) -> Bool {
            let gate = Self.rule(id).prefilter!.gate!
            return Array(line.utf8).withUnsafeBufferPointer { gate.rulesOut(at: 0, in: $0) }
        }
        for id in ["secret-list", "secret-tuple"] {
            for prose in ["token renewed\n", "password reset email sent", "session hit token renewed", "secret recipe here",
                          "api/v1/orders", "keys are rotated"] {
                #expect(rulesOut(id, prose), "\(id): \(prose)")
            }
        }
        for line in ["passwords:\n  - \"v\"", "api_keys\": [\"v\"]", "tokens = [\n", "db_password = \\\n  \"v\"",
                     "api_token\" {\n  default = \"v\"\n}", "token ", "tokens:", "token\""] {
            #expect(!rulesOut("secret-list", line), "\(line)")
        }
        #expect(rulesOut("secret-list", "token=abc123 ok"))
        for line in ["pass := \"v\"", "apiToken, region string = \"v\", \"eu\"", "password, port = 'v', 1",
                     "deployPassword2 string = \"a\", \"b\"", "token pkg.Secret = \"a\", \"b\"", "token string", "token  ", "token renewed"] {
            #expect(!rulesOut("secret-tuple", line), "\(line)")
        }
        for line in ["password: hunter22", "password string reset", "token - x"] {
            #expect(rulesOut("secret-tuple", line), "\(line)")
        }
    }

    /// The gate's premise: a secret word's pattern consumes only bytes of `nameClass`, so a
    /// name ends where the run of such bytes does (lookarounds consume nothing).
    @Test func secretWordsConsumeOnlyNameBytes() throws {
        let nameByte = try PCRE2Regex(SecretNames.nameClass, caseless: true)
        let scratch = MatchScratch()
        for word in SecretNames.words {
            let consumed = Self.withoutLookarounds(word.pattern)
            // What is left may only be name bytes, character classes of them and grouping.
            var index = consumed.startIndex
            while index < consumed.endIndex {
                let character = consumed[index]
                if character == "[" {
                    let close = consumed[index...].firstIndex(of: "]")!
                    let members = consumed[consumed.index(after: index)..<close]
                    #expect(!members.hasPrefix("^"), "\(word.pattern): negated class")
                    for member in members.utf8 where member != UInt8(ascii: "-") || members.count == 1 {
                        #expect(scratch.match(nameByte, in: [member], from: 0, partial: false) != .noMatch, "\(word.pattern)")
                    }
                    index = consumed.index(after: close)
                    continue
                }
                let grouping = "()|?".contains(character)
                let nameCharacter = character.isASCII
                    && scratch.match(nameByte, in: Array(String(character).utf8), from: 0, partial: false) != .noMatch
                #expect(grouping || nameCharacter, "\(word.pattern): \(character) may consume other bytes")
                index = consumed.index(after: index)
            }
        }
    }

    /// `pattern` with its lookaround groups left out, and groups (`(?:`, `(?i:`) as `(`.
    static func withoutLookarounds(_ pattern: String) -> String {
        var result = ""
        var characters = Array(pattern)
        var index = 0
        while index < characters.count {
            let rest = String(characters[index...])
            if rest.hasPrefix("(?=") || rest.hasPrefix("(?!") || rest.hasPrefix("(?<=") || rest.hasPrefix("(?<!") {
                var depth = 0
                repeat {
                    if characters[index] == "\\" { index += 1 } else if characters[index] == "(" { depth += 1 } else if characters[index] == ")" { depth -= 1 }
                    index += 1
                } while depth > 0 && index < characters.count
                continue
            }
            for option in ["(?i:", "(?-i:", "(?:"] where rest.hasPrefix(option) {
                characters.removeSubrange(index..<(index + option.count))
                characters.insert("(", at: index)
            }
            result.append(characters[index])
            index += 1
        }
        return result
    }
}
