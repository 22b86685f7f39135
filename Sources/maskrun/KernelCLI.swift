import ArgumentParser
import Foundation
import MaskrunCore
import MaskrunKernel
import MaskrunRecording

/// `maskrun kernel install|list|remove|proxy`: masked Jupyter kernels (SPEC §6).
struct KernelGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel",
        abstract: "Wrap installed Jupyter kernels so notebooks show masked output.",
        discussion: """
            Examples:
              maskrun kernel install --kernel python3 --policy ~/.config/maskrun/notebooks.yml
              maskrun kernel list
              maskrun kernel remove python3-masked
            """,
        subcommands: [KernelInstall.self, KernelList.self, KernelRemove.self, KernelProxyCommand.self])
}

struct KernelInstall: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Install a masked copy of an installed kernel.",
        discussion: """
            The new kernelspec runs 'maskrun kernel proxy' in front of the original kernel's command; Jupyter lists it beside the original.

            Examples:
              maskrun kernel install --kernel python3
              maskrun kernel install --kernel python3 --name py-safe --display-name "Python (safe)" --policy team.yml
              maskrun kernel install --kernel ir --sys-prefix
            """)

    @Option(name: .customLong("kernel"), help: ArgumentHelp("The installed kernel to wrap (as `jupyter kernelspec list` names it).", valueName: "name"))
    var kernel: String

    @Option(name: .customLong("name"), help: ArgumentHelp("Name of the new kernel (default: NAME-masked).", valueName: "new"))
    var name: String?

    @Option(name: .customLong("display-name"), help: ArgumentHelp("Name shown in notebook menus (default: the original's, with \" (masked)\").", valueName: "text"))
    var displayName: String?

    @Option(name: [.short, .long], help: ArgumentHelp("Policy file the kernel masks with (checked now; default: as for maskrun run, when the kernel starts).", valueName: "file"), completion: .file())
    var policy: String?

    @Flag(name: .customLong("user"), help: "Install for the current user (the default).")
    var user = false

    @Flag(name: .customLong("sys-prefix"), help: "Install into the Python environment Jupyter runs in.")
    var sysPrefix = false

    @Option(name: .customLong("prefix"), help: ArgumentHelp("Install into PREFIX/share/jupyter/kernels.", valueName: "prefix"), completion: .directory)
    var prefix: String?

    func validate() throws {
        if [user, sysPrefix, prefix != nil].filter({ $0 }).count > 1 {
            throw ValidationError("--user, --sys-prefix and --prefix exclude each other")
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        var proxyArguments: [String] = []
        var policyPath: String?
        if let policy {
            // The kernel starts from another working directory: keep an absolute path, and
            // refuse a policy that would not load then.
            let absolute = policy.hasPrefix("/") ? policy : FileManager.default.currentDirectoryPath + "/" + policy
            var options = MaskingOptions()
            options.policyPath = absolute
            _ = try options.setup(environment: environment, defaultFlush: .seconds(1), standardInput: { [] })
            policyPath = absolute
            proxyArguments = ["--policy", absolute]
        }
        let destination: Kernelspecs.Destination = sysPrefix ? .sysPrefix : prefix.map { .prefix($0) } ?? .user
        let store = Kernelspecs(paths: JupyterPaths.discover(environment: environment))
        do {
            let directory = try store.install(
                kernel: kernel, name: name, displayName: displayName, proxyArguments: proxyArguments,
                policy: policyPath, destination: destination, maskrun: KernelCLISupport.executablePath())
            Diagnostics.output("Installed masked kernel '\((directory as NSString).lastPathComponent)' in \(directory)\n")
        } catch {
            throw MaskrunFailure(error.message)
        }
    }
}

struct KernelList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the masked kernels and the kernels they wrap.",
        discussion: """
            One line each: name, directory, the kernel it wraps, and its policy file if any.

            Example:
              maskrun kernel list
            """)

    func run() throws {
        let store = Kernelspecs(paths: JupyterPaths.discover(environment: ProcessInfo.processInfo.environment))
        let wrapped = store.all().filter(\.isWrapped)
        guard !wrapped.isEmpty else {
            Diagnostics.output("No masked kernels (maskrun kernel install --kernel NAME makes one).\n")
            return
        }
        for spec in wrapped {
            var line = "\(spec.name)\t\(spec.directory)\twraps \(spec.wraps ?? "?")"
            if let policy = spec.policy { line += "\tpolicy \(policy)" }
            Diagnostics.output(line + "\n")
        }
    }
}

struct KernelRemove: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove a masked kernel (only kernels maskrun installed).",
        discussion: """
            Example:
              maskrun kernel remove python3-masked
            """)

    @Argument(help: ArgumentHelp("The masked kernel's name.", valueName: "name"))
    var name: String

    func run() throws {
        let store = Kernelspecs(paths: JupyterPaths.discover(environment: ProcessInfo.processInfo.environment))
        do {
            let directory = try store.remove(name)
            Diagnostics.output("Removed masked kernel '\(name)' from \(directory)\n")
        } catch {
            throw MaskrunFailure(error.message)
        }
    }
}

struct KernelProxyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxy",
        abstract: "Run a kernel behind maskrun's masking proxy (kernelspecs from 'kernel install' start this).",
        usage: "maskrun kernel proxy [OPTIONS] CONNECTION_FILE -- KERNEL_ARGV...",
        discussion: """
            Jupyter starts this through a kernelspec that 'maskrun kernel install' wrote; the proxy listens where CONNECTION_FILE says and starts KERNEL_ARGV on a private connection. Its exit status is the kernel's.

            Example:
              maskrun kernel proxy --audit audit-{time}.jsonl k.json -- python3 -m ipykernel_launcher -f k.json
            """)

    @OptionGroup var masking: MaskingOptionGroup
    @OptionGroup var recording: RecordingOptionGroup

    @Argument(help: ArgumentHelp("The connection file the notebook client wrote.", valueName: "connection-file"), completion: .file())
    var connectionFile: String

    @Argument(parsing: .postTerminator, help: ArgumentHelp("The real kernel's command line ({connection_file} or the connection file is replaced by the private one).", valueName: "kernel-argv"))
    var kernelArgv: [String] = []

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        guard !kernelArgv.isEmpty else { throw MaskrunFailure("kernel proxy: no kernel command given after --") }
        let setup = try masking.options.setup(environment: environment, defaultFlush: .seconds(1), standardInput: { [] })
        let recorder = try SessionRecorder.open(
            recording.options, logs: setup.policy.logs,
            context: .init(commandLine: kernelArgv, environment: environment, engine: setup.engine))
        var hooks = KernelOutputHooks(warning: { Diagnostics.warning($0) })
        if let recorder {
            recorder.resized(columns: AsciicastRecording.defaultSize.columns, rows: AsciicastRecording.defaultSize.rows)
            hooks.raw = { recorder.recordRaw($0, from: $1) }
            hooks.masked = { recorder.recordMasked($0, from: $1, events: $2, cell: $3) }
        }
        let proxy: KernelProxy
        do {
            proxy = try KernelProxy(
                connectionFile: connectionFile, kernelArgv: kernelArgv, engine: setup.engine,
                flushAfter: setup.flushAfter, hooks: hooks)
        } catch {
            recorder?.finish(exitStatus: 125)
            throw MaskrunFailure(error.message)
        }
        let status = proxy.run()
        recorder?.finish(exitStatus: status)
        throw ExitCode(status)
    }
}

enum KernelCLISupport {
    /// The running maskrun's absolute path, for the kernelspec's argv.
    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}
