import Foundation

/// Where Jupyter looks for kernelspecs, asked of Jupyter itself (`jupyter --paths --json`,
/// which applies JUPYTER_PATH, JUPYTER_DATA_DIR, JUPYTER_PREFER_ENV_PATH, the user, the
/// environment's and the system's data directories in Jupyter's own order). Without a
/// `jupyter` on PATH the same sources are read directly, in Jupyter's default order.
public struct JupyterPaths {
    /// Data directories, highest priority first; kernelspecs are in `<dir>/kernels/<name>`.
    public var data: [String]
    /// The user's data directory (`--user`).
    public var user: String
    /// The Python environment's prefix that `jupyter` runs in (`--sys-prefix`), if known.
    public var sysPrefix: String?
    /// The Python `jupyter` runs with: what a kernelspec's bare `python` means to
    /// jupyter_client (it runs `sys.executable` for it).
    public var python: String?

    public static func discover(environment: [String: String]) -> JupyterPaths {
        let user = userDataDirectory(environment)
        let jupyter = findExecutable("jupyter", environment: environment)
        let python = jupyter.flatMap(interpreter(of:))
        let prefix = environment["VIRTUAL_ENV"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["CONDA_PREFIX"].flatMap { $0.isEmpty ? nil : $0 }
            ?? python.flatMap(prefix(of:))
        if let jupyter, let output = run([jupyter, "--paths", "--json"], environment: environment),
           let object = try? JSONSerialization.jsonObject(with: output) as? [String: Any],
           let data = object["data"] as? [String] {
            return JupyterPaths(data: data, user: user, sysPrefix: prefix, python: python)
        }
        var data: [String] = []
        if let path = environment["JUPYTER_PATH"], !path.isEmpty {
            data += path.split(separator: ":").map { String($0) }
        }
        data.append(user)
        if let prefix { data.append(prefix + "/share/jupyter") }
        data += ["/usr/local/share/jupyter", "/usr/share/jupyter"]
        return JupyterPaths(data: data, user: user, sysPrefix: prefix, python: python)
    }

    /// jupyter_core's `jupyter_data_dir()` on Linux.
    static func userDataDirectory(_ environment: [String: String]) -> String {
        if let dir = environment["JUPYTER_DATA_DIR"], !dir.isEmpty { return dir }
        let home = environment["HOME"] ?? NSHomeDirectory()
        let xdg = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/share"
        return xdg + "/jupyter"
    }

    static func findExecutable(_ name: String, environment: [String: String]) -> String? {
        for dir in (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// The interpreter a script's `#!` line names (an absolute path).
    private static func interpreter(of script: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: script) else { return nil }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 512)) ?? Data()
        guard let line = String(decoding: head, as: UTF8.self).split(separator: "\n").first, line.hasPrefix("#!") else { return nil }
        let words = line.dropFirst(2).split(separator: " ").map(String.init)
        guard let python = words.first, python.hasPrefix("/"), !python.hasSuffix("/env") else { return nil }
        return python
    }

    /// `sys.prefix` of a Python interpreter.
    private static func prefix(of python: String) -> String? {
        run([python, "-c", "import sys; print(sys.prefix)"], environment: [:])
            .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
            .flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Runs a helper program and returns its stdout, or nil when it fails.
    private static func run(_ argv: [String], environment: [String: String]) -> Data? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: argv[0])
        process.arguments = Array(argv.dropFirst())
        if !environment.isEmpty { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? data : nil
    }
}
