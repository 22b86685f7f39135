import MaskrunSystem

/// The byte that makes a canonical-mode reader see end of file (c_cc[VEOF], usually
/// Ctrl-D), or nil when the terminal is not in canonical mode and no byte can.
func endOfFileByte(of mode: termios) -> UInt8? {
    guard mode.c_lflag & tcflag_t(ICANON) != 0 else { return nil }
    return POSIX.controlCharacter(VEOF, of: mode)
}

/// maskrun's stdin in raw mode, remembering the settings to put back.
/// While raw, every key (Ctrl-C, Ctrl-Z, Ctrl-\ included) is a plain byte that reaches
/// the pty, whose own line discipline turns it into a signal for the child; maskrun's
/// terminal neither echoes nor edits lines. Its output side is raw only when maskrun
/// writes the pty's output to it: with `| tee log` the terminal still shows other
/// programs' "\n" as a new line (raw input, cooked output, as script(1) does).
///
/// A class so that `restore` can be ordered explicitly with `defer`; `deinit` restores too.
final class RawMode {
    let fd: Int32
    let original: termios
    /// The settings while running: cfmakeraw(3), with the output flags kept or not.
    let raw: termios
    private var restored = false
    private let guardian: TerminalGuardian?

    /// Switches `fd` to raw mode (cfmakeraw(3): no echo, no canonical mode, no signals,
    /// no output processing, 8-bit bytes, reads return after one byte). A guardian process
    /// puts the settings back should maskrun be killed before it can.
    /// With `keepOutputProcessing` the output flags (OPOST, ONLCR, ...) stay as they were.
    init(fd: Int32, original: termios, keepOutputProcessing: Bool = false) throws(SystemError) {
        guardian = try TerminalGuardian(fd: fd, original: original)
        var raw = POSIX.rawAttributes(from: original)
        if keepOutputProcessing { raw.c_oflag = original.c_oflag }
        try POSIX.setTerminalAttributes(raw, of: fd)
        self.fd = fd
        self.original = original
        self.raw = raw
    }

    /// Puts the saved settings back for good once pending output is written (TCSADRAIN,
    /// as script(1) does). Errors are ignored: after a hangup there is nothing to restore.
    func restore() {
        guard !restored else { return }
        restored = true
        suspend()
        guardian?.dismiss()
    }

    /// Puts the saved settings back for a while (maskrun is about to stop).
    func suspend() {
        try? POSIX.setTerminalAttributes(original, of: fd, when: TCSADRAIN)
    }

    /// Raw again after `suspend`.
    func resume() {
        guard !restored else { return }
        try? POSIX.setTerminalAttributes(raw, of: fd)
    }

    deinit {
        restore()
    }
}
