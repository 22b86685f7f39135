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
    var restarts = 0  // a few gaps in a row at most, as in the session loop
    var idleChecked = true
    var lateChecked = true
    while true {
        var deadlines: [Duration] = []
        if !idleChecked { deadlines.append(flushAfter - silence) }
        if !lateChecked, let late = hooks.lateIdleAfter { deadlines.append(late - silence) }
        let timeout = deadlines.min().map(wholeMilliseconds) ?? -1
        let start = clock.now
        let ready = try pollDescriptors(&fds, timeoutMilliseconds: timeout)
        if ready == 0 {
            let waited = clock.now - start
            if waited > .milliseconds(Int(timeout)) + .milliseconds(5) && restarts < 3 {
                restarts += 1
                silence = .zero
            } else {
                silence += min(waited, .milliseconds(Int(timeout)))
            }
            if !idleChecked, silence >= flushAfter {
                idleChecked = true
                if hooks.hasPending() { try writeAll(output, hooks.idle()) }
            }
            if !lateChecked, let late = hooks.lateIdleAfter, silence >= late {
                lateChecked = true
                hooks.lateIdle()
            }
            continue
        }
        let chunk: [UInt8]
        do {
            chunk = try readChunk(input)
        } catch where error.errno == EAGAIN {
            continue
        }
        if chunk.isEmpty { break }
        try writeAll(output, hooks.transform(chunk))
        silence = .zero
        restarts = 0
        idleChecked = false
        lateChecked = hooks.lateIdleAfter == nil
    }
    try writeAll(output, hooks.finish())
}

/// Whole milliseconds in `duration`, rounded up, at least 0 (a poll(2) timeout).
private func wholeMilliseconds(_ duration: Duration) -> Int32 {
    guard duration > .zero else { return 0 }
    let (seconds, attoseconds) = duration.components
    return Int32(clamping: seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
}

/// Writes all of `bytes`, waiting when the descriptor is non-blocking and full.
func writeAll(_ fd: Int32, _ bytes: [UInt8]) throws(SystemError) {
    var offset = 0
    while offset < bytes.count {
        do {
            offset += try writeOnce(fd, bytes[offset...])
        } catch where error.errno == EINTR {
            continue
        } catch where error.errno == EAGAIN {
            var fds = [pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)]
            _ = try pollDescriptors(&fds, timeoutMilliseconds: -1)
        }
    }
}
