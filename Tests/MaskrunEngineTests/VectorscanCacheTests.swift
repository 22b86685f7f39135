import Foundation
import Testing
@testable import MaskrunEngine

/// The first pass's compiled databases kept between runs (`VectorscanCache`): a loaded
/// database finds what a compiled one finds, a damaged entry is compiled again, and a
/// policy's own literal values never reach the cache.
@Suite struct VectorscanCacheTests {
    /// A cache in memory that counts what passes through it: databases in `stores`, the
    /// built-in patterns' PCRE2 code (`PCRE2CodeCache`) in `codeStores`.
    final class Memory: @unchecked Sendable {
        private let lock = NSLock()
        var entries: [String: [UInt8]] = [:]
        var stores = 0
        var codeStores = 0

        var cache: VectorscanCache {
            VectorscanCache(
                load: { key in self.lock.withLock { self.entries[key] } },
                store: { key, bytes in
                    self.lock.withLock {
                        self.entries[key] = bytes
                        if Memory.isCode(key) { self.codeStores += 1 } else { self.stores += 1 }
                    }
                })
        }

        static func isCode(_ key: String) -> Bool { key.hasPrefix(PCRE2CodeCache.keyPrefix) }
        var databaseKeys: Set<String> { Set(entries.keys.filter { !Memory.isCode($0) }) }
    }

    static let token = "ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY"
    static let input = Array("""
        GITHUB_TOKEN=\(token) card 4355785419473367 mail alice@example.org
        db_password="s3cr3t-Pa55word" from 203.0.113.42 and literal hunter2hunter2 here

        """.utf8)

    static func engine(cache: VectorscanCache?, literal: Bool = false) -> MaskingEngine {
        var rules = BuiltinDetectors.all.map { MaskRule(detector: $0, replacement: .template("[M:{rule}]")) }
        if literal {
            rules.insert(contentsOf: MaskRule.literals(id: "own", values: [Array("hunter2hunter2".utf8)], minimumLength: 8, replacement: .template("[OWN]")), at: 0)
        }
        return MaskingEngine(rules: rules, vectorscanCache: cache)
    }

    @Test func aLoadedDatabaseMasksAsACompiledOne() {
        let memory = Memory()
        let expected = Self.engine(cache: nil).mask(Self.input)
        #expect(!String(decoding: expected, as: UTF8.self).contains(Self.token))
        #expect(Self.engine(cache: memory.cache).mask(Self.input) == expected)
        let stored = memory.stores
        #expect(stored >= 2, "keywords and shapes are kept")
        #expect(Self.engine(cache: memory.cache).mask(Self.input) == expected)
        #expect(memory.stores == stored, "the second engine loads what the first kept")
    }

    @Test func aDamagedEntryIsCompiledAgain() {
        let memory = Memory()
        let expected = Self.engine(cache: nil).mask(Self.input)
        _ = Self.engine(cache: memory.cache)
        let stored = memory.stores
        let intact = memory.entries
        // One flipped byte anywhere (header, tables, the end): refused, compiled, replaced.
        let size = intact.values.map(\.count).min()!
        for position in [0, 8, 17, 40, size / 3, size / 2, size - 1] {
            memory.entries = intact.mapValues { bytes in
                var bytes = bytes
                bytes[position] ^= 0x40
                return bytes
            }
            let before = memory.stores
            #expect(Self.engine(cache: memory.cache).mask(Self.input) == expected)
            #expect(memory.stores == before + stored, "each entry damaged at \(position) was replaced")
        }
        for key in Array(memory.entries.keys) { memory.entries[key] = Array(memory.entries[key]!.prefix(40)) }
        #expect(Self.engine(cache: memory.cache).mask(Self.input) == expected)
    }

    @Test func aPolicysLiteralValuesAreNeverCached() {
        let memory = Memory()
        let output = String(decoding: Self.engine(cache: memory.cache, literal: true).mask(Self.input), as: UTF8.self)
        #expect(output.contains("[OWN]") && !output.contains("hunter2"))
        let value = Array("hunter2hunter2".utf8)
        for bytes in memory.entries.values {
            #expect(!bytes.indices.contains { bytes[$0...].starts(with: value) }, "a literal value reached the cache")
        }
        // And the cached built-in keywords are the same with or without the policy's own.
        let withoutOwn = Memory()
        _ = Self.engine(cache: withoutOwn.cache)
        #expect(memory.databaseKeys == withoutOwn.databaseKeys)
    }

    @Test func everyAnchoredBuiltinPatternCompiles() throws {
        // Built-in patterns compile at their first candidate; a test, not a trap, says they do.
        for detector in BuiltinDetectors.all where detector.prefilter != nil {
            _ = try PCRE2Regex("\\G(?:\(detector.pattern))")
        }
    }

    @Test func aPatternThatDoesNotCompileFailsClosed() {
        let rule = MaskRule(
            id: "broken", regex: PCRE2Regex(deferred: "(unclosed"), replacement: .template("[M]"))
        let output = MaskingEngine(rules: [rule]).mask(Array("some text\nmore\n".utf8))
        #expect(String(decoding: output, as: UTF8.self) == "[MASKED:engine-error]\n[MASKED:engine-error]\n")
    }
}
