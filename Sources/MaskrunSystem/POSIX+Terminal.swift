import CSystem

/// The calls on terminals (termios, window size) and processes the pty session makes, in
/// the same funnel: EINTR retried, failures a SystemError naming the call.
extension POSIX {
    /// isatty(3).
    public static func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

    /// tcgetattr(3).
    public static func terminalAttributes(of fd: Int32) throws(SystemError) -> termios {
        var mode = termios()
        try retrying("tcgetattr") { tcgetattr(fd, &mode) }
        return mode
    }

    /// tcsetattr(3); `action` is TCSANOW, TCSADRAIN or TCSAFLUSH.
    public static func setTerminalAttributes(_ mode: termios, of fd: Int32, when action: Int32 = TCSANOW) throws(SystemError) {
        var mode = mode
        try retrying("tcsetattr") { tcsetattr(fd, action, &mode) }
    }

    /// cfmakeraw(3): no echo, no canonical mode, no signals, no output processing,
    /// 8-bit bytes, reads that return after one byte.
    public static func rawAttributes(from mode: termios) -> termios {
        var raw = mode
        cfmakeraw(&raw)
        return raw
    }

    /// One of the terminal's special characters, `c_cc[index]` (VEOF, VINTR, ...).
    public static func controlCharacter(_ index: Int32, of mode: termios) -> UInt8 {
        withUnsafeBytes(of: mode.c_cc) { $0[Int(index)] }
    }

    /// ioctl(TIOCGWINSZ); nil when `fd` is not a terminal.
    public static func windowSize(of fd: Int32) -> winsize? {
        var size = winsize()
        return maskrun_system_get_winsize(fd, &size) == 0 ? size : nil
    }

    /// ioctl(TIOCSWINSZ).
    public static func setWindowSize(_ size: winsize, of fd: Int32) throws(SystemError) {
        var size = size
        try retrying("ioctl(TIOCSWINSZ)") { maskrun_system_set_winsize(fd, &size) }
    }

    /// waitpid(pid, 0): blocks until the child exits; its raw status, or nil when it was
    /// not a child (ECHILD: someone else reaped it).
    @discardableResult
    public static func waitForExit(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        return (try? retrying("waitpid") { waitpid(pid, &status, 0) }) == pid ? status : nil
    }

    /// getenv(3): a variable of maskrun's own environment.
    public static func environmentValue(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}
