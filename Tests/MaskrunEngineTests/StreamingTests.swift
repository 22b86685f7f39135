import Testing
@testable import MaskrunEngine

/// SPEC §4: the same output however the stream is split, held bytes released on flush,
/// fail closed, bytes not text, bounded memory.
@Suite struct StreamingTests {
    static let corpus: [UInt8] = {
        var text = """
        $ env
        AWS_ACCESS_KEY_ID=AKIAZ3MSJV4WWNKWW5FG
        aws_secret_access_key = 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
        GITHUB_TOKEN=ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY
        note: glpat-xR4aT9bQ2mN7cW1zK5vY and xoxb-263594206564-2343784873232-Wq9gZ4zKpR0LsT3nVbX8cY1d
        > Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U
        < Set-Cookie: session=8f2b1c; Path=/
        clone https://deploy:s3cr3t-Pa55@git.example.com/repo.git
        {"password": "with \\"quotes\\" inside", "user": "bob"}
        --client-secret=abc123xyz done
        -----BEGIN OPENSSH PRIVATE KEY-----
        b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
        -----END OPENSSH PRIVATE KEY-----
        literal: my-literal-secret-value and base64: dXNlcjpteS1saXRlcmFsLXNlY3JldC12YWx1ZQ==
        internal itk_0123456789abcdefABCDEF0123456789 end
        password reset email sent; token count: 4096
        """
        text += "\n\u{1B}[1;39m{\u{1B}[0m\u{1B}[34;1m\"api_key\"\u{1B}[0m\u{1B}[1;39m:\u{1B}[0m \u{1B}[0;32m\"k-8sd7f6g5\"\u{1B}[0m}"
        text += "\ngrep: ghp_R2d9\u{1B}[01;31m\u{1B}[KXc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY\u{1B}[m\u{1B}[K ok\u{1B}]0;title\u{07}\u{1B}(B\n"
        return Array(text.utf8) + [0xFF, 0x00, 0xC3, 0x28] + Array(" DB_PASSWORD=hunter22\n".utf8)
    }()

    static func engine() -> MaskingEngine {
        let literal = MaskRule(
            id: "known-values",
            regex: try! PCRE2Regex(LiteralValues.pattern(for: LiteralValues.forms(of: bytes("my-literal-secret-value")))),
            replacement: .template(Replacement.defaultTemplate))
        return defaultEngine(extra: [literal, rule("internal-token", "itk_[A-Za-z0-9]{32}", .partial)])
    }

    @Test func wholeCorpusIsMasked() {
        let output = text(Self.engine().mask(Self.corpus))
        for secret in ["AKIAZ3MSJV4WWNKWW5FG", "wJalrXUtnFEMI", "ghp_R2d9", "glpat-", "xoxb-", "eyJhbGci",
                       "8f2b1c", "s3cr3t-Pa55", "quotes", "abc123xyz", "b3BlbnNzaC1r", "my-literal-secret",
                       "dXNlcjpteS1saXRlcmFsLXNlY3JldC12YWx1ZQ", "itk_0123", "hunter22"] {
            #expect(!output.contains(secret), "\(secret) leaked")
        }
        #expect(output.contains("password reset email sent; token count: 4096"))
        #expect(!output.contains("k-8sd7f6g5"))
        #expect(output.contains("****6789 end"))
    }

    @Test func everySplitIntoTwoGivesTheSameOutput() {
        let engine = Self.engine()
        let whole = engine.mask(Self.corpus)
        for cut in 1..<Self.corpus.count {
            if let difference = firstDifference(feedInPieces(engine, Self.corpus, sizes: [cut]), whole) {
                Issue.record("split at \(cut): \(difference)")
                return
            }
        }
    }

    @Test func randomSmallReadsGiveTheSameOutput() {
        let engine = Self.engine()
        let whole = engine.mask(Self.corpus)
        var random = SplitMix64(state: 42)
        for round in 0..<200 {
            var sizes: [Int] = []
            var total = 0
            while total < Self.corpus.count {
                let size = Int.random(in: 1...7, using: &random)
                sizes.append(size)
                total += size
            }
            if let difference = firstDifference(feedInPieces(engine, Self.corpus, sizes: sizes), whole) {
                Issue.record("round \(round): \(difference)")
                return
            }
        }
    }

