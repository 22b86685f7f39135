import Testing
@testable import MaskrunKernel

/// Signatures compared with Python's hmac module (the values below were computed with
/// `hmac.new(key, digestmod=hashlib.sha256)` updated with the four parts, as
/// jupyter_client's Session.sign does).
@Suite struct MessageSignerTests {
    let key = Array("a0436f6c-1916-498b-8eb9-e81ab9368e84".utf8)
    let parts = [#"{"msg_id":"1"}"#, "{}", "{}", #"{"code":"6*7"}"#].map { Array($0.utf8) }

    @Test func matchesPythonsHMAC() throws {
        let sha256 = try #require(MessageSigner(scheme: "hmac-sha256", key: key))
        #expect(String(decoding: sha256.signature(parts), as: UTF8.self) == "15423f67b3997aaf21dc9aa78512dee3d7ecf10daa6868bfdd2f977d3422dabc")
        let sha512 = try #require(MessageSigner(scheme: "hmac-sha512", key: key))
        #expect(String(decoding: sha512.signature(parts), as: UTF8.self).hasPrefix("a4ee7c3223ab6eeb41b38686fb0dd2a632cb80e7"))
    }

    @Test func anyChangedPartOrWrongKeyFailsToVerify() throws {
        let signer = try #require(MessageSigner(scheme: "hmac-sha256", key: key))
        let good = signer.signature(parts)
        #expect(signer.verifies(good, parts))
        for index in parts.indices {
            var changed = parts
            changed[index].append(0x20)
            #expect(!signer.verifies(good, changed))
        }
        let other = try #require(MessageSigner(scheme: "hmac-sha256", key: Array("other".utf8)))
        #expect(!other.verifies(good, parts))
        #expect(!signer.verifies([], parts))
        #expect(!signer.verifies(Array(good.dropLast()), parts))
    }

    @Test func anEmptyKeyMeansUnsigned() throws {
        let signer = try #require(MessageSigner(scheme: "hmac-sha256", key: []))
        #expect(signer.signature(parts) == [])
        #expect(signer.verifies([], parts))
        #expect(MessageSigner(scheme: "rot13", key: key) == nil)
    }

    @Test func wireMessagesSplitAtTheDelimiter() throws {
        let frames = [Array("client".utf8), WireMessage.delimiter, Array("sig".utf8)] + parts + [[0, 1, 2]]
        let message = try #require(WireMessage(frames: frames))
        #expect(message.identities == [Array("client".utf8)])
        #expect(message.signedParts == parts)
        #expect(message.buffers == [[0, 1, 2]])
        #expect(WireMessage(frames: Array(frames.prefix(5))) == nil)
        #expect(WireMessage(frames: parts) == nil)
    }
}
