import MaskrunSystem

/// Something bytes are read from in chunks: a file, or a decryptor in front of one.
/// An empty chunk means the end.
public protocol ByteSource: AnyObject {
    /// The file read, for messages.
    var path: String { get }
    func nextChunk() throws(RecordingError) -> [UInt8]
}

/// A file opened for reading (it may be a symbolic link: reading through one is harmless).
public final class FileSource: ByteSource {
    public let path: String
    private let descriptor: OwnedDescriptor

    public init(path: String) throws(RecordingError) {
        self.path = path
        let opened = try system { () throws(SystemError) in try POSIX.open(path, O_RDONLY) }
        if try system({ () throws(SystemError) in try POSIX.status(opened.rawValue, path: path) }).kind == .directory {
            throw RecordingError("\(path): is a directory")
        }
        descriptor = opened
    }

    public func nextChunk() throws(RecordingError) -> [UInt8] {
        try system { () throws(SystemError) in try POSIX.read(descriptor.rawValue, limit: 64 * 1024, path: path) }
    }
}

/// Bytes already in memory, as one chunk (tests).
public final class MemorySource: ByteSource {
    public let path: String
    private var bytes: [UInt8]?
    private let chunkSize: Int

    public init(_ bytes: [UInt8], path: String = "<memory>", chunkSize: Int = .max) {
        self.bytes = bytes
        self.path = path
        self.chunkSize = chunkSize
    }

    public func nextChunk() throws(RecordingError) -> [UInt8] {
        guard let rest = bytes, !rest.isEmpty else { return [] }
        let chunk = Array(rest.prefix(chunkSize))
        bytes = Array(rest.dropFirst(chunk.count))
        return chunk
    }
}

/// Reads lines and counted runs of bytes from a source, keeping what it has read ahead.
final class ByteReader {
    let source: ByteSource
    private var buffer: [UInt8] = []
    private var position = 0
    private var ended = false

    init(_ source: ByteSource) {
        self.source = source
    }

    /// Fills the buffer until it holds `count` unread bytes or the source ends.
    private func fill(_ count: Int) throws(RecordingError) {
        while buffer.count - position < count && !ended {
            let chunk = try source.nextChunk()
            if chunk.isEmpty {
                ended = true
            } else {
                if position > 0 {
                    buffer.removeFirst(position)
                    position = 0
                }
                buffer += chunk
            }
        }
    }

    /// Up to `count` bytes; fewer only at the end of the source.
    func read(upTo count: Int) throws(RecordingError) -> [UInt8] {
        try fill(count)
        let end = min(buffer.count, position + count)
        defer { position = end }
        return Array(buffer[position..<end])
    }

    /// True when no byte is left.
    func atEnd() throws(RecordingError) -> Bool {
        try fill(1)
        return position == buffer.count
    }

    /// The next line with its `\n` (without one only for the last line of the source);
    /// nil at the end. A line longer than `limit` is an error, so a file that is not
    /// line-oriented cannot fill memory.
    func readLine(limit: Int) throws(RecordingError) -> [UInt8]? {
        var searched = position
        while true {
            if let newline = buffer[searched...].firstIndex(of: 0x0A) {
                defer { position = newline + 1 }
                return Array(buffer[position...newline])
            }
            searched = buffer.count
            if buffer.count - position > limit {
                throw RecordingError("\(source.path): a line is longer than \(limit) bytes")
            }
            if ended {
                guard position < buffer.count else { return nil }
                defer { position = buffer.count }
                return Array(buffer[position...])
            }
            let before = buffer.count - position
            try fill(before + 1)
            searched = position + before
        }
    }
}