    @Test func oneByteAtATimeGivesTheSameOutput() {
        let engine = Self.engine()
        let output = feedInPieces(engine, Self.corpus, sizes: Array(repeating: 1, count: Self.corpus.count))
        #expect(firstDifference(output, engine.mask(Self.corpus)) == nil)
    }

    @Test func prefilterFindsWhatSearchingEverywhereFinds() {
        func engine(prefilter: Bool) -> MaskingEngine {
            MaskingEngine(rules: BuiltinDetectors.all.map {
                MaskRule(detector: $0, replacement: .template(Replacement.defaultTemplate), usePrefilter: prefilter)
            })
        }
        let examples = BuiltinDetectors.all.flatMap { $0.examples + $0.counterexamples }
            .map { $0.replacingOccurrences(of: "«", with: "").replacingOccurrences(of: "»", with: "") }
        let input = Self.corpus + bytes("\n" + examples.joined(separator: "\n") + "\nProxy-Authorization: Basic eA==\n--api-key k3y-valu3\n")
        let everywhere = engine(prefilter: false).mask(input)
        if let difference = firstDifference(engine(prefilter: true).mask(input), everywhere) {
            Issue.record("whole: \(difference)")
        }
        var random = SplitMix64(state: 9)
        // With the whole catalogue each read costs every rule a look, so fewer and larger
        // reads here; DetectorTests splits each detector's own examples at every byte.
        for round in 0..<10 {
            let sizes = (0..<input.count).map { _ in Int.random(in: 1...33, using: &random) }
            if let difference = firstDifference(feedInPieces(engine(prefilter: true), input, sizes: sizes), everywhere) {
                Issue.record("round \(round): \(difference)")
                return
            }
        }
    }

    @Test func aSecretIsNeverWrittenInPieces() {
        let stream = MaskingStream(engine: defaultEngine())
        var output = stream.feed(bytes("token ghp_R2d9Xc8LQm4Zp"))
        #expect(text(output) == "token ")
        output += stream.feed(bytes("T7vW1yK3nB6sH0aJfE5uGxY and more\n"))
        #expect(text(output) == "token [MASKED:github-token] and more\n")
    }

    @Test func valueArrivingAfterAFlushIsStillMasked() {
        let stream = MaskingStream(engine: defaultEngine())
        var output = stream.feed(bytes("password: hun"))
        #expect(text(output) == "password: ")  // the name and joint at once, the value held
        output += stream.flush()  // the pause: what was held is masked, as it may be a value
        #expect(text(output) == "password: [MASKED:secret-field]")
        output += stream.feed(bytes("ter22\n"))
        output += stream.finish()
        #expect(text(output) == "password: [MASKED:secret-field]*****\n")
    }

    /// A held name and its joint are public text: only what may be a value is held back
    /// (SPEC §4), never the `password: ` before it.
    @Test func aNameAndJointAreWrittenAtOnceAndTheValueHeld() {
        let engine = defaultEngine()
        for (input, written) in [("password: hun", "password: "), ("DB_PASSWORD=hunt", "DB_PASSWORD="),
                                 ("--password p4s", "--password "), ("Enter your password: s3c", "Enter your password: ")] {
            let stream = MaskingStream(engine: engine)
            #expect(text(stream.feed(bytes(input))) == written, "\(input.debugDescription)")
            #expect(stream.hasPending && !stream.holdsOnlyKeywordStart)
        }
        // A prompt alone is written whole: no value has begun (a `:` that might begin `://`
        // is released by the URL rules' probes too).
        for prompt in ["Password: ", "Enter your password: ", "DB_PASSWORD= ", "[sudo] password for ci: "] {
            let stream = MaskingStream(engine: engine)
            #expect(text(stream.feed(bytes(prompt))) == prompt, "\(prompt.debugDescription)")
            #expect(!stream.hasPending)
        }
    }

