import Foundation
import Testing

@testable import MaskrunRecording

@Suite struct Bech32Tests {
    /// Valid strings from BIP 173.
    @Test func validChecksumsDecode() throws {
        for valid in ["A12UEL5L", "a12uel5l", "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw", "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w"] {
            #expect(throws: Never.self) { try Bech32.decode(valid) }
        }
    }

    @Test func invalidStringsAreRefused() {
        for invalid in ["a12uel5L", "A12UEL5l", "a12uel5m", "pzry9x0s0muk", "1pzry9x0s0muk", "abc1rzgt4"] {
            #expect(throws: Bech32.Failure.self) { try Bech32.decode(invalid) }
        }
    }

    @Test func roundTrip() throws {
        let data = (0..<32).map { UInt8($0 * 7 & 0xFF) }
        let encoded = Bech32.encode(hrp: "age", data: data)
        #expect(try Bech32.decode(encoded) == ("age", data))
    }
}

@Suite struct AgeKeyTests {
    /// The example identity and its recipient from the age specification (c2sp.org/age).
    @Test func theSpecificationsExampleKeyPair() throws {
        let identity = try AgeIdentity(parsing: "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX")
        #expect(identity.recipient.encoded == "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj")
        #expect(identity.encoded == "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX")
        let recipient = try AgeRecipient(parsing: " age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj ")
        #expect(recipient == identity.recipient)
    }

    @Test func aSecretKeyGivenAsARecipientIsRefusedWithoutBeingQuoted() {
        let secret = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX"
        do {
            _ = try AgeRecipient(parsing: secret)
            Issue.record("accepted a secret key as a recipient")
        } catch {
            #expect(error.description.contains("secret key") && !error.description.contains("GFPYYSJZ"))
        }
    }

    @Test func otherRecipientTypesAndBadChecksumsAreRefused() {
        for text in ["ssh-ed25519 AAAAC3Nza", "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwq", "age1pq1xyz", ""] {
            #expect(throws: RecordingError.self) { try AgeRecipient(parsing: text) }
        }
    }

    @Test func keyAndRecipientFilesSkipCommentsAndNameTheBadLine() throws {
        let keys = "# created: 2025-01-01\n# public key: age1...\nAGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX\n"
        #expect(try AgeIdentity.parseList(keys, path: "k.txt").count == 1)
        let recipients = "# auditors\n\nage1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj\nnot-a-key\n"
        do {
            _ = try AgeRecipient.parseList(recipients, path: "r.txt")
            Issue.record("accepted a bad line")
        } catch {
            #expect(error.description.hasPrefix("r.txt:4: "))
        }
    }
}

@Suite struct AgeEncryptionTests {
    func encrypt(_ plaintext: [UInt8], to recipients: [AgeRecipient], writes: Int = 1) throws -> [UInt8] {
        let sink = MemorySink(path: "raw.age")
        let encryptor = try AgeEncryptingSink(recipients: recipients, sink: sink)
        let step = max(1, plaintext.count / writes)
        var index = 0
        repeat {
            let end = min(plaintext.count, index + step)
            try encryptor.write(Array(plaintext[index..<end]))
            index = end
        } while index < plaintext.count
        try encryptor.close()
        #expect(sink.closed)
        return sink.bytes
    }

    func decrypt(_ file: [UInt8], with identities: [AgeIdentity], chunkSize: Int = 4096) throws(RecordingError) -> [UInt8] {
        let decryptor = try AgeDecryptor(source: MemorySource(file, path: "raw.age", chunkSize: chunkSize), identities: identities)
        var plaintext: [UInt8] = []
        while true {
            let chunk = try decryptor.nextChunk()
            if chunk.isEmpty { return plaintext }
            plaintext += chunk
        }
    }

