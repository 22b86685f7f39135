import Testing
@testable import MaskrunEngine

/// SPEC §4, fail closed: a possible secret longer than the bound on held bytes is masked
/// from its start to its end, never released; the output does not depend on read sizes and
/// memory stays bounded.
@Suite struct LongValueTests {
    /// Deterministic base64-looking text, `count` characters, no line breaks.
    static func value(_ count: Int, seed: UInt64) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
        var random = SplitMix64(state: seed)
        return String((0..<count).map { _ in alphabet[Int.random(in: 0..<64, using: &random)] })
    }

    /// The output of `input` fed in pieces of `size` bytes, checking the bound as it goes.
    static func masked(_ input: [UInt8], pieces size: Int) -> [UInt8] {
        let stream = MaskingStream(engine: defaultEngine())
        var output: [UInt8] = []
        var index = 0
        while index < input.count {
            let end = min(input.count, index + size)
            output += stream.feed(input[index..<end])
            #expect(stream.retainedBytes <= 4 * stream.engine.limits.maxHeld + size)
            index = end
        }
        return output + stream.finish()
    }

    /// Whether `output` holds any 8-character piece of `secret`.
    static func leaks(_ secret: String, in output: [UInt8]) -> String? {
        let text = text(output)
        let characters = Array(secret)
        for start in stride(from: 0, to: characters.count - 8, by: 1) {
            let piece = String(characters[start..<start + 8])
            if text.contains(piece) { return piece }
        }
        return nil
    }

    @Test func aLongPasswordValueIsMaskedWholeWhateverTheReads() {
        let secret = Self.value(100_000, seed: 1)
        let input = bytes("before\npassword: \(secret)\nafter\n")
        let expected = "before\npassword: [MASKED:secret-field]\nafter\n"
        for size in [1 << 20, 65536, 4096, 1000] {
            let output = Self.masked(input, pieces: size)
            #expect(text(output) == expected, "pieces of \(size)")
        }
    }

    /// 60–100 KB of letters and digits hold stand-in words by chance, in mixed case
    /// (`dummY`, `fAkE`): still a secret, masked whole.
    @Test(arguments: [60_000, 100_000])
    func aLongPasswordHoldingAStandInWordByChanceIsMaskedWhole(length: Int) {
        let random = Self.value(length, seed: 4)
        let secret = random.prefix(length / 2) + "dummY" + random.dropFirst(length / 2) + "fAkE"
        let input = bytes("before\npassword: \(secret)\nafter\n")
        for size in [1 << 20, 65536, 4096] {
            #expect(text(Self.masked(input, pieces: size)) == "before\npassword: [MASKED:secret-field]\nafter\n", "pieces of \(size)")
        }
    }

    /// A Secret whose first data value is 40 KB: every value masked, the rest kept, the same
    /// output for every read size (run mode reads the pty in small pieces, filter in large).
    @Test(arguments: ["yaml", "json"])
    func aKubernetesSecretWithALongValueIsMaskedWhole(format: String) {
        let values = [("big.crt", Self.value(40_000, seed: 2)), ("password", "UlNBa2V5U2VjcmV0VmFsdWUx"),
                      ("token", "c2VjcmV0LXRva2VuLXZhbHVlLTk5")]
        let manifest = format == "yaml"
            ? "apiVersion: v1\ndata:\n" + values.map { "  \($0.0): \($0.1)\n" }.joined()
                + "kind: Secret\nmetadata:\n  name: db\ntype: Opaque\n"
            : "{\n    \"apiVersion\": \"v1\",\n    \"data\": {\n"
                + values.map { "        \"\($0.0)\": \"\($0.1)\"" }.joined(separator: ",\n")
                + "\n    },\n    \"kind\": \"Secret\",\n    \"metadata\": {\n        \"name\": \"db\"\n    }\n}\n"
        let input = bytes(manifest)
        let whole = Self.masked(input, pieces: 1 << 20)
        for (_, value) in values { #expect(Self.leaks(value, in: whole) == nil) }
        #expect(text(whole).contains("kind"))
        #expect(text(whole).contains("Secret"))
        #expect(text(whole).contains("name"))
        for size in [65536, 4096, 1000] {
            #expect(firstDifference(Self.masked(input, pieces: size), whole) == nil, "pieces of \(size)")
        }
    }

    /// Many values that together pass the bound, none long on its own.
    @Test func aKubernetesSecretWithManyValuesIsMaskedWhole() {
        let values = (0..<120).map { ("key\($0)", Self.value(400, seed: UInt64($0) + 100)) }
        let input = bytes("apiVersion: v1\ndata:\n" + values.map { "  \($0.0): \($0.1)\n" }.joined()
            + "kind: Secret\nmetadata:\n  name: db\n")
        let whole = Self.masked(input, pieces: 1 << 20)
        for (_, value) in values { #expect(Self.leaks(value, in: whole) == nil) }
        #expect(text(whole).hasSuffix("\nkind: Secret\nmetadata:\n  name: db\n"))
        for size in [4096, 1000] {
            let output = Self.masked(input, pieces: size)
            for (_, value) in values { #expect(Self.leaks(value, in: output) == nil, "pieces of \(size)") }
            #expect(firstDifference(output, whole) == nil, "pieces of \(size)")
        }
    }

    @Test func aMegabyteKeyBlockIsMaskedWhole() {
        let lines = (0..<16_000).map { Self.value(64, seed: UInt64($0) + 10) }
        let input = bytes("key:\n-----BEGIN RSA PRIVATE KEY-----\n" + lines.joined(separator: "\n")
            + "\n-----END RSA PRIVATE KEY-----\ndone\n")
        for size in [1 << 20, 4096] {
            #expect(text(Self.masked(input, pieces: size)) == "key:\n[MASKED:private-key]\ndone\n", "pieces of \(size)")
        }
    }

    /// A line without end that keeps a match open: masked to the end, never released.
    @Test func anEndlessValueStaysMasked() {
        let stream = MaskingStream(engine: defaultEngine())
        var output = stream.feed(bytes("x password="))
        let chunk = [UInt8](repeating: UInt8(ascii: "q"), count: 65536)
        for _ in 0..<32 {
            output += stream.feed(chunk)
            #expect(stream.retainedBytes <= 4 * stream.engine.limits.maxHeld)
        }
        output += stream.flush()
        output += stream.feed(bytes("qqq\nnext line\n")) + stream.finish()
        #expect(text(output) == "x password=[MASKED:secret-field]\nnext line\n")
    }

    @Test func anEngineErrorKeepsTheLineBreaks() {
        let engine = MaskingEngine(rules: [rule("evil", "(a+)+$")])
        let input = bytes("before\n" + String(repeating: "a", count: 5000) + "!\r\nafter\n")
        #expect(text(engine.mask(input)) == "before\n[MASKED:engine-error]\r\nafter\n")
    }
}
