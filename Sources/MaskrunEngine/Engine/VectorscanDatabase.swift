import CVectorscan
import Crypto
// libc for `free` alone (the buffer hs_serialize_database mallocs). The engine stays off
// MaskrunSystem: it makes no system calls; this is the Vectorscan bridge, as the PCRE2
// bridge is, and its pointers stay in this file.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Literals or patterns compiled by Vectorscan into one block-mode database, so all of them
/// are found in one SIMD pass over the input instead of one byte at a time. Only the
/// keywords and the keyword-less rules' shapes go here, not the rules' own patterns: they
/// compile in milliseconds at start-up and need no start-of-match mode (a keyword starts
/// its length before its end, a shape's match a known distance before its end).
final class VectorscanDatabase: @unchecked Sendable {
    // Immutable after init; Vectorscan allows one database to be shared by threads.
    private let database: OpaquePointer

    /// Compiles `literals` (id = index); nil when Vectorscan cannot run here (a CPU without
    /// the instructions it needs) or refuses them, and the caller searches another way.
    /// `cache`: where a database compiled before may be found, and this one kept (public
    /// keywords only: never a policy's literal values). (`hs_valid_platform`, `hs_compile_lit_multi`)
    convenience init?(literals: [(bytes: [UInt8], caseless: Bool)], cache: VectorscanCache? = nil) {
        self.init(literals.map { ($0.bytes, UInt32($0.caseless ? HS_FLAG_CASELESS : 0)) }, literal: true, cache: cache)
    }

    /// Compiles Vectorscan `patterns` (id = index), as `init(literals:)`. (`hs_compile_multi`)
    convenience init?(patterns: [String], cache: VectorscanCache? = nil) {
        self.init(patterns.map { (Array($0.utf8) + [0], UInt32(0)) }, literal: false, cache: cache)
    }

    /// Vectorscan's allocator for what it hands back to be freed (a serialized database,
    /// compile errors) set to the C library's, before its first use: its default one returns
    /// pointers that `free` must not be given (AddressSanitizer caught `serialized()` doing so).
    /// (`hs_set_misc_allocator`)
    private static let miscAllocatorIsMalloc: Bool = {
        hs_set_misc_allocator({ malloc($0) }, { free($0) }) == HS_SUCCESS
    }()

    private init?(_ expressions: [(bytes: [UInt8], flags: UInt32)], literal: Bool, cache: VectorscanCache?) {
        guard !expressions.isEmpty, hs_valid_platform() == HS_SUCCESS else { return nil }
        _ = VectorscanDatabase.miscAllocatorIsMalloc
        let key = cache.map { _ in VectorscanDatabase.cacheKey(expressions, literal: literal) }
        if let cache, let key, let entry = cache.load(key), let database = VectorscanDatabase.deserialize(checked: entry) {
            self.database = database
            return
        }
        guard let database = VectorscanDatabase.compile(expressions, literal: literal) else { return nil }
        self.database = database
        if let cache, let key, VectorscanDatabase.miscAllocatorIsMalloc, let bytes = serialized() {
            cache.store(key, VectorscanDatabase.digest(bytes[...]) + bytes)
        }
    }

    /// A cache entry starts with a checksum of the database after it (the PCRE2 cache's, eight
    /// bytes), so a damaged or truncated entry is compiled again rather than loaded.
    /// (Vectorscan checks a checksum of its own when it loads a database, but not over every
    /// byte: tried here, a flipped byte in some of its header's words or near its end was
    /// accepted.) SHA-256 over the database was a third of maskrun's start-up.
    private static func digest(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        let sum = PCRE2CodeCache.checksum(bytes, seed: 0)
        return (0..<8).map { UInt8(truncatingIfNeeded: sum >> (56 - 8 * $0)) }
    }

    private static func deserialize(checked entry: [UInt8]) -> OpaquePointer? {
        guard entry.count > 8 else { return nil }
        guard entry[..<8].elementsEqual(digest(entry[8...])) else { return nil }
        return deserialize(Array(entry[8...]))
    }

    private static func compile(_ expressions: [(bytes: [UInt8], flags: UInt32)], literal: Bool) -> OpaquePointer? {
        var database: OpaquePointer?
        var error: UnsafeMutablePointer<hs_compile_error_t>?
        let flags = expressions.map(\.flags)
        let ids = expressions.indices.map { UInt32($0) }
        let lengths = expressions.map { $0.bytes.count }
        // One buffer holds them all: literals are read by length, patterns end with a NUL.
        let joined = expressions.flatMap { $0.bytes.map { CChar(bitPattern: $0) } }
        let result = joined.withUnsafeBufferPointer { all -> hs_error_t in
            var offset = 0
            let pointers: [UnsafePointer<CChar>?] = lengths.map { length in
                defer { offset += length }
                return all.baseAddress! + offset
            }
            let count = UInt32(expressions.count), mode = UInt32(HS_MODE_BLOCK)
            return literal
                ? hs_compile_lit_multi(pointers, flags, ids, lengths, count, mode, nil, &database, &error)
                : hs_compile_multi(pointers, flags, ids, count, mode, nil, &database, &error)
        }
        if let error { hs_free_compile_error(error) }
        guard result == HS_SUCCESS else { return nil }
        return database
    }

