import MaskrunSystem

// The recording library's system calls go through MaskrunSystem's one funnel; its
// SystemError (call, path, errno) becomes the RecordingError the library's API speaks.

/// A recording problem, said in one sentence that names the file and, for a failed system
/// call, the call and its errno text, e.g. `logs/a.cast: open: Permission denied`.
/// Never holds recorded data.
public struct RecordingError: Error, Equatable, Sendable, CustomStringConvertible {
    public let description: String
    /// The errno of a failed system call; 0 for other problems.
    public let errno: Int32

    public init(_ description: String, errno: Int32 = 0) {
        self.description = description
        self.errno = errno
    }

    /// The same words as the system error: `PATH: CALL: strerror(errno)`.
    public init(_ error: SystemError) {
        self.init(error.description, errno: error.errno)
    }
}

/// Runs system calls; their SystemError becomes a RecordingError.
func system<T: ~Copyable>(_ body: () throws(SystemError) -> T) throws(RecordingError) -> T {
    do {
        return try body()
    } catch {
        throw RecordingError(error)
    }
}
