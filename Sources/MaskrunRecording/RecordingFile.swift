import MaskrunSystem

/// A recording file maskrun opened and owns: written with write(2) as events come (so
/// `tail -f` shows a session as it runs), closed once.
public final class RecordingFile: ByteSink {
    public let path: String
    /// Closed once, by `close()` or with the file object.
    private var descriptor: OwnedDescriptor
    /// True when maskrun created the file (rather than appending to an existing one).
    public let created: Bool
    /// The size the file had when it was opened: 0 for a new file.
    public let initialSize: Int

    init(descriptor: consuming OwnedDescriptor, path: String, created: Bool, initialSize: Int) {
        self.descriptor = descriptor
        self.path = path
        self.created = created
        self.initialSize = initialSize
    }

    public func write(_ bytes: [UInt8]) throws(RecordingError) {
        guard descriptor.isOpen else { throw RecordingError("\(path): already closed") }
        try system { () throws(SystemError) in try POSIX.writeAll(descriptor.rawValue, bytes, path: path) }
    }

    public func close() throws(RecordingError) {
        try system { () throws(SystemError) in try descriptor.close(path: path) }
    }

    /// Closes and, when maskrun created the file, removes it: for undoing the files of a
    /// session that could not start because a later file failed.
    public func discard() {
        try? close()
        if created { POSIX.remove(path) }
    }

    /// Reads `limit` bytes at `offset` of the file as it was when opened (for appending
    /// to an asciicast recording, which needs its header and last event).
    func read(at offset: Int, limit: Int) throws(RecordingError) -> [UInt8] {
        try system { () throws(SystemError) in try POSIX.read(descriptor.rawValue, limit: limit, at: offset, path: path) }
    }
}
