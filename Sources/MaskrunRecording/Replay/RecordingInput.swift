import MaskrunSystem

/// Opens a recording for replay: a plain file, or an age-encrypted one decrypted on the
/// fly with the given identities.
public enum RecordingInput {
    /// The source of the recording's plaintext. An encrypted file without identities is
    /// an error that says to give `--identity`.
    public static func open(path: String, identities: [AgeIdentity]?) throws(RecordingError) -> ByteSource {
        let file = try FileSource(path: path)
        let peek = PeekingSource(file)
        let start = try peek.peek(AgeFormat.versionLine.count)
        guard start.starts(with: Array("age-encryption.org/".utf8)) || start.starts(with: Array("-----BEGIN AGE".utf8)) else {
            return peek
        }
        guard let identities else {
            throw RecordingError("\(path): the recording is age-encrypted; give the key file with --identity")
        }
        return try AgeDecryptor(source: peek, identities: identities)
    }

    /// A whole small file (a key or recipients file), at most `limit` bytes.
    public static func readSmallFile(path: String, limit: Int = 1 << 20) throws(RecordingError) -> [UInt8] {
        let source = try FileSource(path: path)
        var bytes: [UInt8] = []
        while true {
            let chunk = try source.nextChunk()
            if chunk.isEmpty { return bytes }
            bytes += chunk
            if bytes.count > limit { throw RecordingError("\(path): larger than \(limit) bytes; not a key file") }
        }
    }
}

/// A source that can look at its first bytes before handing them on.
final class PeekingSource: ByteSource {
    private let source: ByteSource
    private var head: [UInt8] = []
    var path: String { source.path }

    init(_ source: ByteSource) {
        self.source = source
    }

    func peek(_ count: Int) throws(RecordingError) -> [UInt8] {
        while head.count < count {
            let chunk = try source.nextChunk()
            if chunk.isEmpty { break }
            head += chunk
        }
        return Array(head.prefix(count))
    }

    func nextChunk() throws(RecordingError) -> [UInt8] {
        if !head.isEmpty {
            defer { head = [] }
            return head
        }
        return try source.nextChunk()
    }
}

/// Writing replayed output to a descriptor maskrun does not own (its stdout).
public enum RecordingOutput {
    public static func write(_ bytes: [UInt8], to fd: Int32) throws(RecordingError) {
        try system { () throws(SystemError) in try POSIX.writeAll(fd, bytes, path: "<standard output>") }
    }
}
