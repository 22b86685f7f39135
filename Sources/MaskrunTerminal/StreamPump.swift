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
/// for `flushAfter` and bytes are held back, writes what `idle` releases. (`maskrun filter`)
public func pumpStream(from input: Int32, to output: Int32, flushAfter: Duration, hooks: StreamPumpHooks) throws(SystemError) {
    let clock = ContinuousClock()
    var fds = [pollfd(fd: input, events: Int16(POLLIN), revents: 0)]
    // Silence: time spent waiting in poll(2) with nothing to read (SPEC §4). Writing to a
    // slow reader does not count, and a wait that overran (stopped, starved) starts it again.
    var silence = Duration.zero
    var restarts = 0  // a few gaps in a row at most, the session loop's rule
    var idleChecked = true
    var lateChecked = true
    while true {
        var deadlines: [Duration] = []
        if !idleChecked { deadlines.append(flushAfter - silence) }
        if !lateChecked, let late = hooks.lateIdleAfter { deadlines.append(late - silence) }
        let timeout = wholeMilliseconds(deadlines.min())
        let start = clock.now
        let ready = try POSIX.poll(&fds, timeoutMilliseconds: timeout)
        if ready == 0 {
            // An interrupted wait without a deadline: nothing to count, nothing due.
            if timeout < 0 { continue }
            let waited = clock.now - start
            if waited > .milliseconds(Int(timeout)) + Session.progressSlack && restarts < Session.restartsAtMost {
                restarts += 1
                silence = .zero
            } else {
                silence += min(waited, .milliseconds(Int(timeout)))
            }
            if !idleChecked, silence >= flushAfter {
                idleChecked = true
                if hooks.hasPending() { try POSIX.writeAll(output, hooks.idle()) }
            }
            if !lateChecked, let late = hooks.lateIdleAfter, silence >= late {
                lateChecked = true
                hooks.lateIdle()
            }
            continue
        }
        let chunk: [UInt8]
        do {
            chunk = try POSIX.read(input, limit: Session.readLimit)
        } catch where error.errno == EAGAIN {
            continue
        }
        if chunk.isEmpty { break }
        try POSIX.writeAll(output, hooks.transform(chunk))
        silence = .zero
        restarts = 0
        idleChecked = false
        lateChecked = hooks.lateIdleAfter == nil
    }
    try POSIX.writeAll(output, hooks.finish())
}