    /// Prompts and the values typed or printed after them, split at every byte and read a
    /// byte at a time: writing a prompt's name and joint early never writes a value's
    /// first bytes (they would then show in place of the mask).
    @Test func promptsAndValuesGiveTheSameOutputHoweverSplit() {
        let engine = defaultEngine()
        let input = bytes("""
            Password: hunter22-Xk9
            Enter password:s3cr3t-Pw9 done
            DB_PASSWORD=pG8xK2mQ0z; token = 'ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5'
            --password  p4ssw0rd-Long --user bob
            {"api_key": "k-8sd7f6g5", "password": "with \\"quotes\\" inside"}
            password: |
              Blk8Scalar9Pw
            secret =
                ini-Value-77x
            <password>cG1ihNBRNOgMnV7P</password>
            password    vaultPw-7Hs2
            token: expired; password reset email sent
            """)
        let whole = engine.mask(input)
        #expect(!text(whole).contains("hunter22") && !text(whole).contains("vaultPw"))
        for cut in 1..<input.count {
            if let difference = firstDifference(feedInPieces(engine, input, sizes: [cut]), whole) {
                Issue.record("split at \(cut): \(difference)")
                return
            }
        }
        let byteByByte = feedInPieces(engine, input, sizes: Array(repeating: 1, count: input.count))
        #expect(firstDifference(byteByByte, whole) == nil)
    }

    /// The probe is the detector's pattern, a callout before each value: one text.
    @Test func valueStartProbesAreTheirPatternsWithCallouts() {
        let probed = BuiltinDetectors.all.filter(\.hasValueStartProbe)
        #expect(!probed.isEmpty)
        for detector in probed {
            let probe = detector.valueStartProbe!
            #expect(probe.contains("(?C1)"))
            #expect(probe.replacingOccurrences(of: "(?C1)", with: "") == detector.pattern, "\(detector.id)")
        }
    }

    @Test func valueArrivingAfterAFlushOfThePromptIsStillMasked() {
        let stream = MaskingStream(engine: defaultEngine())
        var output = stream.feed(bytes("password: "))
        output += stream.flush()  // the pause: the prompt appears
        #expect(text(output) == "password: ")
        output += stream.feed(bytes("hunter22\n"))
        output += stream.finish()
        #expect(text(output) == "password: [MASKED:secret-field]\n")
    }

    @Test func restOfASecretAfterAFlushIsStillMasked() {
        let stream = MaskingStream(engine: defaultEngine())
        var output = stream.feed(bytes("DB_PASSWORD=hunt"))
        output += stream.flush()
        output += stream.feed(bytes("er22 next\n"))
        output += stream.finish()
        #expect(!text(output).contains("hunt"))
        #expect(!text(output).contains("er22"))
        #expect(text(output).hasSuffix(" next\n"))
    }

