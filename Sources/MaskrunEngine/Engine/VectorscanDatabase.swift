import CVectorscan

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
    /// (`hs_valid_platform`, `hs_compile_lit_multi`)
    convenience init?(literals: [(bytes: [UInt8], caseless: Bool)]) {
        self.init(literals.map { ($0.bytes, UInt32($0.caseless ? HS_FLAG_CASELESS : 0)) }, literal: true)
    }

    /// Compiles Vectorscan `patterns` (id = index), as `init(literals:)`. (`hs_compile_multi`)
    convenience init?(patterns: [String]) {
        self.init(patterns.map { (Array($0.utf8) + [0], UInt32(0)) }, literal: false)
    }

    private init?(_ expressions: [(bytes: [UInt8], flags: UInt32)], literal: Bool) {
        guard !expressions.isEmpty, hs_valid_platform() == HS_SUCCESS else { return nil }
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
        guard result == HS_SUCCESS, let database else { return nil }
        self.database = database
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
