import Crypto

/// Reads an age v1 file encrypted to X25519 recipients and yields its plaintext chunk by
/// chunk, for `maskrun replay --identity`. Every way a file can be wrong gives an error
/// that says which (not an age file, no matching key, modified header, truncated,
/// corrupt), never a crash; plaintext is only handed out once its chunk is authenticated.
public final class AgeDecryptor: ByteSource {
    private let reader: ByteReader
    private let payloadKey: SymmetricKey
    private var counter: UInt64 = 0
    private var done = false
    public var path: String { reader.source.path }

    /// Reads and checks the header; throws when no identity opens it.
    public init(source: ByteSource, identities: [AgeIdentity]) throws(RecordingError) {
        reader = ByteReader(source)
        let path = source.path
        let header = try AgeHeader.read(from: reader)
        guard let fileKey = header.unwrap(with: identities) else {
            throw RecordingError("\(path): no identity matches this file (it was encrypted to other keys)")
        }
        guard AgeFormat.headerMAC(fileKey: fileKey, header: header.macInput) == header.mac else {
            throw RecordingError("\(path): the age header's MAC does not match (the file was modified)")
        }
        let nonce = try reader.read(upTo: AgeFormat.payloadNonceSize)
        guard nonce.count == AgeFormat.payloadNonceSize else {
            throw RecordingError("\(path): truncated: the file ends inside the age payload nonce")
        }
        payloadKey = AgeFormat.payloadKey(fileKey: fileKey, nonce: nonce)
    }

    /// The next chunk of plaintext; empty after the final chunk.
    public func nextChunk() throws(RecordingError) -> [UInt8] {
        guard !done else { return [] }
        let sealedSize = AgeFormat.chunkSize + AgeFormat.tagSize
        let sealed = try reader.read(upTo: sealedSize)
        let final = try reader.atEnd()
        // Only the final chunk may be short, and only an empty file's may be empty.
        guard sealed.count > AgeFormat.tagSize || (final && sealed.count == AgeFormat.tagSize && counter == 0) else {
            throw RecordingError(sealed.isEmpty
                ? "\(path): truncated: the file ends before the age payload's final chunk"
                : "\(path): the age payload is corrupt (a chunk is too short)")
        }
        if let plaintext = open(sealed, final: final) {
            counter += 1
            done = final
            return plaintext
        }
        // A full chunk that opens as a non-final one, at the end of the file: the file was
        // cut at a chunk boundary.
        if final && sealed.count == sealedSize && open(sealed, final: false) != nil {
            throw RecordingError("\(path): truncated: the file ends before the age payload's final chunk")
        }
        throw RecordingError("\(path): the age payload is corrupt or truncated (chunk \(counter) does not authenticate)")
    }

    private func open(_ sealed: [UInt8], final: Bool) -> [UInt8]? {
        let split = sealed.count - AgeFormat.tagSize
        guard let box = try? ChaChaPoly.SealedBox(
                nonce: AgeFormat.chunkNonce(counter, final: final), ciphertext: sealed[..<split], tag: sealed[split...]),
            let plaintext = try? ChaChaPoly.open(box, using: payloadKey)
        else { return nil }
        return Array(plaintext)
    }
}

/// The parsed text header of an age file.
struct AgeHeader {
    struct Stanza {
        var arguments: [String]
        var body: [UInt8]
    }

    var stanzas: [Stanza] = []
    /// The header up to and including `---`, which the MAC covers.
    var macInput: [UInt8] = []
    var mac: [UInt8] = []

    /// Longest header line read: stanza arguments are short, bodies are 64 columns.
    private static let lineLimit = 4096
    /// Most stanzas accepted, so a hostile file cannot make replay run X25519 forever.
    private static let stanzaLimit = 1024

    static func read(from reader: ByteReader) throws(RecordingError) -> AgeHeader {
        let path = reader.source.path
        let malformed = RecordingError("\(path): not a valid age file (malformed header)")
        let first = try reader.readLine(limit: lineLimit) ?? []
        guard first == AgeFormat.versionLine else {
            if first.starts(with: Array("-----BEGIN AGE ENCRYPTED FILE-----".utf8)) {
                throw RecordingError("\(path): an armored age file; decrypt it with 'age -d' first")
            }
            if first.starts(with: Array("age-encryption.org/".utf8)) {
                throw RecordingError("\(path): an age file of a version other than v1")
            }
            throw RecordingError("\(path): not an age file")
        }
        var header = AgeHeader()
        header.macInput = first
        /// The next header line, which must end with a newline: the payload follows it.
        func nextLine() throws(RecordingError) -> [UInt8] {
            guard let line = try reader.readLine(limit: lineLimit), line.last == 0x0A else {
                throw RecordingError("\(path): truncated: the file ends inside the age header")
            }
            return line
        }
        var line = try nextLine()
        while line.starts(with: Array("-> ".utf8)) {
            guard header.stanzas.count < stanzaLimit else { throw malformed }
            header.macInput += line
            let arguments = String(decoding: line.dropFirst(3).dropLast(), as: UTF8.self)
                .split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            guard !arguments.isEmpty, arguments.allSatisfy({ !$0.isEmpty }) else { throw malformed }
            var body = ""
            while true {
                let bodyLine = try nextLine()
                header.macInput += bodyLine
                let text = bodyLine.dropLast()
                guard text.count <= AgeFormat.columns else { throw malformed }
                body += String(decoding: text, as: UTF8.self)
                if text.count < AgeFormat.columns { break }
            }
            guard let decoded = Base64Raw.decode(body) else { throw malformed }
            header.stanzas.append(Stanza(arguments: arguments, body: decoded))
            line = try nextLine()
        }
        guard line.starts(with: Array("--- ".utf8)), !header.stanzas.isEmpty,
            let mac = Base64Raw.decode(String(decoding: line.dropFirst(4).dropLast(), as: UTF8.self)), mac.count == 32
        else { throw malformed }
        header.macInput += Array("---".utf8)
        header.mac = mac
        return header
    }

    /// The file key, from the first X25519 stanza one of the identities opens.
    func unwrap(with identities: [AgeIdentity]) -> [UInt8]? {
        for stanza in stanzas where stanza.arguments.first == "X25519" {
            guard stanza.arguments.count == 2, let share = Base64Raw.decode(stanza.arguments[1]), share.count == 32,
                stanza.body.count == AgeFormat.fileKeySize + AgeFormat.tagSize,
                let sharePoint = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: share)
            else { continue }
            for identity in identities {
                let recipient = identity.recipient.publicKey
                guard let shared = try? identity.privateKey.sharedSecretFromKeyAgreement(with: sharePoint),
                    let wrapKey = AgeFormat.wrapKey(sharedSecret: shared, share: share, recipient: recipient),
                    let box = try? ChaChaPoly.SealedBox(
                        nonce: AgeFormat.zeroNonce, ciphertext: stanza.body.prefix(AgeFormat.fileKeySize),
                        tag: stanza.body.suffix(AgeFormat.tagSize)),
                    let fileKey = try? ChaChaPoly.open(box, using: wrapKey)
                else { continue }
                return Array(fileKey)
            }
        }
        return nil
    }
}
