import MaskrunSystem

/// Child output: read, pass through the hooks, write to maskrun's stdout or stderr.
extension Session {
    /// Reads what a stream has now, as one batch: after the read poll woke us for, the
    /// descriptor is read again until it has nothing more (EAGAIN) or the batch holds
    /// `batchLimit` bytes, so a fast writer's many small pty reads reach the hooks (and the
    /// engine's fixed cost per read) once, while a lone small read (an echo, a prompt) goes
    /// on at once: no waiting for more. End of file, and EIO from a pty master whose slave
    /// side is closed everywhere (Linux's way of saying end of stream), end it once the
    /// batch is written.
    func readStream(_ index: Int) throws {
        guard !streams[index].ended, let fd = source(of: streams[index].kind) else { return }
        var batch: [UInt8] = []
        var atEnd = false
        reading: while batch.count < Session.batchLimit {
            let bytes: [UInt8]
            do {
                bytes = try POSIX.read(fd, limit: min(Session.readLimit, Session.batchLimit - batch.count))
            } catch {
                switch error.errno {
                case EAGAIN, EWOULDBLOCK:
                    break reading
                case EIO:
                    atEnd = true
                    break reading
                default:
                    writeBatch(batch, of: index)
                    throw error
                }
            }
            if bytes.isEmpty {
                atEnd = true
                break
            }
            if batch.isEmpty { batch = bytes } else { batch += bytes }
        }
        writeBatch(batch, of: index)
        if atEnd { endStream(index) }
    }

    /// The most bytes one read(2) asks for, and the most one batch gathers.
    static let readLimit = 65536
    static let batchLimit = 256 * 1024

    private func writeBatch(_ batch: [UInt8], of index: Int) {
        guard !batch.isEmpty else { return }
        streams[index].lastOutput = clock.now
        streams[index].silence.outputArrived(lateWindow: hooks.lateIdleAfter)
        write(hooks.output(streams[index].kind, batch), to: index)
    }

    /// Calls `hooks.finish` once, writes what it returns, and closes the stream. The
    /// primary stream is the pty: once it is gone, the child's input has nowhere to go.
    func endStream(_ index: Int) {
        guard !streams[index].ended else { return }
        streams[index].ended = true
        let kind = streams[index].kind
        closeSource(of: kind)
        write(hooks.finish(kind), to: index)
        if kind == .primary && ttyInput { stopInput() }
        if status == nil { reap() }
    }

    /// Writes all of `bytes` to a stream's sink. When the sink fails (a reader that went
    /// away, a terminal that hung up, a full disk), its output is discarded from then on
    /// and the child learns as it would without maskrun: a separate stderr pipe is
    /// closed, so the child's next write there gets SIGPIPE; for the pty, the child's
    /// group gets SIGHUP after EIO (a terminal gone) and SIGPIPE otherwise.
    func write(_ bytes: [UInt8], to index: Int) {
        guard !bytes.isEmpty, !streams[index].sinkBroken else { return }
        let start = clock.now
        defer {
            // A slow reader's time is not the grandchildren's: the drain limit waits for it.
            if let deadline = drainDeadline { drainDeadline = deadline + (clock.now - start) }
        }
        do {
            // Signals that interrupt a stalled write are handled meanwhile, so SIGTERM is
            // still forwarded while a slow reader holds maskrun up.
            try POSIX.writeAll(streams[index].sink, bytes, wake: wakeFD, interrupted: handleSignals)
        } catch {
            streams[index].sinkBroken = true
            switch streams[index].kind {
            case .primary:
                if status == nil { try? POSIX.sendSignal(error.errno == EIO ? SIGHUP : SIGPIPE, to: -pid) }
            case .stderr:
                endStream(index)
            }
        }
    }
}
