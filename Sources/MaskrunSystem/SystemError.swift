/// A system call that failed: the call, the path it was given (when there is one) and
/// the errno it left, read at once, before any other call can overwrite it.
/// `description` reads `logs/a.cast: open: Permission denied` or `poll: Bad file
/// descriptor` (no "maskrun:" prefix; the caller adds it).
public struct SystemError: Error, Equatable, Sendable, CustomStringConvertible {
    public var call: String
    public var path: String?
    public var errno: Int32

    public init(_ call: String, path: String? = nil, errno: Int32) {
        self.call = call
        self.path = path
        self.errno = errno
    }

    public var description: String {
        let reason = "\(call): \(POSIX.errorText(errno))"
        return path.map { "\($0): \(reason)" } ?? reason
    }
}
