import MaskrunSystem
import CPTYSpawn

/// A descriptor maskrun opened and owns: closed exactly once, by `close()` or when the
/// last reference goes (swift-subprocess's `IODescriptor` plays this part as a
/// noncopyable type; a class is used here because optional noncopyable descriptors are
/// still hard to borrow in Swift 6.3). maskrun's own stdin, stdout and stderr are never
/// wrapped in one, since maskrun does not own them.
final class FileDescriptor {
    /// -1 once closed.
    private(set) var rawValue: Int32

    init(owning rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// Closes now; later calls do nothing. Linux closes the descriptor even when
    /// close(2) reports EINTR, so it is never retried.
    func close() {
        guard rawValue >= 0 else { return }
        _ = try? POSIX.close(rawValue)
        rawValue = -1
    }

    deinit {
        close()
    }
}

/// Both ends of a new pipe, close-on-exec (pipe2 O_CLOEXEC).
struct OwnedPipe {
    let readEnd: FileDescriptor
    let writeEnd: FileDescriptor

    init() throws(SystemError) {
        var fds: [Int32] = [-1, -1]
        try retryingInterrupts("pipe2") { maskrun_pipe_cloexec(&fds) }
        readEnd = FileDescriptor(owning: fds[0])
        writeEnd = FileDescriptor(owning: fds[1])
    }
}
