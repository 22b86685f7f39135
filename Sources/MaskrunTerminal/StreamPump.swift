import MaskrunSystem

/// What `pumpStream` calls; like `SessionHooks`, for one stream and no child process.
public struct StreamPumpHooks {
    public var transform: ([UInt8]) -> [UInt8]
    public var hasPending: () -> Bool
    public var idle: () -> [UInt8]
    public var finish: () -> [UInt8]
    /// Called once after `lateIdleAfter` of silence, for a view that waits longer (the
    /// masked recording); nil: never.
    public var lateIdle: () -> Void
    public var lateIdleAfter: Duration?

    public init(
        transform: @escaping ([UInt8]) -> [UInt8], hasPending: @escaping () -> Bool,
        idle: @escaping () -> [UInt8], finish: @escaping () -> [UInt8],
        lateIdle: @escaping () -> Void = {}, lateIdleAfter: Duration? = nil
    ) {
        self.transform = transform
        self.hasPending = hasPending
        self.idle = idle
        self.finish = finish
        self.lateIdle = lateIdle
        self.lateIdleAfter = lateIdleAfter
    }
}

/// Copies `input` to `output` through `hooks` until end of file; when input has been silent
/// for `flushAfter` and bytes are held back, writes what `idle` releases. (`maskrun filter`:
/// a session with no child and no pty, one source, the session loop's `Silence` rule.)
public func pumpStream(from input: Int32, to output: Int32, flushAfter: Duration, hooks: StreamPumpHooks) throws(SystemError) {
    let clock = ContinuousClock()
    var fds = [pollfd(fd: input, events: Int16(POLLIN), revents: 0)]
    var silence = Silence()
    while true {
        let timeout = wholeMilliseconds(silence.remaining(idle: flushAfter, late: hooks.lateIdleAfter).min())
        let start = clock.now
        // EINTR: 0 ready, and only the time actually waited is counted.
        let ready = try POSIX.poll(&fds, timeoutMilliseconds: timeout)
        if silence.isWaiting { silence.count(waited: clock.now - start, timeout: timeout) }
        if ready == 0 {
            if silence.idleDue(after: flushAfter), hooks.hasPending() {
                try POSIX.writeAll(output, hooks.idle())
            }
            if silence.lateDue(after: hooks.lateIdleAfter) { hooks.lateIdle() }
            continue
        }
        let chunk: [UInt8]
        do {
            chunk = try POSIX.read(input, limit: Session.readLimit)
        } catch where error.errno == EAGAIN || error.errno == EWOULDBLOCK {
            continue
        }
        if chunk.isEmpty { break }
        try POSIX.writeAll(output, hooks.transform(chunk))
        // After the write: time blocked on a slow reader is not the source's silence.
        silence.outputArrived(lateWindow: hooks.lateIdleAfter)
    }
    try POSIX.writeAll(output, hooks.finish())
}
