import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The connection between the proxy and the real kernel, which no one else may reach:
/// ipc sockets in a fresh 0700 directory, a fresh random key, the connection file 0600.
final class PrivateConnection {
    let directory: String
    let info: ConnectionInfo
    let file: String

    init(scheme: String, kernelName: String?) throws(KernelError) {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "/tmp"
        Self.removeAbandoned(in: base)
        let pid = getpid()
        var template = Array("\(base)/maskrun-kernel-\(pid)-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw KernelError("\(base): cannot create the kernel's private directory: \(String(cString: strerror(errno)))")
        }
        directory = String(cString: made)
        let key = randomBytes(32)
        let hexKey = key.map { String(format: "%02x", $0) }.joined()
        info = ConnectionInfo(
            transport: "ipc", ip: directory + "/kernel", ports: [1, 2, 3, 4, 5],
            key: hexKey, signatureScheme: scheme, kernelName: kernelName)
        file = directory + "/kernel.json"
        let data = info.encoded()
        let fd = open(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            remove()
            throw KernelError("\(file): \(reason)")
        }
        let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == data.count else {
            remove()
            throw KernelError("\(file): cannot write the kernel's connection file")
        }
    }

    /// Removes the directory and whatever the kernel left in it (its ipc socket files).
    func remove() {
        Self.removeDirectory(directory)
    }

    private static func removeDirectory(_ directory: String) {
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) {
            for entry in entries { unlink(directory + "/" + entry) }
        }
        rmdir(directory)
    }

    /// A proxy killed with SIGKILL (as jupyter_client kills a kernel's process group) cannot
    /// clean up; the next proxy removes such directories: this user's, named after a
    /// process that no longer exists.
    private static func removeAbandoned(in base: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: base) else { return }
        for name in names where name.hasPrefix("maskrun-kernel-") {
            let parts = name.dropFirst("maskrun-kernel-".count).split(separator: "-")
            guard parts.count == 2, let pid = pid_t(parts[0]), pid > 0 else { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }
            let path = base + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, info.st_uid == getuid() else { continue }
            removeDirectory(path)
        }
    }
}

/// Bytes from the system's secure random source (swift-crypto).
func randomBytes(_ count: Int) -> [UInt8] {
    SymmetricKey(size: SymmetricKeySize(bitCount: count * 8)).withUnsafeBytes { Array($0) }
}
