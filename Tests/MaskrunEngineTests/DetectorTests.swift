import Testing
@testable import MaskrunEngine

/// Every built-in detector masks its own examples and leaves its counterexamples alone; the
/// catalogue keeps its shape (size, unique ids, keywords, confidence of the defaults).
@Suite struct DetectorTests {
    @Test(arguments: BuiltinDetectors.all.map(\.id))
    func examplesAreMasked(id: String) throws {
        let detector = try #require(BuiltinDetectors.detector(id: id))
        let engine = MaskingEngine(rules: [MaskRule(detector: detector, replacement: .template("[M]"))])
        for example in detector.examples {
            let (input, expected) = unmark(example, replacement: "[M]")
            #expect(text(engine.mask(bytes(input))) == expected, "example: \(example)")
        }
        for counterexample in detector.counterexamples {
            #expect(text(engine.mask(bytes(counterexample))) == counterexample)
        }
    }

    /// The prefilter contract (a match starts at most `lead` bytes before a keyword, the masked
    /// part not before it unless the detector declares its lead's bytes, which a read's end
    /// then holds) is what keeps this true: other bytes before a keyword that has not yet
    /// arrived are already written.
    @Test(arguments: BuiltinDetectors.all.map(\.id))
    func examplesAreMaskedWhereverTheOutputIsSplit(id: String) throws {
        let detector = try #require(BuiltinDetectors.detector(id: id))
        let engine = MaskingEngine(rules: [MaskRule(detector: detector, replacement: .template("[M]"))])
        for example in detector.examples + detector.counterexamples {
            let (input, expected) = unmark(example, replacement: "[M]")
            let whole = bytes(input)
            for cut in 1..<whole.count {
                let output = text(feedInPieces(engine, whole, sizes: [cut]))
                if output != expected {
                    Issue.record("split at \(cut): \(output.debugDescription), expected \(expected.debugDescription)")
                    break
                }
            }
            let byteByByte = text(feedInPieces(engine, whole, sizes: Array(repeating: 1, count: whole.count)))
            #expect(byteByByte == expected, "one byte at a time: \(example)")
        }
    }

    @Test(arguments: BuiltinDetectors.all.map(\.id))
    func examplesDoNotLeakThroughTheWholeCatalogue(id: String) throws {
        let detector = try #require(BuiltinDetectors.detector(id: id))
        for example in detector.examples {
            let (input, _) = unmark(example, replacement: "")
            let output = text(Self.allEngine.mask(bytes(input)))
            for secret in secrets(in: example) {
                #expect(!output.contains(secret), "\(id): \(secret) leaked from \(example)")
            }
        }
    }

    /// A detector that does not learn what it masks (`learnsValues: false`: e-mail and IP
    /// addresses, cards, prefixed tokens) still masks a later bare occurrence of it, on a line
    /// without any of the first one's context, however the stream is split: its own pattern
    /// finds the value standing alone.
    @Test(arguments: BuiltinDetectors.all.filter { !$0.learnsValues }.map(\.id))
    func aValueThatIsNotLearnedIsMaskedWhereItRecursAlone(id: String) throws {
        let detector = try #require(BuiltinDetectors.detector(id: id))
        let engine = MaskingEngine(rules: [MaskRule(detector: detector, replacement: .template("[M]"))])
        for example in detector.examples {
            for secret in secrets(in: example) {
                checkMarked(example + "\nseen «\(secret)» again\n«\(secret)»\n", engine: engine)
            }
        }
    }

    /// The test above has detectors to check: the context-free families do not learn.
    @Test func contextFreeDetectorsDoNotLearn() {
        let silent = Set(BuiltinDetectors.all.filter { !$0.learnsValues }.map(\.id))
        #expect(silent.isSuperset(of: ["email-address", "ipv4-address", "payment-card-number"]), "\(silent.sorted())")
        #expect(!silent.contains("secret-field") && !silent.contains("command-line-password") && !silent.contains("github-token"))
    }

