import Foundation
import Testing
@testable import MaskrunEngine

/// The built-in patterns' PCRE2 code kept between runs (`PCRE2CodeCache`): kept code masks
/// as freshly compiled code does, a damaged entry is compiled again, and a policy's own
/// patterns never reach the cache.
@Suite struct PCRE2CodeCacheTests {
    typealias Memory = VectorscanCacheTests.Memory
    static let input = VectorscanCacheTests.input + Array("""
        export API_KEY=Zq8vN2mXr5Tb7Kc9Wd3F and Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl
        mysql -u root -pS3cr3tPassw0rd --host db
        my own s3cretPolicyValue-4821 here

        """.utf8)

    static func engine(cache: VectorscanCache?, own: Bool = false) throws -> MaskingEngine {
        var rules = BuiltinDetectors.all.map { MaskRule(detector: $0, replacement: .template("[M:{rule}]")) }
        if own {
            // A policy's regex with a literal beginning: tried at its keyword, like the built-ins.
            let pattern = "s3cretPolicyValue-[0-9]+"
            rules.insert(
                MaskRule(id: "own", regex: try PCRE2Regex(pattern), replacement: .template("[OWN]"),
                         prefilter: Prefilter.literalPrefix(of: pattern)), at: 0)
        }
        return MaskingEngine(rules: rules, vectorscanCache: cache)
    }

    @Test func keptCodeMasksAsCompiledCode() throws {
        let expected = try Self.engine(cache: nil).mask(Self.input)
        let memory = Memory()
        #expect(try Self.engine(cache: memory.cache).mask(Self.input) == expected)
        let kept = memory.codeStores
        #expect(kept >= 4, "the patterns that had candidates are kept (\(kept))")
        #expect(try Self.engine(cache: memory.cache).mask(Self.input) == expected)
        #expect(memory.codeStores == kept, "the second engine loads what the first kept")
        // Split into small reads too: the loaded code's partial matching holds the same bytes.
        let stream = MaskingStream(engine: try Self.engine(cache: memory.cache))
        var output: [UInt8] = []
        var offset = 0
        while offset < Self.input.count {
            let next = min(Self.input.count, offset + 7)
            output += stream.feed(Self.input[offset..<next])
            offset = next
        }
        output += stream.finish()
        #expect(output == expected)
    }

    /// Every detector's examples, so nearly every built-in pattern (and its anchored form) is
    /// compiled, kept and loaded: loaded code masks as compiled code does, in random reads
    /// and whole.
    @Test func everyKeptPatternMasksAsWhenCompiled() throws {
        let examples = BuiltinDetectors.all.flatMap(\.examples)
            .map { $0.replacingOccurrences(of: "«", with: "").replacingOccurrences(of: "»", with: "") }
        let input = Array(examples.joined(separator: "\n").utf8) + [0x0A]
        let memory = Memory()
        let expected = try Self.engine(cache: nil).mask(input)
        #expect(try Self.engine(cache: memory.cache).mask(input) == expected)
        #expect(memory.codeStores > 200, "most patterns were kept (\(memory.codeStores))")
        var random = SplitMix64(state: 77)
        let sizes = (0..<input.count).map { _ in Int.random(in: 1...40, using: &random) }
        if let difference = firstDifference(feedInPieces(try Self.engine(cache: memory.cache), input, sizes: sizes), expected) {
            Issue.record("in pieces: \(difference)")
        }
        // Small reads make the held-value probes compile too; after them, nothing is new.
        let kept = memory.codeStores
        #expect(try Self.engine(cache: memory.cache).mask(input) == expected)
        #expect(memory.codeStores == kept, "the later engine loaded every pattern")
    }

    @Test func aDamagedEntryIsCompiledAgain() throws {
        let expected = try Self.engine(cache: nil).mask(Self.input)
        let memory = Memory()
        _ = try Self.engine(cache: memory.cache).mask(Self.input)
        let intact = memory.entries
        let codes = intact.filter { Memory.isCode($0.key) }
        let shortest = codes.values.map(\.count).min() ?? 0
        #expect(shortest > 64)
        for position in [0, 5, 31, 32, 40, shortest / 2, shortest - 1] {
            memory.entries = intact.mapValues { bytes in
                var bytes = bytes
                bytes[position] ^= 0x40
                return bytes
            }
            let before = memory.codeStores
            #expect(try Self.engine(cache: memory.cache).mask(Self.input) == expected, "damaged at \(position)")
            #expect(memory.codeStores == before + codes.count, "each entry damaged at \(position) was replaced")
        }
        memory.entries = intact.mapValues { Array($0.prefix(33)) }
        #expect(try Self.engine(cache: memory.cache).mask(Self.input) == expected)
    }

    @Test func aPolicysPatternsAreNeverKept() throws {
        let memory = Memory()
        let output = String(decoding: try Self.engine(cache: memory.cache, own: true).mask(Self.input), as: UTF8.self)
        #expect(output.contains("my own [OWN] here"))
        #expect(memory.codeStores >= 4, "built-in patterns were kept")
        let secret = Array("s3cretPolicyValue".utf8)
        for bytes in memory.entries.values {
            #expect(!bytes.indices.contains { bytes[$0...].starts(with: secret) }, "a policy's pattern reached the cache")
        }
    }
}
