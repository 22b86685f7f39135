/// One Jupyter message as ZeroMQ frames (the messaging spec's wire protocol):
/// routing identities, `<IDS|MSG>`, the signature, header, parent_header, metadata,
/// content, then any binary buffers, which are not signed and pass unchanged.
struct WireMessage {
    static let delimiter = Array("<IDS|MSG>".utf8)

    var identities: [[UInt8]]
    var signature: [UInt8]
    var header: [UInt8]
    var parentHeader: [UInt8]
    var metadata: [UInt8]
    var content: [UInt8]
    var buffers: [[UInt8]]

    /// Splits received frames; nil when there is no delimiter or fewer than the five parts.
    init?(frames: [[UInt8]]) {
        guard let split = frames.firstIndex(of: Self.delimiter), frames.count >= split + 6 else { return nil }
        identities = Array(frames[..<split])
        signature = frames[split + 1]
        header = frames[split + 2]
        parentHeader = frames[split + 3]
        metadata = frames[split + 4]
        content = frames[split + 5]
        buffers = Array(frames[(split + 6)...])
    }

    init(identities: [[UInt8]], header: [UInt8], parentHeader: [UInt8], metadata: [UInt8], content: [UInt8], buffers: [[UInt8]] = []) {
        self.identities = identities
        signature = []
        self.header = header
        self.parentHeader = parentHeader
        self.metadata = metadata
        self.content = content
        self.buffers = buffers
    }

    /// The signed parts, in the order the HMAC covers them.
    var signedParts: [[UInt8]] { [header, parentHeader, metadata, content] }

    /// The frames to send, signed by `signer`.
    func frames(signedBy signer: MessageSigner) -> [[UInt8]] {
        identities + [Self.delimiter, signer.signature(signedParts)] + signedParts + buffers
    }
}
