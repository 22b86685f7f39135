/// The calls the notebook kernel proxy makes (SPEC §6): non-blocking reads of the kernel's
/// output, its private directory, and the real kernel's process, in the same funnel.
extension POSIX {
    /// Reads what is waiting on a non-blocking descriptor: nil at end of file, an empty
    /// array when nothing is waiting (EAGAIN); EINTR is retried.
    public static func readAvailable(_ fd: Int32, limit: Int = 64 * 1024, path: String? = nil) throws(SystemError) -> [UInt8]? {
        do throws(SystemError) {
            let bytes = try read(fd, limit: limit, path: path)
            return bytes.isEmpty ? nil : bytes
        } catch where error.errno == EAGAIN || error.errno == EWOULDBLOCK {
            return []
        }
    }

    /// mkdtemp(3): a new directory, mode 0700, named `prefix` and six random characters.
    public static func makeTemporaryDirectory(prefix: String) throws(SystemError) -> String {
        var template = Array((prefix + "XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard let made else { throw SystemError("mkdtemp", path: prefix + "XXXXXX", errno: lastError()) }
        return String(cString: made)
    }

    /// rmdir(2), best effort: for cleaning up a directory maskrun made.
    public static func removeDirectory(_ path: String) {
        _ = rmdir(path)
    }

    /// waitpid(pid, WNOHANG): the raw status once the child has exited, nil while it runs.
    public static func reap(_ pid: pid_t) throws(SystemError) -> Int32? {
        var status: Int32 = 0
        let result = try retrying("waitpid") { waitpid(pid, &status, WNOHANG) }
        return result == pid ? status : nil
    }

    /// kill(2).
    public static func sendSignal(_ number: Int32, to pid: pid_t) throws(SystemError) {
        try retrying("kill") { kill(pid, number) }
    }

    /// Whether a process with this id exists (kill with signal 0; EPERM: it does, as
    /// another user's).
    public static func processExists(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || lastError() == EPERM
    }

    /// getuid(2).
    public static func realUser() -> uid_t { getuid() }

    /// signal(2) set to ignore: for SIGPIPE and SIGINT in a process that handles neither.
    public static func ignoreSignal(_ number: Int32) {
        _ = signal(number, SIG_IGN)
    }
}

/// A NULL-terminated array of C strings (argv, envp) for a C spawn shim, freed with its
/// owner; the pointers stay valid while it lives.
public final class CStringArray {
    public let pointers: [UnsafeMutablePointer<CChar>?]

    public init(_ strings: [String]) {
        pointers = strings.map { strdup($0) } + [nil]
    }

    deinit {
        for pointer in pointers { free(pointer) }
    }
}