    static let allEngine = MaskingEngine(rules: BuiltinDetectors.all.map {
        MaskRule(detector: $0, replacement: .template("[M]"))
    })

    @Test func theCatalogueHasAtLeast150Detectors() {
        #expect(BuiltinDetectors.all.count >= 150)
        for family in Detector.Family.allCases {
            #expect(BuiltinDetectors.all.contains { $0.family == family }, "no detector in \(family)")
        }
    }

    @Test func idsAreUnique() {
        let ids = BuiltinDetectors.all.map(\.id)
        #expect(Set(ids).count == ids.count)
    }

    @Test func idsAreLowerCaseWords() {
        for id in BuiltinDetectors.all.map(\.id) {
            #expect(id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(id)")
        }
    }

    @Test func everyPatternCompilesAndNeverMatchesEmpty() throws {
        for detector in BuiltinDetectors.all {
            let regex = try PCRE2Regex(detector.pattern)
            #expect(!regex.matchesEmpty, "\(detector.id)")
            #expect(detector.group <= regex.captureCount, "\(detector.id): no group \(detector.group)")
        }
    }

    @Test func keywordsHaveThreeBytes() {
        for detector in BuiltinDetectors.all {
            for keyword in detector.prefilter?.keywords ?? [] {
                #expect(keyword.utf8.count >= 3, "\(detector.id): \(keyword)")
            }
        }
    }

    /// Searching everywhere costs a pass over all output: only for formats without any
    /// literal part, and of the defaults only card, IBAN and social security numbers.
    @Test func fewDetectorsGoWithoutKeywords() {
        let unfiltered = BuiltinDetectors.all.filter { $0.prefilter == nil }.map(\.id)
        #expect(Set(unfiltered).isSubset(of: ["payment-card-number", "us-ssn", "iban", "email-address", "ipv4-address", "ipv6-address", "phone-number-national"]))
    }

    @Test func descriptionsAreOneLine() {
        for detector in BuiltinDetectors.all {
            #expect(!detector.description.isEmpty && !detector.description.contains("\n"), "\(detector.id)")
        }
    }

    @Test func theDefaultsAreTheHighConfidenceDetectors() {
        #expect(BuiltinDetectors.defaults.allSatisfy { $0.confidence == .high })
        #expect(BuiltinDetectors.defaults.count == BuiltinDetectors.all.filter { $0.confidence == .high }.count)
        for id in ["email-address", "phone-number", "ipv4-address", "ipv6-address"] {
            #expect(BuiltinDetectors.detector(id: id)?.confidence == .low, "\(id) is opt-in")
        }
    }

    @Test func everyDetectorHasExamplesAndCounterexamples() {
        for detector in BuiltinDetectors.all {
            #expect(!detector.examples.isEmpty, "\(detector.id) has no example")
            #expect(!detector.counterexamples.isEmpty, "\(detector.id) has no counterexample")
            for example in detector.examples {
                #expect(example.contains("«") && example.contains("»"), "\(detector.id): unmarked example \(example)")
            }
        }
    }

    @Test func examplesAreNotKnownExampleValues() {
        for detector in BuiltinDetectors.all {
            for example in detector.examples + detector.counterexamples {
                for known in BuiltinDetectors.knownExamples where example.contains(known) {
                    Issue.record("\(detector.id): \(example) contains the documentation example \(known)")
                }
            }
        }
    }

    @Test func theIDsTheREADMEAndTestsUseStay() {
        for id in ["aws-access-key-id", "aws-secret-access-key", "github-token", "github-fine-grained-token", "gitlab-token",
                   "slack-token", "slack-webhook", "jwt", "private-key", "url-credentials", "authorization-header",
                   "cookie-header", "secret-field"] {
            #expect(BuiltinDetectors.detector(id: id)?.confidence == .high, "\(id)")
        }
    }

    // MARK: - Validators

