/// The one funnel for maskrun's libc calls (as swift-system's Internals/Syscalls.swift):
/// -1 becomes a `SystemError` naming the call and path, and EINTR is retried in one
/// helper, `retrying`. Unsafe pointers live here and in the PCRE2 bridge only.
public enum POSIX {
    /// Runs `body` again while it fails with EINTR; -1 becomes `SystemError(call, path, errno)`.
    @discardableResult
    public static func retrying<T: FixedWidthInteger>(_ call: String, path: String? = nil, _ body: () -> T) throws(SystemError) -> T {
        while true {
            let result = body()
            if result != -1 { return result }
            let error = lastError()
            if error != EINTR { throw SystemError(call, path: path, errno: error) }
        }
    }

    /// The calling thread's errno (a function, because `errno` is also a property name).
    public static func lastError() -> Int32 { errno }

    /// strerror(3): what an errno means, e.g. "Permission denied".
    public static func errorText(_ errno: Int32) -> String { String(cString: strerror(errno)) }

    /// open(2) with O_CLOEXEC always added, so no descriptor maskrun opens leaks into the
    /// command; `mode` applies only when the file is created.
    public static func open(_ path: String, _ flags: Int32, mode: mode_t = 0o600) throws(SystemError) -> OwnedDescriptor {
        OwnedDescriptor(owning: try retrying("open", path: path) { sysOpen(path, flags | O_CLOEXEC, mode) })
    }

    /// read(2) of at most `limit` bytes, or pread(2) at `offset` when given; an empty
    /// array is end of file.
    public static func read(_ fd: Int32, limit: Int, at offset: Int? = nil, path: String? = nil) throws(SystemError) -> [UInt8] {
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: limit) { buffer, count in
            do throws(SystemError) {
                count = try retrying(offset == nil ? "read" : "pread", path: path) {
                    offset.map { pread(fd, buffer.baseAddress, limit, off_t($0)) } ?? sysRead(fd, buffer.baseAddress, limit)
                }
            } catch {
                failure = error.errno
                count = 0
            }
        }
        if failure != 0 { throw SystemError(offset == nil ? "read" : "pread", path: path, errno: failure) }
        return bytes
    }

    /// A whole file of at most `limit` bytes: a policy, a values file, a key. A directory
    /// is EISDIR and a larger file (or an endless one, `/dev/zero`) EFBIG, so no input
    /// can make maskrun read forever; the errno is the call's own, never a stale one.
    public static func readFile(_ path: String, limit: Int) throws(SystemError) -> [UInt8] {
        var descriptor = try open(path, O_RDONLY | O_NOCTTY)
        defer { _ = try? descriptor.close(path: path) }
        return try readToEnd(descriptor.rawValue, limit: limit, path: path)
    }

    /// Everything left on `fd` (a file, a pipe, maskrun's stdin), at most `limit` bytes:
    /// a directory is EISDIR and more than `limit` EFBIG.
    public static func readToEnd(_ fd: Int32, limit: Int, path: String? = nil) throws(SystemError) -> [UInt8] {
        if try status(fd, path: path).kind == .directory {
            throw SystemError("read", path: path, errno: EISDIR)
        }
        var bytes: [UInt8] = []
        while true {
            let chunk = try read(fd, limit: 64 * 1024, path: path)
            if chunk.isEmpty { return bytes }
            bytes += chunk
            if bytes.count > limit { throw SystemError("read", path: path, errno: EFBIG) }
        }
    }

    /// One write(2); how many bytes went. EINTR is thrown, not retried, for a writer that
    /// must look at the signals that interrupted it.
    public static func writeOnce(_ fd: Int32, _ bytes: ArraySlice<UInt8>, path: String? = nil) throws(SystemError) -> Int {
        let written = bytes.withUnsafeBytes { sysWrite(fd, $0.baseAddress, $0.count) }
        if written < 0 { throw SystemError("write", path: path, errno: lastError()) }
        return written
    }

    /// Writes all of `bytes`: short writes continue, EINTR is retried (after `interrupted`,
    /// for a caller that must look at the signal first, as the session loop forwards
    /// SIGTERM during a stalled write), and EAGAIN (a descriptor someone left non-blocking)
    /// waits in poll(2) for POLLOUT, or for `wake` to become readable.
    public static func writeAll(
        _ fd: Int32, _ bytes: [UInt8], path: String? = nil, wake: Int32? = nil, interrupted: () -> Void = {}
    ) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            do {
                offset += try writeOnce(fd, bytes[offset...], path: path)
            } catch {
                switch error.errno {
                case EINTR:
                    interrupted()
                case EAGAIN, EWOULDBLOCK:
                    var fds = [pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)]
                    if let wake { fds.append(pollfd(fd: wake, events: Int16(POLLIN), revents: 0)) }
                    _ = try poll(&fds, timeoutMilliseconds: -1)
                    interrupted()
                default:
                    throw error
                }
            }
        }
    }

    /// fstat(2).
    public static func status(_ fd: Int32, path: String? = nil) throws(SystemError) -> FileStatus {
        var info = stat()
        try retrying("fstat", path: path) { fstat(fd, &info) }
        return FileStatus(info)
    }

    /// lstat(2), without following a final symbolic link; nil when nothing is there (ENOENT).
    public static func linkStatus(_ path: String) throws(SystemError) -> FileStatus? {
        var info = stat()
        if lstat(path, &info) == 0 { return FileStatus(info) }
        let error = lastError()
        if error == ENOENT { return nil }
        throw SystemError("lstat", path: path, errno: error)
    }

    /// fchmod(2).
    public static func changeMode(_ fd: Int32, _ mode: mode_t, path: String? = nil) throws(SystemError) {
        try retrying("fchmod", path: path) { fchmod(fd, mode) }
    }

    /// chmod(2).
    public static func changeMode(_ path: String, _ mode: mode_t) throws(SystemError) {
        try retrying("chmod", path: path) { chmod(path, mode) }
    }

    /// mkdir(2); false when a directory was there already.
    public static func makeDirectory(_ path: String, mode: mode_t) throws(SystemError) -> Bool {
        if mkdir(path, mode) == 0 { return true }
        let error = lastError()
        if error == EEXIST, try linkStatus(path)?.kind == .directory { return false }
        throw SystemError("mkdir", path: path, errno: error)
    }

    /// unlink(2), best effort.
    public static func remove(_ path: String) {
        _ = unlink(path)
    }

    /// realpath(3).
    public static func resolvedPath(_ path: String) throws(SystemError) -> String {
        guard let resolved = realpath(path, nil) else { throw SystemError("realpath", path: path, errno: lastError()) }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The size of an open file: lseek(2) to its end.
    public static func size(_ fd: Int32, path: String? = nil) throws(SystemError) -> Int {
        Int(try retrying("lseek", path: path) { lseek(fd, 0, SEEK_END) })
    }

    /// close(2), never retried: Linux closes the descriptor even when it reports EINTR.
    public static func close(_ fd: Int32, path: String? = nil) throws(SystemError) {
        if sysClose(fd) == 0 { return }
        let error = lastError()
        if error != EINTR { throw SystemError("close", path: path, errno: error) }
    }

    /// geteuid(2).
    public static func effectiveUser() -> uid_t { geteuid() }

    /// getpid(2).
    public static func processID() -> pid_t { getpid() }
}

// The libc functions whose names the wrappers above reuse.
private func sysOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func sysRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }
private func sysWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int { write(fd, buffer, count) }
private func sysClose(_ fd: Int32) -> Int32 { close(fd) }
