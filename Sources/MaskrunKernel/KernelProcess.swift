import CKernelSpawn
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The real kernel: started with stdin on /dev/null and stdout/stderr on pipes the proxy
/// masks, in the proxy's process group, killed with the proxy (see kernel_spawn.h).
final class KernelProcess {
    let pid: pid_t
    /// Read ends of the kernel's stdout and stderr (non-blocking, close-on-exec).
    private(set) var stdout: Int32
    private(set) var stderr: Int32
    private(set) var status: Int32?

    init(argv: [String]) throws(KernelError) {
        guard !argv.isEmpty else { throw KernelError("no kernel command given after --") }
        guard !argv.contains(where: { $0.utf8.contains(0) }) else {
            throw KernelError("a kernel argument contains a NUL byte")
        }
        var out: [Int32] = [-1, -1]
        var err: [Int32] = [-1, -1]
        guard maskrun_kernel_pipe(&out) == 0 else { throw KernelError("pipe: \(String(cString: strerror(errno)))") }
        guard maskrun_kernel_pipe(&err) == 0 else {
            close(out[0]); close(out[1])
            throw KernelError("pipe: \(String(cString: strerror(errno)))")
        }
        var cStrings = argv.map { strdup($0) }
        cStrings.append(nil)
        defer { for pointer in cStrings { free(pointer) } }
        var pid: pid_t = 0
        let error = maskrun_kernel_spawn(&cStrings, out[1], err[1], &pid)
        close(out[1])
        close(err[1])
        guard error == 0 else {
            close(out[0]); close(err[0])
            let reason = String(cString: strerror(error))
            throw KernelError("cannot start the kernel '\(argv[0])': \(reason)")
        }
        self.pid = pid
        stdout = out[0]
        stderr = err[0]
        for fd in [stdout, stderr] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    }

    /// Reads what is waiting on one of the pipes; nil at end of file (the pipe is closed).
    func read(_ fd: Int32) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count > 0 { return Array(buffer[..<count]) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 && errno == EAGAIN { return [] }
            close(fd)
            if fd == stdout { stdout = -1 } else if fd == stderr { stderr = -1 }
            return nil
        }
    }

    /// Reaps the kernel if it has exited (waitpid WNOHANG); its status as a shell reports
    /// it (128+N after signal N).
    func poll() -> Int32? {
        if let status { return status }
        var raw: Int32 = 0
        let result = waitpid(pid, &raw, WNOHANG)
        guard result == pid else { return nil }
        let signal = raw & 0x7F
        status = signal == 0 ? (raw >> 8) & 0xFF : 128 + signal
        return status
    }

    func signal(_ number: Int32) {
        guard status == nil else { return }
        kill(pid, number)
    }
}

/// The signals the proxy handles itself, read from a signalfd so they wake zmq_poll.
/// SIGINT is ignored: clients interrupt with killpg, which reaches the kernel directly
/// (interrupt_mode signal), or with interrupt_request on control (interrupt_mode message).
final class ProxySignals {
    let fd: Int32

    init() throws(KernelError) {
        Glibc.signal(SIGINT, SIG_IGN)
        Glibc.signal(SIGPIPE, SIG_IGN)
        let handled = [SIGTERM, SIGHUP, SIGQUIT, SIGCHLD]
        fd = maskrun_signal_fd(handled, Int32(handled.count))
        guard fd >= 0 else { throw KernelError("signalfd: \(String(cString: strerror(errno)))") }
    }

    /// The signals received since the last call.
    func take() -> [Int32] {
        var numbers: [Int32] = []
        while case let number = maskrun_signal_fd_read(fd), number != 0 { numbers.append(number) }
        return numbers
    }
}
