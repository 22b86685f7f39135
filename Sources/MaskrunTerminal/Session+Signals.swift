#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What the loop does with the signals the relay caught.
extension Session {
    func handleSignals() {
        for signal in SignalRelay.take(wakeFD: wakeFD) {
            switch signal {
            case SIGCHLD: reap()
            case SIGWINCH: followWindowSize()
            default: forward(signal)
            }
        }
    }

    /// SIGINT, SIGTERM, SIGHUP, SIGQUIT go to the child's process group (its pid: the
    /// child is a session leader). After the child has exited they end the drain at once.
    func forward(_ signal: Int32) {
        if status == nil {
            _ = kill(-pid, signal)
        } else {
            drainDeadline = clock.now
        }
    }

    /// Collects the child's status once it has exited, and starts the drain grace period.
    /// ECHILD (someone else reaped it) counts as an exit with an unknown status, 125.
    func reap() {
        guard status == nil else { return }
        let exited: ExitStatus?
        do {
            exited = try reapIfExited(pid).flatMap(ExitStatus.init(waitStatus:))
        } catch {
            exited = .exited(125)
        }
        guard let exited else { return }
        status = exited
        drainDeadline = clock.now + drainGrace
        stopInput()
    }

    /// Copies the terminal's size to the pty (the kernel then sends the child SIGWINCH)
    /// and tells the hooks, when it changed.
    func followWindowSize() {
        guard let windowSource, let size = windowSize(of: windowSource),
            size != lastWindowSize, master.rawValue >= 0
        else { return }
        try? setWindowSize(size, of: master.rawValue)
        lastWindowSize = size
        hooks.resized(size.columns, size.rows)
    }
}
