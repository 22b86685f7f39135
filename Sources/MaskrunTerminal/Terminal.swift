import MaskrunSystem

/// True when `fd` is open on a terminal. Corresponds to isatty(3).
public func isTerminal(fd: Int32) -> Bool {
    POSIX.isTerminal(fd)
}

/// True when both descriptors are terminals and the same terminal device (equal
/// `st_rdev` from fstat(2)), whichever device node each was opened through.
public func isSameTerminal(_ first: Int32, _ second: Int32) -> Bool {
    guard isTerminal(fd: first), isTerminal(fd: second) else { return false }
    guard let a = try? POSIX.status(first), let b = try? POSIX.status(second) else { return false }
    return a.representedDevice == b.representedDevice
}

/// True when both descriptors lead to the same place: one terminal, or the same file or
/// pipe (equal device and inode, as `>log 2>&1` and `2>&1 | tee` give; every pipe has an
/// inode of its own). maskrun uses it on its stdout and stderr: when they are one, one
/// pty carries both and their order is kept, as script(1) does; otherwise the child's
/// stderr gets a pipe of its own so that `2>err.txt` still separates them.
public func isSameOutput(_ first: Int32, _ second: Int32) -> Bool {
    if isTerminal(fd: first) || isTerminal(fd: second) { return isSameTerminal(first, second) }
    guard let a = try? POSIX.status(first), let b = try? POSIX.status(second) else { return false }
    return a.device == b.device && a.inode == b.inode
}

/// A terminal's size in character cells.
public struct WindowSize: Equatable, Sendable {
    public var columns: Int
    public var rows: Int

    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }

    /// What the pty gets when maskrun has no terminal to copy a size from.
    public static let fallback = WindowSize(columns: 80, rows: 24)

    var cValue: winsize {
        winsize(
            ws_row: UInt16(clamping: rows), ws_col: UInt16(clamping: columns),
            ws_xpixel: 0, ws_ypixel: 0)
    }
}

/// The terminal's size, or nil when `fd` is not a terminal or reports 0x0.
/// Corresponds to ioctl(fd, TIOCGWINSZ).
func windowSize(of fd: Int32) -> WindowSize? {
    guard let size = POSIX.windowSize(of: fd), size.ws_col > 0, size.ws_row > 0 else {
        return nil
    }
    return WindowSize(columns: Int(size.ws_col), rows: Int(size.ws_row))
}

/// Sets a terminal's size; on a pty master the child's foreground group gets SIGWINCH.
/// Corresponds to ioctl(fd, TIOCSWINSZ).
func setWindowSize(_ size: WindowSize, of fd: Int32) throws(SystemError) {
    try POSIX.setWindowSize(size.cValue, of: fd)
}