    @Test(arguments: [0, 1, 65535, 65536, 65537, 3 * 65536, 200_000])
    func roundTripAtChunkBoundaries(size: Int) throws {
        let identity = AgeIdentity.generate()
        let plaintext = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let file = try encrypt(plaintext, to: [identity.recipient], writes: 7)
        let expectedChunks = max(1, (size + 65535) / 65536)
        let header = file.count - size - 16 * expectedChunks - 16
        #expect(header > 0 && header < 300, "one 64 KiB chunk per 64 KiB, a 16-byte tag each")
        #expect(try decrypt(file, with: [identity]) == plaintext)
    }

    @Test func theHeaderHasTheV1Shape() throws {
        let file = try encrypt(bytes("hi"), to: [AgeIdentity.generate().recipient, AgeIdentity.generate().recipient])
        let lines = text(Array(file.prefix { $0 != 0 })).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "age-encryption.org/v1")
        #expect(lines[1].hasPrefix("-> X25519 ") && lines[1].count == 10 + 43)
        #expect(lines[2].count == 43)
        #expect(lines[3].hasPrefix("-> X25519 ") && lines[4].count == 43)
        #expect(lines[5].hasPrefix("--- ") && lines[5].count == 4 + 43)
    }

    @Test func everyRecipientCanDecrypt() throws {
        let first = AgeIdentity.generate(), second = AgeIdentity.generate()
        let file = try encrypt(bytes("for auditors"), to: [first.recipient, second.recipient])
        #expect(try decrypt(file, with: [second]) == bytes("for auditors"))
        #expect(try decrypt(file, with: [AgeIdentity.generate(), first]) == bytes("for auditors"))
    }

    @Test func aWrongKeyIsAClearError() throws {
        let file = try encrypt(bytes("secret"), to: [AgeIdentity.generate().recipient])
        #expect(throws: RecordingError("raw.age: no identity matches this file (it was encrypted to other keys)")) {
            try decrypt(file, with: [AgeIdentity.generate()])
        }
    }

    @Test func aModifiedHeaderFailsItsMAC() throws {
        let first = AgeIdentity.generate()
        var file = try encrypt(bytes("secret"), to: [first.recipient, AgeIdentity.generate().recipient])
        // Swap the two stanzas: each still opens, but the header is not the one MACed.
        let lines = text(Array(file.prefix { $0 != 0 })).split(separator: "\n", omittingEmptySubsequences: false)
        let headerLength = lines[0...5].reduce(0) { $0 + $1.utf8.count + 1 }
        let swapped = [lines[0], lines[3], lines[4], lines[1], lines[2], lines[5]].joined(separator: "\n") + "\n"
        file.replaceSubrange(0..<headerLength, with: bytes(swapped))
        #expect(throws: RecordingError("raw.age: the age header's MAC does not match (the file was modified)")) {
            try decrypt(file, with: [first])
        }
    }

    @Test func truncationAndCorruptionAreNamed() throws {
        let identity = AgeIdentity.generate()
        let plaintext = [UInt8](repeating: 0x41, count: 2 * 65536 + 10)
        let file = try encrypt(plaintext, to: [identity.recipient])
        let payloadStart = file.count - plaintext.count - 3 * 16 - 16
        // Cut right after the first full chunk: it opens only as a non-final chunk.
        let cut = Array(file[..<(payloadStart + 16 + 65536 + 16)])
        #expect(throws: RecordingError("raw.age: truncated: the file ends before the age payload's final chunk")) {
            try decrypt(cut, with: [identity])
        }
        #expect(throws: RecordingError.self) { try decrypt(Array(file.dropLast(5)), with: [identity]) }
        var flipped = file
        flipped[payloadStart + 100] ^= 1
        #expect(throws: RecordingError("raw.age: the age payload is corrupt or truncated (chunk 0 does not authenticate)")) {
            try decrypt(flipped, with: [identity])
        }
        #expect(throws: RecordingError("raw.age: truncated: the file ends inside the age header")) {
            try decrypt(Array(file.prefix(30)), with: [identity])
        }
        #expect(throws: RecordingError("raw.age: not an age file")) { try decrypt(bytes("{\"version\": 2}\n"), with: [identity]) }
    }
}
