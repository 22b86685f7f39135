import MaskrunSystem

/// How long output is still drained after the child has exited, for grandchildren that
/// keep the pty (or the stderr pipe) open, e.g. `sh -c 'sleep 30 & echo hi'`.
public enum DrainGrace {
    /// 1 second: long enough for a background job's last lines, short enough that a
    /// lingering daemon delays maskrun's exit only slightly. The usual case does not
    /// wait at all: the streams end as soon as the child's descriptors close.
    /// `MASKRUN_DRAIN_GRACE` (whole milliseconds) overrides it.
    public static var standard: Duration {
        if let text = POSIX.environmentValue("MASKRUN_DRAIN_GRACE"),
            let millis = Int(text), millis >= 0
        {
            return .milliseconds(millis)
        }
        return .seconds(1)
    }
}

/// Runs `command` on a new pseudo-terminal and returns how it ended; never exits.
///
/// - The child's stdout is the pty. Its stderr is the pty too when `streams.output`
///   and `streams.error` are the same terminal, file or pipe, else a pipe: `.stderr`
///   chunks.
/// - When `streams.input` is a terminal it is put in raw mode (restored before this
///   returns or throws) and feeds the pty; its output processing stays on unless
///   `streams.output` is that terminal too. Otherwise stdin feeds a pipe to the child's
///   stdin, byte for byte, end of file included, and the child's environment gets the
///   non-interactive defaults (`NonInteractiveEnvironment`) so nothing waits for a key.
/// - SIGINT, SIGTERM, SIGHUP and SIGQUIT are forwarded to the child's process group
///   while this runs; SIGPIPE is ignored. Previous dispositions are restored after.
/// - Every chunk goes through `hooks.output`; after `flushAfter` of silence a stream
///   with bytes held back gets `hooks.idle`; each stream gets `hooks.finish` once.
/// - After the child exits, output is drained until the streams close, or for at most
///   `drainGrace` while grandchildren hold them open.
///
/// Throws `SpawnError` when the command cannot start (its `exitCode` is 125, 126 or
/// 127) and `SystemError` for maskrun's own failures (exit 125). Only one session may
/// run at a time in a process: signal handling is process-wide.
public func runUnderPTY(
    _ command: PTYCommand,
    flushAfter: Duration,
    drainGrace: Duration = DrainGrace.standard,
    streams: SessionStreams = .standard,
    hooks: SessionHooks
) throws -> ExitStatus {
    let ttyInput = isTerminal(fd: streams.input)
    let originalMode = ttyInput ? try POSIX.terminalAttributes(of: streams.input) : nil
    // A terminal that reports 0x0 (not sized yet) is still followed on SIGWINCH.
    let windowSource = [streams.input, streams.output, streams.error]
        .first { isTerminal(fd: $0) }
    let size = command.windowSize ?? windowSource.flatMap(windowSize(of:)) ?? .fallback
    // The child's ends of its stdin and stderr pipes, and maskrun's; `.none` where the
    // pty itself is the stream.
    var childInput = OwnedDescriptor.none, inputPipe = OwnedDescriptor.none
    if !ttyInput {
        let pipe = try OwnedPipe()
        childInput = pipe.readEnd
        inputPipe = pipe.writeEnd
    }
    var childError = OwnedDescriptor.none, stderrSource = OwnedDescriptor.none
    if !streams.sharesOneOutput {
        let pipe = try OwnedPipe()
        stderrSource = pipe.readEnd
        childError = pipe.writeEnd
    }

    // Before the fork, so that the child's exit cannot be missed.
    let relay = try SignalRelay()
    defer { relay.uninstall() }

    let setup = PTYSetup(
        termios: originalMode, windowSize: size,
        disableNewlineTranslation: !(command.translatesNewlines ?? streams.translatesNewlines),
        stdinFD: childInput.ifOpen, stderrFD: childError.ifOpen)
    let environment = ttyInput || !command.nonInteractiveDefaults
        ? command.environment
        : NonInteractiveEnvironment.applied(to: command.environment ?? currentEnvironment())
    let child = try spawnOnPTY(command.arguments, environment: environment, setup: setup)
    let pid = child.pid
    // From here on, a throw drops the master, whose owner closes it: that hangs up the
    // pty and the child gets SIGHUP.

    // The parent keeps only its own ends: the child's must close here, or the child
    // would never see end of file on stdin, nor maskrun on stderr.
    try childInput.close()
    try childError.close()
    try POSIX.setNonBlocking(child.master.rawValue)
    if let fd = inputPipe.ifOpen { try POSIX.setNonBlocking(fd) }
    if let fd = stderrSource.ifOpen { try POSIX.setNonBlocking(fd) }

    let rawMode = try originalMode.map {
        try RawMode(fd: streams.input, original: $0, keepOutputProcessing: !streams.outputIsInputTerminal)
    }
    // Runs before the relay's defer: the terminal is sane before default signal
    // handling returns.
    defer { rawMode?.restore() }

    let session = Session(
        hooks: hooks, flushAfter: flushAfter, drainGrace: drainGrace, pid: pid,
        wakeFD: relay.fd, streams: streams, windowSource: windowSource, rawMode: rawMode,
        master: child.master, stderrSource: stderrSource, inputPipe: inputPipe)

    session.lastWindowSize = size
    hooks.resized(size.columns, size.rows)
    do {
        return try session.run()
    } catch {
        session.abandon()
        throw error
    }
}
