import MaskrunSystem
import CPTYSpawn

/// A process that restores the user's terminal settings if maskrun is killed (SIGKILL)
/// while the terminal is raw: the case no signal handler can cover, which would otherwise
/// leave the shell without echo or line editing until `stty sane`. maskrun dismisses it on
/// every ordinary exit path, after restoring the settings itself.
final class TerminalGuardian {
    private let pid: pid_t
    private var dismissFD: Int32

    /// Starts the guardian. (`maskrun_terminal_guard`, fork(2))
    init(fd: Int32, original: termios) throws(SystemError) {
        var mode = original
        var dismiss: Int32 = -1
        let pid = maskrun_terminal_guard(fd, &mode, &dismiss)
        guard pid > 0 else { throw SystemError("fork", errno: currentErrno()) }
        self.pid = pid
        self.dismissFD = dismiss
    }

    /// Tells the guardian maskrun restored the terminal itself, and reaps it.
    func dismiss() {
        guard dismissFD >= 0 else { return }
        var byte: UInt8 = 1
        _ = write(dismissFD, &byte, 1)
        close(dismissFD)
        dismissFD = -1
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    }

    deinit { dismiss() }
}
