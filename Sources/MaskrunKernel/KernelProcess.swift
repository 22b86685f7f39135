import CKernelSpawn
import MaskrunSystem

/// The real kernel: started with stdin on /dev/null and stdout/stderr on pipes the proxy
/// masks, in the proxy's process group, killed with the proxy (see kernel_spawn.h).
final class KernelProcess {
    let pid: pid_t
    /// Read ends of the kernel's stdout and stderr (non-blocking, close-on-exec); each is
    /// closed at its end of file.
    private var stdoutPipe: OwnedDescriptor
    private var stderrPipe: OwnedDescriptor
    private(set) var status: Int32?

    /// The pipes' descriptors, as the poll loop names them; -1 once closed.
    var stdout: Int32 { stdoutPipe.rawValue }
    var stderr: Int32 { stderrPipe.rawValue }

    init(argv: [String]) throws(KernelError) {
        guard !argv.isEmpty else { throw KernelError("no kernel command given after --") }
        guard !argv.contains(where: { $0.utf8.contains(0) }) else {
            throw KernelError("a kernel argument contains a NUL byte")
        }
        var spawnError: Int32 = 0
        do throws(SystemError) {
            var out = try OwnedPipe()
            var err = try OwnedPipe()
            let cArguments = CStringArray(argv)
            var pid: pid_t = 0
            spawnError = maskrun_kernel_spawn(cArguments.pointers, out.writeEnd.rawValue, err.writeEnd.rawValue, &pid)
            // The write ends belong to the kernel now; this side's copies close here, so
            // that the pipes end when the kernel does.
            try out.writeEnd.close()
            try err.writeEnd.close()
            guard spawnError == 0 else { throw SystemError("exec", path: argv[0], errno: spawnError) }
            self.pid = pid
            try POSIX.setNonBlocking(out.readEnd.rawValue)
            try POSIX.setNonBlocking(err.readEnd.rawValue)
            stdoutPipe = out.readEnd
            stderrPipe = err.readEnd
        } catch where spawnError != 0 {
            throw KernelError("cannot start the kernel '\(argv[0])': \(POSIX.errorText(spawnError))")
        } catch {
            throw KernelError("cannot start the kernel: \(error)")
        }
    }

    /// Reads what is waiting on one of the pipes; nil at end of file or on an error (the
    /// pipe is then closed), an empty array when nothing is waiting.
    func read(_ fd: Int32) -> [UInt8]? {
        guard fd >= 0, fd == stdout || fd == stderr else { return nil }
        if let bytes = try? POSIX.readAvailable(fd, limit: 65536, path: "the kernel's output") {
            return bytes
        }
        if fd == stdout { _ = try? stdoutPipe.close() } else { _ = try? stderrPipe.close() }
        return nil
    }

    /// Reaps the kernel if it has exited (waitpid WNOHANG); its status as a shell reports
    /// it (128+N after signal N).
    func poll() -> Int32? {
        if let status { return status }
        guard let raw = try? POSIX.reap(pid) else { return nil }
        let signal = raw & 0x7F
        status = signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
        return status
    }

    func signal(_ number: Int32) {
        guard status == nil else { return }
        _ = try? POSIX.sendSignal(number, to: pid)
    }
}

/// The signals the proxy handles itself, read from a signalfd so they wake zmq_poll.
/// SIGINT is ignored: clients interrupt with killpg, which reaches the kernel directly
/// (interrupt_mode signal), or with interrupt_request on control (interrupt_mode message).
final class ProxySignals {
    private let descriptor: OwnedDescriptor
    var fd: Int32 { descriptor.rawValue }

    init() throws(KernelError) {
        POSIX.ignoreSignal(SIGINT)
        POSIX.ignoreSignal(SIGPIPE)
        let handled = [SIGTERM, SIGHUP, SIGQUIT, SIGCHLD]
        let fd = maskrun_signal_fd(handled, Int32(handled.count))
        guard fd >= 0 else { throw KernelError(SystemError("signalfd", errno: POSIX.lastError()).description) }
        descriptor = OwnedDescriptor(owning: fd)
    }

    /// The signals received since the last call.
    func take() -> [Int32] {
        var numbers: [Int32] = []
        while case let number = maskrun_signal_fd_read(fd), number != 0 { numbers.append(number) }
        return numbers
    }
}
