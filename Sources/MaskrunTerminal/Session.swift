import MaskrunSystem

/// The poll loop of one session: child output through the hooks to maskrun's stdout and
/// stderr, maskrun's stdin to the child, signals, idle flushes and the final drain.
/// It knows nothing of masking or recordings (the seam of util-linux's pty-session.c).
final class Session {
    /// Bookkeeping for one child output stream; its descriptor is held separately.
    struct Stream {
        let kind: ChildOutput
        /// maskrun's descriptor the hooks' bytes go to (not owned).
        let sink: Int32
        var lastOutput: ContinuousClock.Instant
        /// The command's silence on this stream since its last output, and the windows
        /// it waits for (the rule `maskrun filter` shares).
        var silence = Silence()
        /// The last poll(2) reported POLLHUP: every writer has closed (for the pty, every
        /// descriptor of its slave side), so what is left is read to its end (EIO, EOF)
        /// however long that takes: the bytes are in the kernel and nobody can add more.
        var hungUp = false
        var ended = false
        /// A write to `sink` failed (EPIPE, EIO, ...): its output is discarded from then on.
        var sinkBroken = false
    }

    enum InputState {
        case reading, endOfFile, closed
    }

    let hooks: SessionHooks
    let flushAfter: Duration
    let drainGrace: Duration
    let clock = ContinuousClock()
    let pid: pid_t
    let wakeFD: Int32
    let inputFD: Int32
    /// stdin is a terminal: input goes to the pty master, else to `inputPipe`.
    let ttyInput: Bool
    /// The terminal whose size the pty follows, if any.
    let windowSource: Int32?
    /// maskrun's stdin in raw mode (tty mode only), set aside while the child is stopped.
    let rawMode: RawMode?
    var lastWindowSize: WindowSize?

    /// The pty master: the primary stream, and the input sink in tty mode. It stays open
    /// until the session ends, even after EIO: closing it hangs up the pty, and a child
    /// that closed its stdout but has not yet exited would die of that SIGHUP.
    var master: OwnedDescriptor
    /// The read end of the child's stderr pipe, when stderr is separate (else `.none`).
    var stderrSource: OwnedDescriptor
    /// The write end of the child's stdin pipe, when stdin is not a terminal (else `.none`).
    var inputPipe: OwnedDescriptor

    var streams: [Stream]
    var pendingInput: [UInt8] = []
    /// When the user last typed (terminal input only): output soon after it is an echo.
    var lastKeystroke: ContinuousClock.Instant?
    var inputState = InputState.reading
    var status: ExitStatus?
    /// Set when the child has been reaped: streams a grandchild holds open are left at the
    /// latest then (a grandchild that never stops writing). Time spent blocked writing to
    /// a slow reader moves it on, so it limits the grandchild, not the reader.
    var drainDeadline: ContinuousClock.Instant?

    /// After the child's exit: whether the session may end with streams still open. A
    /// stream whose writers have all closed is never left: it is read until EIO or end of
    /// file, whatever the load or a slow reader costs. Only a stream a grandchild still
    /// holds open (`sh -c 'sleep 30 & …'`) is left, once it has been silent for the grace
    /// (silence as for the flush window, with nothing waiting to be read) or at the drain
    /// limit, as script(1) leaves its pty 10 ms after the child's death.
    func mayLeaveOpenStreams(now: ContinuousClock.Instant) -> Bool {
        guard status != nil else { return false }
        let pastLimit = drainDeadline.map { now >= $0 } ?? false
        let open = streams.indices.filter { !streams[$0].ended }
        guard open.allSatisfy({ !streams[$0].hungUp && (pastLimit || streams[$0].silence.elapsed >= drainGrace) }) else {
            return false
        }
        // The last poll may be stale: ask the kernel again before leaving bytes behind.
        for index in open {
            let events = readiness(of: index)
            streams[index].hungUp = events & POLLHUP != 0
            if streams[index].hungUp || (!pastLimit && events & POLLIN != 0) { return false }
        }
        return true
    }

