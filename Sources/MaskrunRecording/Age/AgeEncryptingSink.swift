import Crypto

/// Encrypts a recording to age X25519 recipients as it is written, so that the raw
/// output never reaches the disk in the clear and `age -d -i key.txt` decrypts it.
///
/// The header (one X25519 stanza per recipient, then the MAC) and the payload nonce are
/// written at once, when the file is opened. The payload follows in 64 KiB chunks, each
/// sealed with ChaCha20-Poly1305 (the STREAM construction of the age spec). A chunk is
/// written only once a byte after it has arrived, because the final chunk carries a
/// different nonce flag: so up to 64 KiB of plaintext is held in memory, and if maskrun
/// is killed with SIGKILL the file ends without its final chunk, which `age -d` reports
/// as truncated after decrypting what came before.
public final class AgeEncryptingSink: ByteSink {
    private let sink: ByteSink
    private let payloadKey: SymmetricKey
    private var counter: UInt64 = 0
    private var buffer: [UInt8] = []
    private var closed = false
    public var path: String { sink.path }

    /// Writes the header to `sink`.
    public convenience init(recipients: [AgeRecipient], sink: ByteSink) throws(RecordingError) {
        try self.init(recipients: recipients, sink: sink, randomBytes: AgeFormat.randomBytes)
    }

    /// `randomBytes` supplies the file key, payload nonce and ephemeral keys (tests).
    init(recipients: [AgeRecipient], sink: ByteSink, randomBytes: (Int) -> [UInt8]) throws(RecordingError) {
        guard !recipients.isEmpty else { throw RecordingError("age needs at least one recipient") }
        self.sink = sink
        let fileKey = randomBytes(AgeFormat.fileKeySize)
        var header = AgeFormat.versionLine
        for recipient in recipients {
            header += try Self.stanza(fileKey: fileKey, recipient: recipient, randomBytes: randomBytes)
        }
        header += Array("---".utf8)
        let mac = AgeFormat.headerMAC(fileKey: fileKey, header: header)
        header += Array(" \(Base64Raw.encode(mac))\n".utf8)
        let nonce = randomBytes(AgeFormat.payloadNonceSize)
        payloadKey = AgeFormat.payloadKey(fileKey: fileKey, nonce: nonce)
        try sink.write(header + nonce)
    }

    /// `-> X25519 <ephemeral share>` and the wrapped file key, base64 at 64 columns.
    private static func stanza(fileKey: [UInt8], recipient: AgeRecipient, randomBytes: (Int) -> [UInt8]) throws(RecordingError) -> [UInt8] {
        do {
            let ephemeral = try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: randomBytes(32))
            let share = Array(ephemeral.publicKey.rawRepresentation)
            let shared = try ephemeral.sharedSecretFromKeyAgreement(
                with: Curve25519.KeyAgreement.PublicKey(rawRepresentation: recipient.publicKey))
            guard let wrapKey = AgeFormat.wrapKey(sharedSecret: shared, share: share, recipient: recipient.publicKey) else {
                throw RecordingError("an age recipient is not a usable X25519 public key")
            }
            let sealed = try ChaChaPoly.seal(fileKey, using: wrapKey, nonce: AgeFormat.zeroNonce)
            let body = Base64Raw.encode(Array(sealed.ciphertext) + Array(sealed.tag))
            return Array("-> X25519 \(Base64Raw.encode(share))\n".utf8) + wrapped(body)
        } catch let error as RecordingError {
            throw error
        } catch {
            throw RecordingError("an age recipient is not a usable X25519 public key")
        }
    }

    /// Base64 text in lines of 64 characters; the last line is shorter (possibly empty).
    static func wrapped(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        var index = 0
        while index + AgeFormat.columns <= bytes.count {
            output += bytes[index..<(index + AgeFormat.columns)] + [0x0A]
            index += AgeFormat.columns
        }
        return output + bytes[index...] + [0x0A]
    }

    public func write(_ bytes: [UInt8]) throws(RecordingError) {
        guard !closed else { throw RecordingError("\(path): already closed") }
        buffer += bytes
        // Strictly more than a chunk: the chunk is then known not to be the last.
        var start = 0
        while buffer.count - start > AgeFormat.chunkSize {
            try seal(buffer[start..<(start + AgeFormat.chunkSize)], final: false)
            start += AgeFormat.chunkSize
        }
        if start > 0 { buffer.removeFirst(start) }
    }

    /// Seals what is left as the final chunk (empty only when nothing was written at all,
    /// as the spec allows) and closes the file.
    public func close() throws(RecordingError) {
        guard !closed else { return }
        closed = true
        defer { buffer = [] }
        do {
            try seal(buffer[...], final: true)
        } catch {
            try? sink.close()
            throw error
        }
        try sink.close()
    }

    private func seal(_ plaintext: ArraySlice<UInt8>, final: Bool) throws(RecordingError) {
        let sealed: ChaChaPoly.SealedBox
        do {
            sealed = try ChaChaPoly.seal(plaintext, using: payloadKey, nonce: AgeFormat.chunkNonce(counter, final: final))
        } catch {
            throw RecordingError("\(path): encryption failed: \(error)")
        }
        counter += 1
        try sink.write(Array(sealed.ciphertext) + Array(sealed.tag))
    }
}
