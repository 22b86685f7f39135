#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The one funnel for the recording library's libc calls (swift-system's Syscalls.swift):
// -1 becomes a RecordingError naming the file, the call and the errno text; EINTR is
// retried. Unsafe pointers stay in this file.

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

    /// `PATH: CALL: strerror(errno)`.
    static func system(_ path: String, _ call: String, _ errno: Int32) -> RecordingError {
        RecordingError("\(path): \(call): \(String(cString: strerror(errno)))", errno: errno)
    }
}

enum Sys {
    /// Runs `body` again while it fails with EINTR; -1 becomes a RecordingError.
    @discardableResult
    static func retrying<T: FixedWidthInteger>(_ path: String, _ call: String, _ body: () -> T) throws(RecordingError) -> T {
        while true {
            let result = body()
            if result != -1 { return result }
            let error = errno
            if error != EINTR { throw .system(path, call, error) }
        }
    }

    /// open(2) with O_CLOEXEC added; `mode` applies only when the file is created.
    static func openFile(_ path: String, _ flags: Int32, mode: mode_t = 0o600) throws(RecordingError) -> Int32 {
        try retrying(path, "open") { open(path, flags | O_CLOEXEC, mode) }
    }

    /// fchmod(2).
    static func changeMode(_ fd: Int32, _ mode: mode_t, path: String) throws(RecordingError) {
        try retrying(path, "fchmod") { fchmod(fd, mode) }
    }

    /// What lstat(2) says is at `path`, without following a final symbolic link; nil when
    /// nothing is there (ENOENT). Other errors are thrown.
    static func lstatKind(_ path: String) throws(RecordingError) -> FileKind? {
        var info = stat()
        if lstat(path, &info) == 0 { return FileKind(mode: info.st_mode) }
        let error = errno
        if error == ENOENT { return nil }
        throw .system(path, "lstat", error)
    }

    /// What fstat(2) says `fd` is open on.
    static func fstatKind(_ fd: Int32, path: String) throws(RecordingError) -> FileKind {
        var info = stat()
        try retrying(path, "fstat") { fstat(fd, &info) }
        return FileKind(mode: info.st_mode)
    }

    /// What fstat(2) says about `fd`: enough to decide whether appending to it is safe.
    static func status(_ fd: Int32, path: String) throws(RecordingError) -> FileStatus {
        var info = stat()
        try retrying(path, "fstat") { fstat(fd, &info) }
        return FileStatus(
            kind: FileKind(mode: info.st_mode), owner: info.st_uid, links: UInt64(info.st_nlink),
            permissions: info.st_mode & 0o7777)
    }

    /// geteuid(2): the user recordings are written for.
    static func effectiveUser() -> uid_t { geteuid() }

    /// mkdir(2); an existing directory is not an error.
    static func makeDirectory(_ path: String, mode: mode_t) throws(RecordingError) -> Bool {
        if mkdir(path, mode) == 0 { return true }
        let error = errno
        if error == EEXIST, try lstatKind(path) == .directory { return false }
        throw .system(path, "mkdir", error)
    }

    /// chmod(2), for directories maskrun has just created (mkdir's mode is cut by the umask).
    static func changeMode(_ path: String, _ mode: mode_t) throws(RecordingError) {
        try retrying(path, "chmod") { chmod(path, mode) }
    }

    /// unlink(2), best effort: for removing a file maskrun created before a later failure.
    static func remove(_ path: String) {
        _ = unlink(path)
    }

    /// realpath(3) of an existing directory.
    static func resolvedPath(_ path: String) throws(RecordingError) -> String {
        guard let resolved = realpath(path, nil) else { throw .system(path, "realpath", errno) }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Writes all of `bytes`, retrying EINTR and short writes.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(RecordingError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                let error = errno
                if error == EINTR { continue }
                throw .system(path, "write", error)
            }
            offset += written
        }
    }

    /// read(2) of at most `limit` bytes, or pread(2) at `offset` when given; an empty array is
    /// end of file. EINTR is retried.
    static func readChunk(_ fd: Int32, limit: Int, at offset: Int? = nil, path: String) throws(RecordingError) -> [UInt8] {
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: limit) { buffer, count in
            count = 0
            while true {
                let result = offset.map { pread(fd, buffer.baseAddress, limit, off_t($0)) } ?? read(fd, buffer.baseAddress, limit)
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
        if failure != 0 { throw .system(path, offset == nil ? "read" : "pread", failure) }
        return bytes
    }

    /// The file's size (lseek(2) to the end).
    static func size(_ fd: Int32, path: String) throws(RecordingError) -> Int {
        Int(try retrying(path, "lseek") { lseek(fd, 0, SEEK_END) })
    }

    /// close(2), not retried: Linux closes the descriptor even when it reports EINTR.
    /// An error (NFS reporting a failed write late) is still worth a warning.
    static func closeFile(_ fd: Int32, path: String) throws(RecordingError) {
        if close(fd) == 0 { return }
        let error = errno
        if error != EINTR { throw .system(path, "close", error) }
    }

    /// getpid(2).
    static func processID() -> Int32 { getpid() }
}

/// The parts of a file's fstat(2) that `--append` checks.
struct FileStatus: Equatable {
    var kind: FileKind
    var owner: uid_t
    var links: UInt64
    /// The permission bits (with setuid, setgid and sticky).
    var permissions: mode_t
}

/// The kinds of file a recording path may name.
enum FileKind: Equatable {
    case regular, directory, symbolicLink, other

    init(mode: mode_t) {
        switch mode & S_IFMT {
        case S_IFREG: self = .regular
        case S_IFDIR: self = .directory
        case S_IFLNK: self = .symbolicLink
        default: self = .other
        }
    }
}

public enum RecordingSignals {
    /// Ignores SIGXFSZ, so that a file size limit (`ulimit -f`) makes a recording's write
    /// fail with EFBIG, which maskrun survives, instead of killing maskrun with the
    /// terminal still in raw mode. The child is unaffected: the spawn resets every
    /// signal to its default before exec. Corresponds to signal(SIGXFSZ, SIG_IGN).
    public static func ignoreFileSizeLimit() {
        _ = signal(SIGXFSZ, SIG_IGN)
    }
}