    @Test func luhnAndIssuers() {
        #expect(Validators.paymentCard(bytes("4111 1111 1111 1111")[...]) == false)  // one repeated digit
        #expect(Validators.paymentCard(bytes("4242424242424242")[...]))
        #expect(Validators.paymentCard(bytes("4242-4242-4242-4242")[...]))
        #expect(!Validators.paymentCard(bytes("4242-4242 4242-4242")[...]))  // mixed separators
        #expect(!Validators.paymentCard(bytes("4242424242424241")[...]))  // Luhn
        #expect(!Validators.paymentCard(bytes("9242424242424242")[...]))  // no such issuer
        #expect(Validators.paymentCard(bytes("378282246310005")[...]))
        #expect(!Validators.paymentCard(bytes("3782822463100050")[...]))  // Amex has 15 digits
    }

    @Test func ibanMod97() {
        #expect(Validators.iban(bytes("DE89370400440532013000")[...]))
        #expect(Validators.iban(bytes("GB82 WEST 1234 5698 7654 32")[...]))
        #expect(!Validators.iban(bytes("GB82 WEST 1234 5698 7654 33")[...]))
        #expect(!Validators.iban(bytes("DE8937040044053201300")[...]))  // Germany has 22 characters
        #expect(!Validators.iban(bytes("ZZ89370400440532013000")[...]))
    }

    @Test func ssnRanges() {
        #expect(Validators.usSSN(bytes("536-22-1234")[...]))
        for invalid in ["000-22-1234", "666-22-1234", "900-22-1234", "536-00-1234", "536-22-0000"] {
            #expect(!Validators.usSSN(bytes(invalid)[...]), "\(invalid)")
        }
    }

    @Test func entropyAndPlaceholders() {
        #expect(Validators.entropy(bytes("aaaa")[...]) == 0)
        #expect(abs(Validators.entropy(bytes("abcd")[...]) - 2) < 1e-9)
        #expect(Validators.random(minimumBits: 3.0)(bytes("k8Jd72hQz0Lm4xVb")[...]))
        #expect(!Validators.random(minimumBits: 3.0)(bytes("deletedeletedelete")[...]))
        for placeholder in ["${TOKEN}", "$TOKEN", "%TOKEN%", "{{ .Values.token }}", "<token>", "[REDACTED]", "[MASKED:jwt]", "xxxxxx"] {
            #expect(!Validators.notPlaceholder(bytes(placeholder)[...]), "\(placeholder)")
        }
        #expect(Validators.notPlaceholder(bytes("hunter22")[...]))
        #expect(Validators.notPlaceholder(bytes("$ecr3t!")[...]))
    }

    @Test func base64Decoding() {
        #expect(Validators.base64Decode(bytes("Ym9iOmh1bnRlcjIy")) == bytes("bob:hunter22"))
        #expect(Validators.base64Decode(bytes("Ym9iOmh1bnRlcjI")) == bytes("bob:hunter2"))
        #expect(Validators.base64Decode(bytes("not base64!")) == nil)
        #expect(Validators.basicCredentials(bytes("Ym9iOmh1bnRlcjIy")[...]))
        #expect(!Validators.basicCredentials(bytes("aGVsbG8gd29ybGQ=")[...]))  // "hello world": no colon
    }

    @Test func discordPrefixesAreBase64OfSnowflakeDigits() {
        #expect(BuiltinDetectors.discordIDPrefixes.count == 90)
        #expect(BuiltinDetectors.discordIDPrefixes.contains("MTE"))  // "11…"
        #expect(BuiltinDetectors.discordIDPrefixes.contains("ODk"))  // "89…"
    }
}

/// The marked parts of an example: the secrets it must not leak.
private func secrets(in marked: String) -> [String] {
    var found: [String] = []
    var current: String?
    for character in marked {
        switch character {
        case "«": current = ""
        case "»": if let secret = current { found.append(secret) }; current = nil
        default: current?.append(character)
        }
    }
    return found
}
