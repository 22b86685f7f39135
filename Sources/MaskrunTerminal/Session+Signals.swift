import MaskrunSystem

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
    /// child is a session leader). After the child has exited they end the drain of
    /// streams grandchildren hold open at once; what the child left is still read.
    func forward(_ signal: Int32) {
        if status == nil {
            try? POSIX.sendSignal(signal, to: -pid)
        } else {
            drainDeadline = clock.now
        }
    }

    /// Collects the child's status once it has exited, and starts the drain grace period.
    /// ECHILD (someone else reaped it) counts as an exit with an unknown status, 125.
    func reap() {
        guard status == nil else { return }
        let change: Int32?
        do {
            change = try POSIX.waitForChange(pid)
        } catch {
            change = nil
            status = .exited(125)
        }
        if let change, ExitStatus.isStopped(waitStatus: change) {
            stopAlongWithChild()
            return
        }
        guard let exited = status ?? change.flatMap(ExitStatus.init(waitStatus:)) else { return }
        status = exited
        drainDeadline = clock.now + drainGrace + Session.drainLimit
        for index in streams.indices { streams[index].silence.restart() }
        stopInput()
    }

    /// The child stopped (Ctrl-Z reached it through the pty). As script(1) does, maskrun
    /// then stops too, with the terminal restored, so the user's shell gets it back;
    /// on `fg` it makes the terminal raw again and continues the child. Without a
    /// terminal on stdin there is no shell job to stop, and the child stays stopped.
    func stopAlongWithChild() {
        guard let rawMode else { return }
        rawMode.suspend()
        try? POSIX.sendSignal(SIGSTOP, to: POSIX.processID())
        // Continued (fg, or bg and then fg after SIGTTOU).
        rawMode.resume()
        followWindowSize()
        try? POSIX.sendSignal(SIGCONT, to: -pid)
    }

    /// Copies the terminal's size to the pty (the kernel then sends the child SIGWINCH)
    /// and tells the hooks, when it changed.
    func followWindowSize() {
        guard let windowSource, let size = windowSize(of: windowSource),
            size != lastWindowSize, master.isOpen
        else { return }
        try? setWindowSize(size, of: master.rawValue)
        lastWindowSize = size
        hooks.resized(size.columns, size.rows)
    }
}
