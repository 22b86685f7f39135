import Crypto

/// The constants and key derivations of age v1 (age-encryption.org/v1, c2sp.org/age)
/// that the encryptor and the decryptor share.
enum AgeFormat {
    static let versionLine = Array("age-encryption.org/v1\n".utf8)
    static let x25519Label = "age-encryption.org/v1/X25519"
    /// Plaintext bytes per payload chunk.
    static let chunkSize = 64 * 1024
    /// ChaCha20-Poly1305 tag bytes after each chunk.
    static let tagSize = 16
    static let fileKeySize = 16
    static let payloadNonceSize = 16
    /// Stanza bodies are wrapped at this many base64 characters.
    static let columns = 64

    /// HMAC key = HKDF-SHA-256(ikm = file key, salt = empty, info = "header").
    static func headerMAC(fileKey: [UInt8], header: [UInt8]) -> [UInt8] {
        let key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: fileKey), salt: [UInt8](), info: Array("header".utf8), outputByteCount: 32)
        return Array(HMAC<SHA256>.authenticationCode(for: header, using: key))
    }

    /// payload key = HKDF-SHA-256(ikm = file key, salt = nonce, info = "payload").
    static func payloadKey(fileKey: [UInt8], nonce: [UInt8]) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: fileKey), salt: nonce, info: Array("payload".utf8), outputByteCount: 32)
    }

    /// The wrap key of an X25519 stanza: HKDF-SHA-256(ikm = shared secret, salt =
    /// ephemeral share || recipient, info = "age-encryption.org/v1/X25519"). Nil when the
    /// shared secret is all zeros (a low-order point), which age requires to refuse.
    static func wrapKey(sharedSecret: SharedSecret, share: [UInt8], recipient: [UInt8]) -> SymmetricKey? {
        let allZero = sharedSecret.withUnsafeBytes { $0.allSatisfy { $0 == 0 } }
        if allZero { return nil }
        return sharedSecret.hkdfDerivedSymmetricKey(
            using: SHA256.self, salt: share + recipient, sharedInfo: Array(x25519Label.utf8), outputByteCount: 32)
    }

    /// The 12-byte nonce of payload chunk `counter`: an 11-byte big-endian counter, then
    /// 0x01 for the final chunk and 0x00 before it.
    static func chunkNonce(_ counter: UInt64, final: Bool) -> ChaChaPoly.Nonce {
        var bytes = [UInt8](repeating: 0, count: 12)
        for index in 0..<8 { bytes[10 - index] = UInt8(truncatingIfNeeded: counter >> (8 * UInt64(index))) }
        bytes[11] = final ? 1 : 0
        // Nonce(data:) throws only for a length other than 12; these are always 12 bytes.
        return try! ChaChaPoly.Nonce(data: bytes)
    }

    /// The all-zero nonce that wraps the file key in a stanza (each wrap key is used once);
    /// twelve bytes, so the `try!` cannot fail.
    static var zeroNonce: ChaChaPoly.Nonce { try! ChaChaPoly.Nonce(data: [UInt8](repeating: 0, count: 12)) }

    /// Cryptographically secure random bytes (getrandom(2) on Linux).
    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    }
}
