#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A system call that failed: which call, and the errno it left.
/// `description` reads like `poll: Bad file descriptor` (no "maskrun:" prefix).
public struct SystemError: Error, Equatable, Sendable, CustomStringConvertible {
    public var call: String
    public var errno: Int32

    public init(_ call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    public var description: String { "\(call): \(String(cString: strerror(errno)))" }
}

// The one funnel for libc calls (swift-system's Syscalls.swift/Util.swift): -1 becomes a
// SystemError, EINTR is retried where that is safe. Unsafe pointers stay in this file.

/// Runs `body` again while it fails with EINTR; -1 becomes `SystemError(call, errno)`.
@discardableResult
func retryingInterrupts<T: FixedWidthInteger>(
    _ call: String, _ body: () -> T
) throws(SystemError) -> T {
    while true {
        let result = body()
        if result != -1 { return result }
        let error = currentErrno()
        if error != EINTR { throw SystemError(call, errno: error) }
    }
}

/// The calling thread's errno (a function, because `errno` is also a property name).
func currentErrno() -> Int32 { errno }

/// read(2) of at most `limit` bytes; an empty array is end of file. EINTR is retried;
/// EAGAIN and EIO are thrown for the caller to interpret.
func readChunk(_ fd: Int32, limit: Int = 65536) throws(SystemError) -> [UInt8] {
    var failure: Int32 = 0
    let bytes = [UInt8](unsafeUninitializedCapacity: limit) { buffer, count in
        count = 0
        while true {
            let result = read(fd, buffer.baseAddress, limit)
            if result >= 0 {
                count = result
                return
            }
            if errno != EINTR {
                failure = errno
                return
            }
        }
    }
    if failure != 0 { throw SystemError("read", errno: failure) }
    return bytes
}

/// One write(2); returns how many bytes went. EINTR is thrown, not retried, so that a
/// writer blocked on a stalled stream can look at the signals that interrupted it.
func writeOnce(_ fd: Int32, _ bytes: ArraySlice<UInt8>) throws(SystemError) -> Int {
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    if written < 0 { throw SystemError("write", errno: currentErrno()) }
    return written
}

/// poll(2). An interrupted poll returns 0 ready descriptors: the loop then looks at the
/// self-pipe and recomputes its deadlines.
func pollDescriptors(_ fds: inout [pollfd], timeoutMilliseconds: Int32) throws(SystemError) -> Int {
    let ready = fds.withUnsafeMutableBufferPointer {
        poll($0.baseAddress, nfds_t($0.count), timeoutMilliseconds)
    }
    if ready >= 0 { return Int(ready) }
    let error = currentErrno()
    if error == EINTR { return 0 }
    throw SystemError("poll", errno: error)
}

/// Sets or clears O_NONBLOCK (fcntl F_GETFL/F_SETFL). Only for descriptors maskrun
/// owns: the flag belongs to the open file description, shared with other processes.
func setNonBlocking(_ fd: Int32, _ on: Bool = true) throws(SystemError) {
    let flags = try retryingInterrupts("fcntl(F_GETFL)") { fcntl(fd, F_GETFL) }
    let wanted = on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK
    if wanted != flags {
        try retryingInterrupts("fcntl(F_SETFL)") { fcntl(fd, F_SETFL, wanted) }
    }
}

/// waitpid(pid, WNOHANG | WUNTRACED): the raw status once the child has exited or
/// stopped, nil while it runs.
func waitForChange(_ pid: pid_t) throws(SystemError) -> Int32? {
    var status: Int32 = 0
    let result = try retryingInterrupts("waitpid") { waitpid(pid, &status, WNOHANG | WUNTRACED) }
    return result == pid ? status : nil
}
