#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A recording file maskrun opened and owns: written with write(2) as events come (so
/// `tail -f` shows a session as it runs), closed once.
public final class RecordingFile: ByteSink {
    public let path: String
    /// -1 once closed.
    private var fd: Int32
    /// True when maskrun created the file (rather than appending to an existing one).
    public let created: Bool
    /// The size the file had when it was opened: 0 for a new file.
    public let initialSize: Int

    init(fd: Int32, path: String, created: Bool, initialSize: Int) {
        self.fd = fd
        self.path = path
        self.created = created
        self.initialSize = initialSize
    }

    public func write(_ bytes: [UInt8]) throws(RecordingError) {
        guard fd >= 0 else { throw RecordingError("\(path): already closed") }
        try Sys.writeAll(fd, bytes, path: path)
    }

    public func close() throws(RecordingError) {
        guard fd >= 0 else { return }
        let closing = fd
        fd = -1
        try Sys.closeFile(closing, path: path)
    }

    /// Closes and, when maskrun created the file, removes it: for undoing the files of a
    /// session that could not start because a later file failed.
    public func discard() {
        try? close()
        if created { Sys.remove(path) }
    }

    /// Reads `limit` bytes at `offset` of the file as it was when opened (for appending
    /// to an asciicast recording, which needs its header and last event).
    func read(at offset: Int, limit: Int) throws(RecordingError) -> [UInt8] {
        try Sys.readChunk(fd, limit: limit, at: offset, path: path)
    }

    deinit {
        if fd >= 0 { _ = try? Sys.closeFile(fd, path: path) }
    }
}