    /// How long past the grace period a drain may last while grandchildren keep writing.
    static let drainLimit = Duration.seconds(10)

    init(
        hooks: SessionHooks, flushAfter: Duration, drainGrace: Duration, pid: pid_t,
        wakeFD: Int32, streams: SessionStreams, windowSource: Int32?, rawMode: RawMode?,
        master: consuming OwnedDescriptor, stderrSource: consuming OwnedDescriptor, inputPipe: consuming OwnedDescriptor
    ) {
        self.hooks = hooks
        self.flushAfter = flushAfter
        self.drainGrace = drainGrace
        self.pid = pid
        self.wakeFD = wakeFD
        self.inputFD = streams.input
        self.windowSource = windowSource
        self.rawMode = rawMode
        self.ttyInput = !inputPipe.isOpen
        let now = clock.now
        var list = [Stream(kind: .primary, sink: streams.output, lastOutput: now)]
        if stderrSource.isOpen {
            list.append(Stream(kind: .stderr, sink: streams.error, lastOutput: now))
        }
        self.streams = list
        self.master = master
        self.stderrSource = stderrSource
        self.inputPipe = inputPipe
    }

    /// Runs until the child has exited and every stream has ended or been abandoned at
    /// the drain deadline; returns the child's status.
    func run() throws -> ExitStatus {
        while true {
            let now = clock.now
            if let status {
                if streams.allSatisfy(\.ended) || mayLeaveOpenStreams(now: now) { return finish(status) }
            }
            releaseIdleStreams(now: now)

            var interest = PollSet()
            interest.add(wakeFD, POLLIN, for: .wake)
            for index in streams.indices where !streams[index].ended {
                // An open stream always has its descriptor (endStream closes it after
                // marking the stream ended); a guard rather than a trap all the same.
                guard let fd = source(of: streams[index].kind) else { continue }
                let wantsOut = ttyInput && streams[index].kind == .primary && !pendingInput.isEmpty
                interest.add(fd, POLLIN | (wantsOut ? POLLOUT : 0), for: .stream(index))
            }
            if !ttyInput, !pendingInput.isEmpty, let fd = inputPipe.ifOpen {
                interest.add(fd, POLLOUT, for: .inputPipe)
            }
            if wantsInput {
                interest.add(inputFD, POLLIN, for: .input)
            }

            let timeout = milliseconds(until: nextDeadline(now: now), from: now)
            let waitStart = clock.now
            let ready = try interest.wait(timeoutMilliseconds: timeout)
            countSilence(since: waitStart, timeout: timeout)
            noteHangups(ready)
            for (role, events) in ready {
                switch role {
                case .wake:
                    handleSignals()
                case .stream(let index):
                    if events & POLLOUT != 0 { flushInput() }
                    if events & (POLLIN | POLLHUP | POLLERR | POLLNVAL) != 0 {
                        try readStream(index)
                    }
                case .inputPipe:
                    flushInput()
                case .input:
                    readInput(events: events)
                }
            }
        }
    }

    /// Ends the streams still open, closes the child's input and the pty (grandchildren
    /// still holding it get SIGHUP), and returns `status`.
    private func finish(_ status: ExitStatus) -> ExitStatus {
        for index in streams.indices { endStream(index) }
        stopInput()
        try? master.close()
        return status
    }

    /// Records which streams poll(2) reported as hung up. Not for good: a grandchild that
    /// opens /dev/tty again makes the pty a held-open stream again.
    private func noteHangups(_ ready: [(PollRole, Int32)]) {
        for index in streams.indices { streams[index].hungUp = false }
        for case (.stream(let index), let events) in ready where events & POLLHUP != 0 {
            streams[index].hungUp = true
        }
    }

