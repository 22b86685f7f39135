#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CPTYSpawn

/// A descriptor maskrun opened and owns: it cannot be copied, and it is closed exactly
/// once, when its owner drops it (swift-subprocess's `IODescriptor`). maskrun's own
/// stdin/stdout/stderr are never wrapped in one, since maskrun does not own them.
struct FileDescriptor: ~Copyable {
    let rawValue: Int32

    init(owning rawValue: Int32) {
        self.rawValue = rawValue
    }

    deinit {
        // Linux closes the descriptor even when close(2) reports EINTR; never retry.
        _ = close(rawValue)
    }
}

/// Both ends of a new pipe, close-on-exec (pipe2 O_CLOEXEC).
struct Pipe: ~Copyable {
    var readEnd: FileDescriptor
    var writeEnd: FileDescriptor

    init() throws(SystemError) {
        var fds: [Int32] = [-1, -1]
        try retryingInterrupts("pipe2") { maskrun_pipe_cloexec(&fds) }
        readEnd = FileDescriptor(owning: fds[0])
        writeEnd = FileDescriptor(owning: fds[1])
    }
}
