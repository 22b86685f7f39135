import MaskrunSystem
import CPTYSpawn

/// A process that restores the user's terminal settings if maskrun is killed (SIGKILL)
/// while the terminal is raw: the case no signal handler can cover, which would otherwise
/// leave the shell without echo or line editing until `stty sane`. maskrun dismisses it on
/// every ordinary exit path, after restoring the settings itself.
final class TerminalGuardian {
    private let pid: pid_t
    /// The write end of the guardian's pipe (close-on-exec, made by the C side).
    private var dismissal: OwnedDescriptor

    /// Starts the guardian. (`maskrun_terminal_guard`, fork(2))
    init(fd: Int32, original: termios) throws(SystemError) {
        var mode = original
        var dismiss: Int32 = -1
        let pid = maskrun_terminal_guard(fd, &mode, &dismiss)
        guard pid > 0 else { throw SystemError("fork", errno: POSIX.lastError()) }
        self.pid = pid
        self.dismissal = OwnedDescriptor(owning: dismiss)
    }

    /// Tells the guardian maskrun restored the terminal itself, and reaps it.
    func dismiss() {
        guard dismissal.isOpen else { return }
        _ = try? POSIX.writeOnce(dismissal.rawValue, [1])
        try? dismissal.close()
        POSIX.waitForExit(pid)
    }

    deinit { dismiss() }
}
