@preconcurrency import Crypto

/// Signs and checks Jupyter messages: the hex HMAC of header, parent_header, metadata and
/// content, with the connection's `signature_scheme` and key (jupyter_client's
/// `Session.sign`). An empty key means messages are unsigned (empty signature).
struct MessageSigner {
    private let sign: ([[UInt8]]) -> [UInt8]
    private let unsigned: Bool

    init?(scheme: String, key: [UInt8]) {
        let symmetric = SymmetricKey(data: key)
        unsigned = key.isEmpty
        switch scheme {
        case "hmac-sha256": sign = { Self.hex(Self.mac(SHA256.self, $0, symmetric)) }
        case "hmac-sha512": sign = { Self.hex(Self.mac(SHA512.self, $0, symmetric)) }
        case "hmac-sha384": sign = { Self.hex(Self.mac(SHA384.self, $0, symmetric)) }
        case "hmac-sha1": sign = { Self.hex(Self.mac(Insecure.SHA1.self, $0, symmetric)) }
        case "hmac-md5": sign = { Self.hex(Self.mac(Insecure.MD5.self, $0, symmetric)) }
        default: return nil
        }
    }

    /// The signature of the four JSON parts.
    func signature(_ parts: [[UInt8]]) -> [UInt8] {
        unsigned ? [] : sign(parts)
    }

    /// Whether `signature` is right for the parts, compared in constant time.
    func verifies(_ signature: [UInt8], _ parts: [[UInt8]]) -> Bool {
        let expected = self.signature(parts)
        guard expected.count == signature.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(expected, signature) { difference |= a ^ b }
        return difference == 0
    }

    private static func mac<H: HashFunction>(_: H.Type, _ parts: [[UInt8]], _ key: SymmetricKey) -> [UInt8] {
        var hmac = HMAC<H>(key: key)
        for part in parts { hmac.update(data: part) }
        return Array(hmac.finalize())
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hex(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return out
    }
}
