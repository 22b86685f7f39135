import MaskrunSystem

/// maskrun's stdin to the child. Only one chunk is held at a time: stdin is not read
/// again until the child has taken it, so a child that does not read pushes back.
extension Session {
    /// Whether to poll stdin: still open, nothing waiting, child alive, sink open.
    var wantsInput: Bool {
        guard inputState == .reading, pendingInput.isEmpty, status == nil else { return false }
        return ttyInput ? !primaryEnded : inputPipe.isOpen
    }

    /// Where input goes: the pty master (tty mode) or the pipe to the child's stdin.
    private var inputSink: Int32? {
        ttyInput ? source(of: .primary) : inputPipe.ifOpen
    }

    /// Reads a chunk of stdin and passes it on. Any failure reading maskrun's own stdin
    /// (EIO after a hangup, a closed descriptor) counts as end of file.
    func readInput(events: Int32) {
        if events & POLLNVAL != 0 {
            inputEnded()
            return
        }
        let bytes: [UInt8]
        do {
            bytes = try POSIX.read(inputFD, limit: Session.readLimit)
        } catch {
            if error.errno != EAGAIN && error.errno != EWOULDBLOCK { inputEnded() }
            return
        }
        if bytes.isEmpty {
            inputEnded()
            return
        }
        hooks.input(bytes)
        if ttyInput { lastKeystroke = clock.now }
        pendingInput = bytes
        flushInput()
    }

    /// Writes as much pending input as the sink takes now; the loop waits for POLLOUT
    /// for the rest. A sink that fails (EPIPE: the child closed its stdin) drops input.
    func flushInput() {
        guard let sink = inputSink else {
            stopInput()
            return
        }
        while !pendingInput.isEmpty {
            do {
                let written = try POSIX.writeOnce(sink, pendingInput[...])
                pendingInput.removeFirst(written)
            } catch {
                switch error.errno {
                case EINTR: continue
                case EAGAIN, EWOULDBLOCK: return
                default:
                    stopInput()
                    return
                }
            }
        }
        if inputState == .endOfFile { closeChildInput() }
    }

    private func inputEnded() {
        inputState = .endOfFile
        if pendingInput.isEmpty { closeChildInput() }
    }

    /// Passes end of file on. With a pipe, closing its write end is the end of file.
    /// With a pty, as script(1) does, the terminal's EOF character (Ctrl-D) is written,
    /// which a reader in canonical mode sees as end of file; in raw mode nothing can be.
    private func closeChildInput() {
        if ttyInput, let master = source(of: .primary),
            let mode = try? POSIX.terminalAttributes(of: master), let eof = endOfFileByte(of: mode)
        {
            _ = try? POSIX.writeOnce(master, [eof])
        }
        stopInput()
    }

    /// Stops forwarding input for good (child gone, sink gone, or end of file passed on).
    func stopInput() {
        inputState = .closed
        pendingInput = []
        try? inputPipe.close()
    }
}