    /// The earliest idle check or drain deadline still ahead: each stream's silence still
    /// needed, counted from now.
    private func nextDeadline(now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        var deadlines: [ContinuousClock.Instant] = []
        for stream in streams where !stream.ended {
            for left in stream.silence.remaining(idle: idleWindow(for: stream), late: hooks.lateIdleAfter) {
                deadlines.append(now + left)
            }
        }
        if let drainDeadline { deadlines.append(drainDeadline) }
        if status != nil {
            for stream in streams where !stream.ended { deadlines.append(now + drainGrace - stream.silence.elapsed) }
        }
        return deadlines.min()
    }

    /// Adds the time just spent waiting in poll(2) to the silence of the streams that wait
    /// for a window (or for the drain grace), by `Silence`'s rule.
    private func countSilence(since start: ContinuousClock.Instant, timeout: Int32) {
        let waited = clock.now - start
        for index in streams.indices where streams[index].silence.isWaiting || status != nil {
            streams[index].silence.count(waited: waited, timeout: timeout)
        }
    }

    /// Calls `hooks.idle` for each stream silent for `flushAfter` with bytes held back, and
    /// `hooks.lateIdle` after the longer window; never while the stream has bytes waiting.
    private func releaseIdleStreams(now: ContinuousClock.Instant) {
        for index in streams.indices where !streams[index].ended {
            let window = idleWindow(for: streams[index])
            guard streams[index].silence.isDue(idle: window, late: hooks.lateIdleAfter), readiness(of: index) == 0 else {
                continue
            }
            let kind = streams[index].kind
            if streams[index].silence.idleDue(after: window) {
                if hooks.hasPending(kind) { write(hooks.idle(kind), to: index) }
            }
            if streams[index].silence.lateDue(after: hooks.lateIdleAfter) {
                hooks.lateIdle(kind)
            }
        }
    }

    /// What a zero-timeout poll(2) reports for the stream's descriptor: POLLIN when bytes
    /// (or its end) wait to be read right now, so the command was not silent whatever the
    /// clock says; POLLHUP when its writers have all closed.
    func readiness(of index: Int) -> Int32 {
        guard let fd = source(of: streams[index].kind) else { return 0 }
        var set = PollSet()
        set.add(fd, POLLIN, for: .stream(index))
        return (try? set.wait(timeoutMilliseconds: 0).first?.1) ?? 0
    }

    /// The silence after which a stream's held bytes are released: the flush window, or,
    /// for output that echoes a keystroke, the shorter one the hooks allow for what is held
    /// now. Program output keeps the whole window, so a secret it writes in pieces with
    /// short pauses is masked exactly as if written at once.
    func idleWindow(for stream: Stream) -> Duration {
        guard let lastKeystroke, stream.lastOutput - lastKeystroke < Session.echoDelay,
            let shorter = hooks.idleWindow(stream.kind)
        else { return flushAfter }
        return min(flushAfter, shorter)
    }

    /// How soon after a keystroke output counts as its echo.
    static let echoDelay = Duration.milliseconds(50)

    /// The descriptor a stream is read from, while it is open.
    func source(of kind: ChildOutput) -> Int32? {
        switch kind {
        case .primary: primaryEnded ? nil : master.rawValue
        case .stderr: stderrSource.ifOpen
        }
    }

    /// True once the pty has reported end of stream.
    var primaryEnded: Bool { streams[0].ended }

    /// Closes the descriptor of an ended stream; the master only when the session ends.
    func closeSource(of kind: ChildOutput) {
        if kind == .stderr { try? stderrSource.close() }
    }

    /// After a thrown error: hang up the child's terminal and leave the rest to the
    /// kernel (closing the master sends SIGHUP to the child's session).
    func abandon() {
        if status == nil { try? POSIX.sendSignal(SIGHUP, to: -pid) }
        try? master.close()
        closeSource(of: .stderr)
        stopInput()
        if status == nil { _ = try? POSIX.waitForChange(pid) }
    }
}

/// Whole milliseconds from `now` to `deadline`, rounded up so a deadline is never
/// checked early; -1 (wait forever) when there is none.
func milliseconds(until deadline: ContinuousClock.Instant?, from now: ContinuousClock.Instant) -> Int32 {
    wholeMilliseconds(deadline.map { $0 - now })
}
