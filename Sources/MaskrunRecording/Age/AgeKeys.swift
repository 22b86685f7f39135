import Crypto

/// An age X25519 recipient, `age1...`: a public key a raw recording is encrypted to.
public struct AgeRecipient: Sendable, Equatable {
    /// The X25519 public key.
    public let publicKey: [UInt8]

    /// Parses `age1...`. Other recipient types (`ssh-ed25519`, plugins, post-quantum)
    /// are refused by name.
    /// Parses `age1...`. Other recipient types (`ssh-ed25519`, plugins, post-quantum)
    /// are refused. The message never quotes the text: it might be a secret key pasted
    /// in the wrong place.
    public init(parsing text: String) throws(RecordingError) {
        let trimmed = text.trimmingWhitespace
        if trimmed.uppercased().hasPrefix("AGE-SECRET-KEY-") {
            throw RecordingError("this is an age identity (a secret key), not a recipient; give its public key (age-keygen -y KEYFILE)")
        }
        guard trimmed.hasPrefix("age1"), !trimmed.hasPrefix("age1pq1"),
            let decoded = try? Bech32.decode(trimmed), decoded.hrp == "age", decoded.data.count == 32
        else {
            throw RecordingError("not an age X25519 recipient (age1... as age-keygen prints it); other recipient types are not supported")
        }
        publicKey = decoded.data
    }

    init(publicKey: [UInt8]) {
        self.publicKey = publicKey
    }

    /// The `age1...` form.
    public var encoded: String { Bech32.encode(hrp: "age", data: publicKey) }

    /// Recipients listed in a file, one a line, `#` comments and blank lines ignored (as
    /// `age -R` reads them). Errors name the file and line, never quote anything else.
    public static func parseList(_ text: String, path: String) throws(RecordingError) -> [AgeRecipient] {
        var recipients: [AgeRecipient] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let entry = String(line).trimmingWhitespace
            if entry.isEmpty || entry.hasPrefix("#") { continue }
            do {
                recipients.append(try AgeRecipient(parsing: entry))
            } catch {
                throw RecordingError("\(path):\(index + 1): \(error.description)")
            }
        }
        if recipients.isEmpty { throw RecordingError("\(path): no recipients in the file") }
        return recipients
    }
}

/// An age X25519 identity, `AGE-SECRET-KEY-1...`: the private key that decrypts. Its text
/// never appears in a message.
public struct AgeIdentity {
    let privateKey: Curve25519.KeyAgreement.PrivateKey

    public init(parsing text: String) throws(RecordingError) {
        let trimmed = text.trimmingWhitespace
        guard trimmed.hasPrefix("AGE-SECRET-KEY-1"),
            let decoded = try? Bech32.decode(trimmed), decoded.hrp == "age-secret-key-", decoded.data.count == 32,
            let key = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: decoded.data)
        else {
            throw RecordingError("not an age X25519 identity (AGE-SECRET-KEY-1...)")
        }
        privateKey = key
    }

    init(privateKey: Curve25519.KeyAgreement.PrivateKey) {
        self.privateKey = privateKey
    }

    /// A new random identity (for tests; auditors use `age-keygen`).
    public static func generate() -> AgeIdentity {
        AgeIdentity(privateKey: Curve25519.KeyAgreement.PrivateKey())
    }

    /// The `AGE-SECRET-KEY-1...` form, as age-keygen writes it.
    public var encoded: String {
        Bech32.encode(hrp: "age-secret-key-", data: Array(privateKey.rawRepresentation)).uppercased()
    }

    /// The recipient that encrypts to this identity.
    public var recipient: AgeRecipient {
        AgeRecipient(publicKey: Array(privateKey.publicKey.rawRepresentation))
    }

    /// The identities in a key file as age-keygen writes it: `#` comments, blank lines,
    /// and `AGE-SECRET-KEY-1...` lines. Errors name the file and line only.
    public static func parseList(_ text: String, path: String) throws(RecordingError) -> [AgeIdentity] {
        var identities: [AgeIdentity] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let entry = String(line).trimmingWhitespace
            if entry.isEmpty || entry.hasPrefix("#") { continue }
            do {
                identities.append(try AgeIdentity(parsing: entry))
            } catch {
                throw RecordingError("\(path):\(index + 1): \(error.description)")
            }
        }
        if identities.isEmpty { throw RecordingError("\(path): no identities in the file") }
        return identities
    }
}

extension String {
    var trimmingWhitespace: String {
        String(self.drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }
}
