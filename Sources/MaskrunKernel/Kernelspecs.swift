import Foundation
import MaskrunSystem

/// `maskrun kernel install|list|remove`: kernelspecs whose argv starts maskrun's proxy in
/// front of an installed kernel's own argv (SPEC §6).
public struct Kernelspecs {
    public let paths: JupyterPaths

    public init(paths: JupyterPaths) { self.paths = paths }

    /// An installed kernelspec.
    public struct Spec {
        public var name: String
        public var directory: String
        public var json: [String: Any]

        public var argv: [String] { json["argv"] as? [String] ?? [] }
        public var displayName: String { json["display_name"] as? String ?? name }
        /// For a kernel maskrun installed: the kernel it wraps.
        public var wraps: String? {
            ((json["metadata"] as? [String: Any])?["maskrun"] as? [String: Any])?["wraps"] as? String
        }
        public var policy: String? {
            ((json["metadata"] as? [String: Any])?["maskrun"] as? [String: Any])?["policy"] as? String
        }
        /// Wrapped by maskrun, whether or not it was installed by `kernel install`.
        public var isWrapped: Bool {
            wraps != nil || (argv.count > 2 && argv[1] == "kernel" && argv[2] == "proxy")
        }
    }

    /// Where `install` writes.
    public enum Destination {
        case user
        case sysPrefix
        case prefix(String)
    }

    /// Every kernelspec Jupyter would find, each name once (the first directory wins, as in
    /// jupyter_client's KernelSpecManager; names compare case-insensitively).
    public func all() -> [Spec] {
        var seen = Set<String>()
        var specs: [Spec] = []
        for data in paths.data {
            let kernels = data + "/kernels"
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: kernels) else { continue }
            for name in names.sorted() where !seen.contains(name.lowercased()) {
                guard let spec = Self.read(name: name, directory: kernels + "/" + name) else { continue }
                seen.insert(name.lowercased())
                specs.append(spec)
            }
        }
        return specs
    }

    public func find(_ name: String) -> Spec? {
        all().first { $0.name.lowercased() == name.lowercased() }
    }

    static func read(name: String, directory: String) -> Spec? {
        guard let data = FileManager.default.contents(atPath: directory + "/kernel.json"),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              json["argv"] is [String]
        else { return nil }
        return Spec(name: name, directory: directory, json: json)
    }

    /// Installs a masked copy of kernel `kernel`; returns the new kernelspec's directory.
    /// `proxyArguments` come after `maskrun kernel proxy` (e.g. `--policy FILE`).
    public func install(
        kernel: String, name: String?, displayName: String?, proxyArguments: [String], policy: String?,
        destination: Destination, maskrun: String
    ) throws(KernelError) -> String {
        guard let original = find(kernel) else {
            let known = all().map(\.name).joined(separator: ", ")
            throw KernelError("no kernel named '\(kernel)' (installed: \(known.isEmpty ? "none" : known); searched \(paths.data.map { $0 + "/kernels" }.joined(separator: ", ")))")
        }
        if original.isWrapped {
            throw KernelError("kernel '\(original.name)' at \(original.directory) is already masked by maskrun\(original.wraps.map { " (it wraps '\($0)')" } ?? ""); wrap the original kernel instead")
        }
        let newName = name ?? original.name + "-masked"
        guard !newName.isEmpty, newName.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) && $0.isASCII || "._-".unicodeScalars.contains($0) }) else {
            throw KernelError("--name '\(newName)': a kernel name may hold only ASCII letters, digits, '.', '_' and '-'")
        }
        let base: String
        switch destination {
        case .user: base = paths.user
        case .prefix(let prefix): base = prefix + "/share/jupyter"
        case .sysPrefix:
            guard let prefix = paths.sysPrefix else {
                throw KernelError("--sys-prefix: cannot tell which Python environment Jupyter runs in (no VIRTUAL_ENV, CONDA_PREFIX or jupyter on PATH)")
            }
            base = prefix + "/share/jupyter"
        }
        let directory = base + "/kernels/" + newName
        if FileManager.default.fileExists(atPath: directory) {
            throw KernelError("kernel '\(newName)' already exists at \(directory); remove it first (maskrun kernel remove \(newName))")
        }

        // jupyter_client runs its own Python for a bare `python` in argv[0]; behind the
        // proxy it would be looked up on PATH instead, so name that Python now.
        var kernelArgv = original.argv
        if let first = kernelArgv.first, ["python", "python3"].contains(first) || first.hasPrefix("python3."), let python = paths.python {
            kernelArgv[0] = python
        }
        var json: [String: Any] = [
            "argv": [maskrun, "kernel", "proxy"] + proxyArguments + ["{connection_file}", "--"] + kernelArgv,
            "display_name": displayName ?? original.displayName + " (masked)",
            "language": original.json["language"] ?? "",
        ]
        // Kept: what changes how the client starts and talks to the kernel. Left out: the
        // original's metadata (debugger support, the registration handshake), which the
        // proxy does not relay.
        for key in ["interrupt_mode", "env"] where original.json[key] != nil { json[key] = original.json[key] }
        var note: [String: Any] = ["wraps": original.name, "wraps_directory": original.directory]
        if let policy { note["policy"] = policy }
        json["metadata"] = ["maskrun": note]

        let data: Data
        do {
            data = try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys])
        } catch {
            throw KernelError("kernel '\(original.name)': its kernel.json cannot be written back as JSON")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        } catch {
            throw KernelError("\(directory): cannot create the kernelspec directory: \(Self.reason(error))")
        }
        do {
            try data.write(to: URL(fileURLWithPath: directory + "/kernel.json"), options: .withoutOverwriting)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: original.directory)) ?? []
            for file in files.sorted() where file.hasPrefix("logo-") {
                try FileManager.default.copyItem(atPath: original.directory + "/" + file, toPath: directory + "/" + file)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: directory)
            throw KernelError("\(directory): cannot write the kernelspec: \(Self.reason(error))")
        }
        return directory
    }

    /// Removes a kernel maskrun installed; returns its directory. Refuses any other kernel.
    public func remove(_ name: String) throws(KernelError) -> String {
        guard let spec = find(name) else {
            throw KernelError("no kernel named '\(name)'")
        }
        guard spec.isWrapped else {
            throw KernelError("kernel '\(spec.name)' at \(spec.directory) is not a masked kernel; maskrun removes only kernels it wraps")
        }
        do {
            try FileManager.default.removeItem(atPath: spec.directory)
        } catch {
            throw KernelError("\(spec.directory): cannot remove: \(Self.reason(error))")
        }
        return spec.directory
    }

    private static func reason(_ error: Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return POSIX.errorText(Int32(underlying.code))
        }
        if nsError.domain == NSCocoaErrorDomain {
            switch nsError.code {
            case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return POSIX.errorText(EACCES)
            case NSFileWriteFileExistsError: return POSIX.errorText(EEXIST)
            case NSFileWriteVolumeReadOnlyError: return POSIX.errorText(EROFS)
            default: break
            }
        }
        return nsError.localizedDescription
    }
}