    /// What a database compiled from `expressions` depends on, as a file-name-safe digest:
    /// the expressions, their flags and ids, the mode, Vectorscan's version and this CPU's
    /// features (a database built for other features may load but scan worse, or not at all).
    private static func cacheKey(_ expressions: [(bytes: [UInt8], flags: UInt32)], literal: Bool) -> String {
        var platform = hs_platform_info_t()
        _ = hs_populate_platform(&platform)
        var text = Array("maskrun vectorscan 2 \(literal ? "literals" : "patterns") block".utf8)
        text += Array(String(cString: hs_version()).utf8)
        text += Array(" tune \(platform.tune) features \(platform.cpu_features)\n".utf8)
        text.reserveCapacity(text.count + expressions.reduce(0) { $0 + $1.bytes.count + 16 })
        // Numbers written digit by digit: string interpolation per expression was most of
        // the key's cost.
        for expression in expressions {
            appendDecimal(Int(expression.flags), to: &text)
            text.append(0x20)
            appendDecimal(expression.bytes.count, to: &text)
            text.append(0x20)
            text += expression.bytes
            text.append(0x0A)
        }
        let hex = Array("0123456789abcdef".utf8)
        var name: [UInt8] = []
        for byte in SHA256.hash(data: text) {
            name.append(hex[Int(byte >> 4)])
            name.append(hex[Int(byte & 0xF)])
        }
        return String(decoding: name, as: UTF8.self)
    }

    private static func appendDecimal(_ value: Int, to text: inout [UInt8]) {
        var divisor = 1
        while divisor <= value / 10 { divisor *= 10 }
        while divisor > 0 {
            text.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    /// The database as bytes, to keep in a cache. (`hs_serialize_database`)
    private func serialized() -> [UInt8]? {
        var bytes: UnsafeMutablePointer<CChar>?
        var length = 0
        guard hs_serialize_database(database, &bytes, &length) == HS_SUCCESS, let bytes else { return nil }
        defer { free(bytes) }
        return bytes.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }

    /// A database from `serialized()`'s bytes; nil when Vectorscan refuses them (another
    /// version or CPU, a damaged file). (`hs_deserialize_database`)
    private static func deserialize(_ bytes: [UInt8]) -> OpaquePointer? {
        var database: OpaquePointer?
        let result = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                hs_deserialize_database($0, buffer.count, &database)
            }
        }
        return result == HS_SUCCESS ? database : nil
    }

    deinit { hs_free_database(database) }

    /// Per-stream state for scanning; not shareable between threads. (`hs_alloc_scratch`)
    final class Scratch {
        fileprivate var scratch: OpaquePointer?
        /// Matches of the current scan: expression id in the top 24 bits, end offset below.
        fileprivate(set) var matches: [UInt64] = []

        /// Scratch space fit for each of `databases`.
        init?(for databases: [VectorscanDatabase]) {
            for database in databases {
                guard hs_alloc_scratch(database.database, &scratch) == HS_SUCCESS else { return nil }
            }
        }

        deinit { if let scratch { hs_free_scratch(scratch) } }
    }

    /// Every match of every expression in `bytes`, as (expression id, end offset) packed in
    /// `scratch.matches` (id << 40 | end), in Vectorscan's order. False when the scan failed.
    /// (`hs_scan`)
    func scan(_ bytes: UnsafeBufferPointer<UInt8>, scratch: Scratch) -> Bool {
        scratch.matches.removeAll(keepingCapacity: true)
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return true }
        guard bytes.count <= UInt32.max else { return false }
        let context = Unmanaged.passUnretained(scratch).toOpaque()
        let result = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { text in
            hs_scan(database, text, UInt32(bytes.count), 0, scratch.scratch, { id, _, end, _, context in
                let scratch = Unmanaged<Scratch>.fromOpaque(context!).takeUnretainedValue()
                scratch.matches.append(UInt64(id) << 40 | end)
                return 0
            }, context)
        }
        return result == HS_SUCCESS
    }
}

/// Where compiled Vectorscan databases are kept between runs, keyed by what they were
/// compiled from: compiling the built-in keywords takes most of a start-up, loading them
/// a fraction of a millisecond. The engine does no I/O itself; the caller provides both
/// ends. A database that does not load is compiled again, so a stale or damaged entry
/// costs time, never a keyword.
public struct VectorscanCache: Sendable {
    public let load: @Sendable (_ key: String) -> [UInt8]?
    public let store: @Sendable (_ key: String, _ bytes: [UInt8]) -> Void

    public init(load: @escaping @Sendable (String) -> [UInt8]?, store: @escaping @Sendable (String, [UInt8]) -> Void) {
        self.load = load
        self.store = store
    }
}
