import Crypto
import Foundation
import MaskrunSystem

/// The connection between the proxy and the real kernel, which no one else may reach:
/// ipc sockets in a fresh 0700 directory, a fresh random key, the connection file 0600.
final class PrivateConnection {
    let directory: String
    let info: ConnectionInfo
    let file: String

    init(scheme: String, kernelName: String?) throws(KernelError) {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? "/tmp"
        Self.removeAbandoned(in: base)
        do throws(SystemError) {
            directory = try POSIX.makeTemporaryDirectory(prefix: "\(base)/maskrun-kernel-\(POSIX.processID())-")
        } catch {
            throw KernelError("cannot create the kernel's private directory: \(error)")
        }
        let key = randomBytes(32)
        let hexKey = key.map { String(format: "%02x", $0) }.joined()
        info = ConnectionInfo(
            transport: "ipc", ip: directory + "/kernel", ports: [1, 2, 3, 4, 5],
            key: hexKey, signatureScheme: scheme, kernelName: kernelName)
        file = directory + "/kernel.json"
        do throws(SystemError) {
            var descriptor = try POSIX.open(file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode: 0o600)
            try POSIX.writeAll(descriptor.rawValue, Array(info.encoded()), path: file)
            try descriptor.close(path: file)
        } catch {
            remove()
            throw KernelError("cannot write the kernel's connection file: \(error)")
        }
    }

    /// Removes the directory and whatever the kernel left in it (its ipc socket files).
    func remove() {
        Self.removeDirectory(directory)
    }

    private static func removeDirectory(_ directory: String) {
        if let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) {
            for entry in entries { POSIX.remove(directory + "/" + entry) }
        }
        POSIX.removeDirectory(directory)
    }

    /// A proxy killed with SIGKILL (as jupyter_client kills a kernel's process group) cannot
    /// clean up; the next proxy removes such directories: this user's, named after a
    /// process that no longer exists.
    private static func removeAbandoned(in base: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: base) else { return }
        for name in names where name.hasPrefix("maskrun-kernel-") {
            let parts = name.dropFirst("maskrun-kernel-".count).split(separator: "-")
            guard parts.count == 2, let pid = pid_t(parts[0]), pid > 0 else { continue }
            if POSIX.processExists(pid) { continue }
            let path = base + "/" + name
            guard let found = try? POSIX.linkStatus(path), found.kind == .directory, found.owner == POSIX.realUser()
            else { continue }
            removeDirectory(path)
        }
    }
}

/// Bytes from the system's secure random source (swift-crypto).
func randomBytes(_ count: Int) -> [UInt8] {
    SymmetricKey(size: SymmetricKeySize(bitCount: count * 8)).withUnsafeBytes { Array($0) }
}
