import CVectorscan

/// A set of literals compiled by Vectorscan into one block-mode database, so every literal is
/// found in one SIMD pass over the input instead of one byte at a time. Literals, not the
/// rules' patterns: it compiles in milliseconds at start-up and needs no start-of-match mode
/// (a literal's start is its end less its length).
final class LiteralDatabase: @unchecked Sendable {
    // Immutable after init; Vectorscan allows one database to be shared by threads.
    private let database: OpaquePointer

    /// Compiles `literals` (id = index); nil when Vectorscan cannot run here (a CPU without
    /// the instructions it needs) or refuses them, and the caller searches another way.
    /// (`hs_valid_platform`, `hs_compile_lit_multi`)
    init?(_ literals: [(bytes: [UInt8], caseless: Bool)]) {
        guard !literals.isEmpty, hs_valid_platform() == HS_SUCCESS else { return nil }
        var database: OpaquePointer?
        var error: UnsafeMutablePointer<hs_compile_error_t>?
        let flags = literals.map { UInt32($0.caseless ? HS_FLAG_CASELESS : 0) }
        let ids = literals.indices.map { UInt32($0) }
        let lengths = literals.map { $0.bytes.count }
        // Vectorscan reads each literal by its length: one buffer holds them all, unterminated.
        let joined = literals.flatMap { $0.bytes.map { CChar(bitPattern: $0) } }
        let result = joined.withUnsafeBufferPointer { all -> hs_error_t in
            var offset = 0
            let expressions: [UnsafePointer<CChar>?] = lengths.map { length in
                defer { offset += length }
                return all.baseAddress! + offset
            }
            return hs_compile_lit_multi(
                expressions, flags, ids, lengths, UInt32(literals.count), UInt32(HS_MODE_BLOCK),
                nil, &database, &error)
        }
        if let error { hs_free_compile_error(error) }
        guard result == HS_SUCCESS, let database else { return nil }
        self.database = database
    }

    deinit { hs_free_database(database) }

    /// Per-stream state for scanning; not shareable between threads. (`hs_alloc_scratch`)
    final class Scratch {
        fileprivate var scratch: OpaquePointer?
        /// Matches of the current scan: literal id in the top 24 bits, end offset below.
        fileprivate(set) var matches: [UInt64] = []

        init?(for database: LiteralDatabase) {
            guard hs_alloc_scratch(database.database, &scratch) == HS_SUCCESS else { return nil }
        }

        deinit { if let scratch { hs_free_scratch(scratch) } }
    }

    /// Every occurrence of every literal in `bytes`, as (literal id, end offset) packed in
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
