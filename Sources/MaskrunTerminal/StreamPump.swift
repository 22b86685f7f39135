import MaskrunSystem

/// What `pumpStream` calls; like `SessionHooks`, for one stream and no child process.
public struct StreamPumpHooks {
    public var transform: ([UInt8]) -> [UInt8]
    public var hasPending: () -> Bool
    public var idle: () -> [UInt8]
    public var finish: () -> [UInt8]

    public init(
        transform: @escaping ([UInt8]) -> [UInt8], hasPending: @escaping () -> Bool,
        idle: @escaping () -> [UInt8], finish: @escaping () -> [UInt8]
    ) {
        self.transform = transform
        self.hasPending = hasPending
        self.idle = idle
        self.finish = finish
    }
}

/// Copies `input` to `output` through `hooks` until end of file; when input has been silent
/// for `flushAfter` and bytes are held back, writes what `idle` releases. (`maskrun filter`)
public func pumpStream(from input: Int32, to output: Int32, flushAfter: Duration, hooks: StreamPumpHooks) throws(SystemError) {
    let window = max(1, Int32(clamping: flushAfter.components.seconds * 1000 + flushAfter.components.attoseconds / 1_000_000_000_000_000))
    var fds = [pollfd(fd: input, events: Int16(POLLIN), revents: 0)]
    while true {
        let ready = try pollDescriptors(&fds, timeoutMilliseconds: hooks.hasPending() ? window : -1)
        if ready == 0 {
            if hooks.hasPending() { try writeAll(output, hooks.idle()) }
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
    }
    try writeAll(output, hooks.finish())
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
