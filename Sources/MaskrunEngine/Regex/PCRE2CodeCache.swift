import CPCRE2
import Foundation

/// PCRE2's compiled code of a built-in pattern kept between runs, in the store the first
/// pass's Vectorscan databases use: compiling the patterns that get candidates cost about
/// 40 M instructions per process on 5 MB of logs. Only public patterns (the detector
/// catalogue's) are ever kept, never a policy's, whose regexes and literal values may be
/// secrets. JIT code cannot be kept; it is made per process as before.
/// (`pcre2_serialize_encode`, `pcre2_serialize_decode`)
///
/// An entry is a checksum of the rest, the identity it was compiled from (PCRE2's version,
/// the options and the whole pattern, compared byte for byte on loading, so a key that
/// collides loads nothing) and the code. The checksum only catches a damaged or cut file:
/// the store is trusted as the databases' is (a folder only its user may write). SHA-256
/// over the code was tried first and cost as much as the compilation it saved.
enum PCRE2CodeCache {
    /// Keys of this cache start with this, so a store can keep them apart from databases.
    static let keyPrefix = "pcre2-"

    /// What the code depends on: PCRE2's version (its decoder refuses another build's code
    /// too), the compile options and the pattern.
    static func identity(pattern: String, options: UInt32) -> [UInt8] {
        var text = Array("maskrun pcre2 1 options \(options) version ".utf8)
        var version = [UInt8](repeating: 0, count: 64)
        let length = pcre2_config_8(UInt32(PCRE2_CONFIG_VERSION), &version)
        if length > 1 { text += version[0..<Int(length - 1)] }
        text.append(0x0A)
        return text + Array(pattern.utf8)
    }

    static func key(identity: [UInt8]) -> String {
        keyPrefix + hex(checksum(identity[...], seed: 1)) + hex(checksum(identity[...], seed: 2))
    }

    /// The code kept for `identity`, nil when there is none or it does not check out (its
    /// checksum, its identity, PCRE2's own checks): the pattern is then compiled as if
    /// nothing were kept.
    static func load(identity: [UInt8], key: String, from cache: VectorscanCache) -> OpaquePointer? {
        guard let entry = cache.load(key), entry.count > 12 + identity.count else { return nil }
        let stored = entry[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard stored == checksum(entry[8...], seed: 0) else { return nil }
        let length = entry[8..<12].reduce(0) { $0 << 8 | Int($1) }
        guard length == identity.count, sameBytes(entry[12..<(12 + length)], identity) else { return nil }
        var code: OpaquePointer?
        let decoded = entry.withUnsafeBufferPointer { buffer in
            pcre2_serialize_decode_8(&code, 1, buffer.baseAddress! + 12 + length, nil)
        }
        guard decoded == 1, let code else { return nil }
        return code
    }

    /// `a == b` by `memcmp`: the generic `elementsEqual` took 3.7 M instructions for the
    /// identities (whole patterns) of the 200 patterns loaded on 5 MB of logs.
    private static func sameBytes(_ a: ArraySlice<UInt8>, _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return a.withUnsafeBytes { x in b.withUnsafeBytes { y in x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0 } }
    }

    /// Keeps `code` for `identity` under `key`.
    static func store(_ code: OpaquePointer, identity: [UInt8], key: String, in cache: VectorscanCache) {
        var serialized: UnsafeMutablePointer<UInt8>?
        var size = 0
        var codes: OpaquePointer? = code
        guard pcre2_serialize_encode_8(&codes, 1, &serialized, &size, nil) == 1, let serialized else { return }
        defer { pcre2_serialize_free_8(serialized) }
        let count = identity.count
        var rest: [UInt8] = [UInt8(count >> 24 & 0xFF), UInt8(count >> 16 & 0xFF), UInt8(count >> 8 & 0xFF), UInt8(count & 0xFF)]
        rest += identity
        rest += UnsafeBufferPointer(start: serialized, count: size)
        let sum = checksum(rest[...], seed: 0)
        cache.store(key, (0..<8).map { UInt8(sum >> (56 - 8 * $0) & 0xFF) } + rest)
    }

    /// A 64-bit checksum, eight bytes a step (multiply and fold): catches damage at a
    /// fraction of a cryptographic digest's cost. Not for adversaries, see above.
    static func checksum(_ bytes: ArraySlice<UInt8>, seed: UInt64) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = (seed &+ 1) &* multiplier ^ UInt64(bytes.count)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset + 8 <= raw.count {
                let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                hash = (hash ^ word) &* multiplier
                hash ^= hash >> 29
                offset += 8
            }
            var last: UInt64 = 0
            var shift: UInt64 = 0
            while offset < raw.count {
                last |= UInt64(raw[offset]) << shift
                shift += 8
                offset += 1
            }
            hash = (hash ^ last ^ 0xFF) &* multiplier
            hash ^= hash >> 32
        }
        return hash
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: (0..<16).map { digits[Int(value >> (60 - 4 * UInt64($0)) & 0xF)] }, as: UTF8.self)
    }
}