    @Test func coloursAroundAndInsideASecretAreKept() {
        let engine = defaultEngine()
        let esc = "\u{1B}"
        // jq -C colours the key and the value separately.
        let jq = "\(esc)[34;1m\"password\"\(esc)[0m\(esc)[1;39m:\(esc)[0m \(esc)[0;32m\"hunter22\"\(esc)[0m\n"
        #expect(text(engine.mask(bytes(jq)))
                == "\(esc)[34;1m\"password\"\(esc)[0m\(esc)[1;39m:\(esc)[0m \(esc)[0;32m\"[MASKED:secret-field]\"\(esc)[0m\n")
        // grep --color highlights part of a token: the highlight follows the replacement.
        let grep = "x ghp_R2d9\(esc)[01;31m\(esc)[KXc8LQm4ZpT7vW1yK3nB6sH0aJfE5uG\(esc)[m\(esc)[KxY y\n"
        #expect(text(engine.mask(bytes(grep))) == "x [MASKED:github-token]\(esc)[01;31m\(esc)[K\(esc)[m\(esc)[K y\n")
    }

    @Test func anUnfinishedEscapeSequenceIsWrittenOnFlush() {
        let stream = MaskingStream(engine: defaultEngine())
        var output = stream.feed(bytes("prompt \u{1B}[1"))
        #expect(text(output) == "prompt ")
        output += stream.flush()
        #expect(text(output) == "prompt \u{1B}[1")
        // "red!": no keyword begins with an ending of it ("d" might begin "data:").
        output += stream.feed(bytes(";31mred!\u{1B}[0m"))
        #expect(text(output) == "prompt \u{1B}[1;31mred!\u{1B}[0m")
    }

    @Test func eventOffsetsCountEscapeSequences() {
        let stream = MaskingStream(engine: defaultEngine())
        _ = stream.feed(bytes("\u{1B}[31mDB_PASSWORD=hun\u{1B}[0mter22\n"))
        _ = stream.finish()
        let event = stream.takeEvents().first
        #expect(event?.offset == 17)  // 5 escape bytes + "DB_PASSWORD="
        #expect(event?.length == 12)  // "hun" + 4 escape bytes + "ter22"
        #expect(stream.bytesIn == 30)
    }

    @Test func aHeldKeywordStartIsToldApartFromAHeldSecret() {
        let stream = MaskingStream(engine: defaultEngine())
        #expect(stream.feed(bytes("echo g")) == bytes("echo "))
        // "g" may begin "ghp_" (no secret byte yet) or a token whose mark comes later, which
        // only an echo (a lone small read) may show at once.
        #expect(!stream.holdsOnlyKeywordStart && stream.holdsOnlyEchoedLookBack)
        _ = stream.feed(bytes("hp_R2d9Xc8L"))
        #expect(stream.hasPending)
        #expect(!stream.holdsOnlyKeywordStart && !stream.holdsOnlyEchoedLookBack)  // part of a token is held now
    }

    @Test func catastrophicPatternFailsClosed() {
        let engine = MaskingEngine(rules: [rule("evil", "(a+)+$")])
        let input = bytes("before\n" + String(repeating: "a", count: 5000) + "!\nafter")
        let output = text(engine.mask(input))
        #expect(output.contains("[MASKED:engine-error]"))
        #expect(!output.contains(String(repeating: "a", count: 100)))
        #expect(output.hasPrefix("before\n"))
    }

    @Test func invalidUTF8AndNULPassThroughAroundMaskedSpans() {
        let input: [UInt8] = [0xFF, 0xFE, 0x00] + bytes("ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY") + [0xC3, 0x28, 0x00, 0x80]
        let output = defaultEngine().mask(input)
        #expect(output == [0xFF, 0xFE, 0x00] + bytes("[MASKED:github-token]") + [0xC3, 0x28, 0x00, 0x80])
    }

    @Test func binaryWithoutSecretsIsUnchanged() {
        var random = SplitMix64(state: 7)
        let input = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &random) }
        #expect(feedInPieces(defaultEngine(), input, sizes: Array(repeating: 4096, count: 30)) == input)
    }

    @Test func memoryStaysBoundedWithoutNewlines() {
        // A run that keeps a rule's partial match open forever: "password=" then endless value.
        let stream = MaskingStream(engine: defaultEngine())
        _ = stream.feed(bytes("password="))
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 65536)
        var written = 0
        for _ in 0..<64 {
            written += stream.feed(chunk).count
            #expect(stream.retainedBytes <= 4 * 65536 + stream.engine.limits.maxHeld)
        }
        written += stream.finish().count
        #expect(written > 0)
    }

    @Test func overlappingMatchesMergeIntoOneSpan() {
        let engine = MaskingEngine(rules: [rule("first", "abc123"), rule("second", "123xyz")])
        #expect(text(engine.mask(bytes("<abc123xyz>"))) == "<[MASKED:first]>")
    }

    @Test func allowListKeepsAMatch() {
        let detector = BuiltinDetectors.detector(id: "aws-access-key-id")!
        let engine = MaskingEngine(
            rules: [MaskRule(detector: detector, replacement: .template("[M]"))],
            allow: AllowList(literals: [bytes("AKIAIOSFODNN7EXAMPLE")], patterns: [try! PCRE2Regex("AKIA0{16}")]))
        #expect(text(engine.mask(bytes("AKIAIOSFODNN7EXAMPLE AKIA0000000000000000 AKIAZ3MSJV4WWNKWW5FG")))
                == "AKIAIOSFODNN7EXAMPLE AKIA0000000000000000 [M]")
    }

    @Test func eventsDescribeSpansWithoutValues() {
        let stream = MaskingStream(engine: defaultEngine())
        _ = stream.feed(bytes("x DB_PASSWORD=hunter22\n"))
        _ = stream.finish()
        let events = stream.takeEvents()
        #expect(events.count == 1)
        #expect(events.first?.ruleID == "secret-field")
        #expect(events.first?.offset == 14)
        #expect(events.first?.length == 8)
        #expect(events.first?.fingerprint.count == 12)
    }
}
