/// Where a recording's bytes go: a file, or an encryptor in front of a file. Writers
/// (asciicast, text, audit) know only this, so encryption and failure handling stay out
/// of the formats.
public protocol ByteSink: AnyObject {
    /// The file the bytes end up in, for messages.
    var path: String { get }
    func write(_ bytes: [UInt8]) throws(RecordingError)
    /// Writes what is still buffered and closes; later calls do nothing.
    func close() throws(RecordingError)
}

/// A sink that keeps everything in memory; for tests and for building small outputs.
public final class MemorySink: ByteSink {
    public let path: String
    public private(set) var bytes: [UInt8] = []
    public private(set) var closed = false

    public init(path: String = "<memory>") {
        self.path = path
    }

    public func write(_ bytes: [UInt8]) throws(RecordingError) {
        self.bytes += bytes
    }

    public func close() throws(RecordingError) {
        closed = true
    }
}
