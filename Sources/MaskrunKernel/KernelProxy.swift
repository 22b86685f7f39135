import CZMQ
import Foundation
import MaskrunEngine
import MaskrunRecording
import MaskrunSystem

/// What the proxy reports as it masks: the text outputs for the recordings, and its
/// warnings (dropped messages). The recording side is wired in by the command.
public struct KernelOutputHooks {
    /// Text as the kernel produced it.
    public var raw: (_ text: [UInt8], _ stream: RecordedStream) -> Void = { _, _ in }
    /// The same text masked, with its masking events and the cell (`msg_id` of the request
    /// that produced it) when known.
    public var masked: (_ text: [UInt8], _ stream: RecordedStream, _ events: [MaskEvent], _ cell: String?) -> Void = { _, _, _, _ in }
    public var warning: (String) -> Void

    public init(warning: @escaping (String) -> Void) {
        self.warning = warning
    }
}

/// `maskrun kernel proxy`: stands where the kernel would, on the ports of the connection
/// file the client wrote, and relays the five channels to the real kernel on a private
/// connection, verifying every message, masking what the user can see (`MaskedFields`,
/// `StreamOutputs`) and signing again with the other side's key (SPEC §6).
public final class KernelProxy {
    enum Channel: String, CaseIterable {
        case shell, control, stdin, iopub, hb
    }

    private let client: ConnectionInfo
    private let clientSigner: MessageSigner
    private let kernelSigner: MessageSigner
    private let engine: MaskingEngine
    private let hooks: KernelOutputHooks
    private let contentMasker: ContentMasker
    private let streams: StreamOutputs
    private let flushAfter: Duration
    private let clock = ContinuousClock()
    private let session = UUID().uuidString.lowercased()

    private let sockets: ProxySockets
    private let connection: PrivateConnection
    private let kernel: KernelProcess
    private let signals: ProxySignals
    /// The kernel's own stdout and stderr, masked on their way to the proxy's.
    private var ownOutput: [Int32: (stream: MaskingStream, to: Int32, last: ContinuousClock.Instant)] = [:]

    /// Starts the kernel behind the proxy; throws (before anything runs) when the
    /// connection file is unusable or a port cannot be bound.
    public init(
        connectionFile: String, kernelArgv: [String], engine: MaskingEngine, flushAfter: Duration, hooks: KernelOutputHooks
    ) throws(KernelError) {
        client = try ConnectionInfo.read(path: connectionFile)
        guard let clientSigner = MessageSigner(scheme: client.signatureScheme, key: client.keyBytes) else {
            throw KernelError("\(connectionFile): signature_scheme '\(client.signatureScheme)' is not supported")
        }
        self.clientSigner = clientSigner
        self.engine = engine
        self.hooks = hooks
        self.flushAfter = flushAfter
        contentMasker = ContentMasker(engine: engine)
        streams = StreamOutputs(engine: engine, flushAfter: flushAfter)
        signals = try ProxySignals()
        connection = try PrivateConnection(scheme: client.signatureScheme, kernelName: client.kernelName)
        // The private connection uses the client's scheme, checked just above.
        guard let kernelSigner = MessageSigner(scheme: connection.info.signatureScheme, key: connection.info.keyBytes) else {
            connection.remove()
            throw KernelError("signature_scheme '\(connection.info.signatureScheme)' is not supported")
        }
        self.kernelSigner = kernelSigner
        let connection = self.connection
        do throws(ZMQError) {
            sockets = try ProxySockets(client: client, kernel: connection.info)
        } catch {
            connection.remove()
            throw KernelError("cannot listen where the connection file says: \(error.description)")
        }
        // jupyter_client put the client's connection file in the kernel's argv; the real
        // kernel gets the private one instead.
        let argv = kernelArgv.map { $0 == connectionFile || $0 == "{connection_file}" ? connection.file : $0 }
        do {
            kernel = try KernelProcess(argv: argv)
        } catch {
            sockets.close()
            connection.remove()
            throw error
        }
        let now = clock.now
        ownOutput[kernel.stdout] = (MaskingStream(engine: engine), 1, now)
        ownOutput[kernel.stderr] = (MaskingStream(engine: engine), 2, now)
    }

    // MARK: - The loop

    /// Relays until the kernel has exited and its last messages are out; returns the
    /// kernel's status (128+N when it died of signal N).
    public func run() -> Int32 {
        var status: Int32?
        var drainUntil: ContinuousClock.Instant?
        var killAt: ContinuousClock.Instant?
        let slots: [(Channel, Bool)] = Channel.allCases.flatMap { [($0, true), ($0, false)] }
        while true {
            let now = clock.now
            if status == nil, let exited = kernel.poll() {
                status = exited
                drainUntil = now + .milliseconds(300)
            }
            if let drainUntil, now >= drainUntil, ownOutput.isEmpty || now >= drainUntil + .seconds(1) { break }
            if let deadline = killAt, now >= deadline {
                kernel.signal(SIGKILL)
                killAt = nil
            }
            flushDue(now: now)

            var sources = slots.map { ZMQPoll.Source.socket($0.1 ? sockets.front($0.0) : sockets.back($0.0)) }
            let pipes = Array(ownOutput.keys)
            sources += pipes.map { .descriptor($0) }
            sources.append(.descriptor(signals.fd))
            let deadlines = [streams.nextDeadline(), ownDeadline(), drainUntil, killAt].compactMap { $0 }
            let timeout = deadlines.min().map { max(0, Int((($0 - now) / .milliseconds(1)).rounded(.up))) } ?? -1
            let ready: [Int]
            do {
                ready = try ZMQPoll.wait(sources, timeout: min(timeout < 0 ? 1000 : timeout, 1000))
            } catch {
                hooks.warning("kernel proxy: \(error.description)")
                kernel.signal(SIGKILL)
                killAt = nil
                usleep(100_000)
                continue
            }
            for index in ready {
                if index < slots.count {
                    let (channel, isFront) = slots[index]
                    drain(channel, fromClient: isFront)
                } else if index < slots.count + pipes.count {
                    readOwnOutput(pipes[index - slots.count])
                } else {
                    for number in signals.take() where number != SIGCHLD {
                        // Stop the kernel as the unwrapped kernel would be stopped, then by force.
                        kernel.signal(number)
                        if killAt == nil { killAt = clock.now + .seconds(5) }
                    }
                }
            }
        }
        for (key, output) in streams.takeAll() { finish(key, output) }
        for fd in Array(ownOutput.keys) { finishOwnOutput(fd) }
        sockets.close()
        connection.remove()
        return status ?? 125
    }

    private func drain(_ channel: Channel, fromClient: Bool) {
        let socket = fromClient ? sockets.front(channel) : sockets.back(channel)
        while true {
            let frames: [[UInt8]]?
            do {
                frames = try socket.receive()
            } catch {
                hooks.warning("kernel proxy: \(error.description)")
                return
            }
            guard let frames else { return }
            if fromClient { relayFromClient(channel, frames) } else { relayFromKernel(channel, frames) }
        }
    }

    // MARK: - Client to kernel: verified and signed again, never changed

    private func relayFromClient(_ channel: Channel, _ frames: [[UInt8]]) {
        switch channel {
        case .hb:
            send(frames, to: sockets.back(.hb))
        case .iopub:
            // XPUB delivers subscriptions: "\u{1}topic" (or "\u{0}topic" to unsubscribe).
            for frame in frames where frame.first == 1 { welcome(topic: Array(frame.dropFirst())) }
        default:
            guard let message = verified(frames, signer: clientSigner, from: "the client", channel: channel) else { return }
            send(message.frames(signedBy: kernelSigner), to: sockets.back(channel))
        }
    }

    /// iopub_welcome (messaging spec 5.4, JEP 65): tells a new subscriber that iopub is
    /// connected. The kernel's own welcome went to the proxy's subscription and is dropped.
    private func welcome(topic: [UInt8]) {
        let header = newHeader(type: "iopub_welcome", session: session, username: "maskrun")
        let content = Array("{\"subscription\": ".utf8) + JSONValues.encodeString(topic) + Array("}".utf8)
        let message = WireMessage(
            identities: topic.isEmpty ? [] : [topic], header: header, parentHeader: Array("{}".utf8),
            metadata: Array("{}".utf8), content: content)
        send(message.frames(signedBy: clientSigner), to: sockets.front(.iopub))
    }

    // MARK: - Kernel to client: verified, masked, signed with the client's key

    private func relayFromKernel(_ channel: Channel, _ frames: [[UInt8]]) {
        if channel == .hb {
            send(frames, to: sockets.front(.hb))
            return
        }
        guard var message = verified(frames, signer: kernelSigner, from: "the kernel", channel: channel) else { return }
        let type = Self.string(in: message.header, key: "msg_type") ?? ""
        let parent = Self.string(in: message.parentHeader, key: "msg_id") ?? ""
        if channel == .iopub {
            switch type {
            case "iopub_welcome":
                return
            case "stream":
                relayStream(message, parent: parent)
                return
            case "status":
                if Self.string(in: message.content, key: "execution_state") == "idle", !parent.isEmpty {
                    for (key, output) in streams.take(parent: parent) { finish(key, output) }
                }
            default:
                // Keep the order the user sees: held stream text of this cell goes first.
                for (key, output) in streams.outputs where key.parent == parent {
                    emit(output.stream.flush(), key, output)
                }
            }
        }
        var texts: [ContentMasker.MaskedText] = []
        switch contentMasker.mask(content: message.content, messageType: type, texts: &texts) {
        case .unchanged: break
        case .masked(let content): message.content = content
        case .unreadable:
            hooks.warning("kernel proxy: dropped a \(type) message from the kernel: its content is not JSON the proxy can mask")
            return
        }
        record(texts, cell: parent.isEmpty ? nil : parent)
        send(message.frames(signedBy: clientSigner), to: sockets.front(channel))
    }

    private func relayStream(_ message: WireMessage, parent: String) {
        guard let values = JSONValues.scan(message.content),
              let nameValue = values.first(where: { $0.path == [.key("name")] && $0.kind == .string }),
              let textValue = values.first(where: { $0.path == [.key("text")] && $0.kind == .string }),
              let name = JSONValues.decodeString(message.content[nameValue.range]),
              let text = JSONValues.decodeString(message.content[textValue.range])
        else {
            // Not a stream message the proxy can read: nothing of it reaches the client.
            hooks.warning("kernel proxy: dropped a stream message from the kernel that is not valid JSON")
            return
        }
        let key = StreamOutputs.Key(parent: parent, name: String(decoding: name, as: UTF8.self))
        let (output, finished) = streams.output(for: key, template: message, now: clock.now)
        for (oldKey, oldOutput) in finished { finish(oldKey, oldOutput) }
        hooks.raw(text, Self.recorded(key.name))
        emit(output.stream.feed(text), key, output)
    }

    /// Sends masked stream text as a message like the matcher's last one (a new msg_id).
    private func emit(_ text: [UInt8], _ key: StreamOutputs.Key, _ output: StreamOutputs.Output) {
        let events = output.stream.takeEvents()
        guard !text.isEmpty || !events.isEmpty else { return }
        hooks.masked(text, Self.recorded(key.name), events, key.parent.isEmpty ? nil : key.parent)
        guard !text.isEmpty else { return }
        var message = output.template
        message.header = Self.renewed(message.header)
        message.content = Array("{\"name\": ".utf8) + JSONValues.encodeString(key.name.utf8)
            + Array(", \"text\": ".utf8) + JSONValues.encodeString(text) + Array("}".utf8)
        message.buffers = []
        send(message.frames(signedBy: clientSigner), to: sockets.front(.iopub))
    }

    private func finish(_ key: StreamOutputs.Key, _ output: StreamOutputs.Output) {
        emit(output.stream.finish(), key, output)
    }

    private func flushDue(now: ContinuousClock.Instant) {
        for (key, output) in streams.due(now: now) { emit(output.stream.flush(), key, output) }
        for (fd, own) in ownOutput where own.stream.hasPending && now - own.last >= flushAfter {
            writeAll(own.to, own.stream.flush())
        }
    }

    private func record(_ texts: [ContentMasker.MaskedText], cell: String?) {
        for text in texts where Self.isRecorded(text.path) {
            let lineEnd: [UInt8] = text.raw.last == 0x0A ? [] : [0x0A]
            hooks.raw(text.raw + lineEnd, .stdout)
            hooks.masked(text.masked + lineEnd, .stdout, text.events, cell)
        }
    }

    /// The texts recordings keep: what a terminal would show (plain text, tracebacks,
    /// prompts), not each MIME variant of the same output.
    private static func isRecorded(_ path: [JSONValues.Step]) -> Bool {
        path.contains(.key("text/plain")) || path.first == .key("traceback") || path == [.key("prompt")]
    }

    private static func recorded(_ streamName: String) -> RecordedStream {
        streamName == "stderr" ? .stderr : .stdout
    }

    // MARK: - The kernel's own stdout and stderr

    private func readOwnOutput(_ fd: Int32) {
        guard var own = ownOutput[fd] else { return }
        guard let bytes = kernel.read(fd) else {
            ownOutput[fd] = nil
            writeAll(own.to, own.stream.finish())
            return
        }
        guard !bytes.isEmpty else { return }
        own.last = clock.now
        ownOutput[fd] = own
        writeAll(own.to, own.stream.feed(bytes))
    }

    private func finishOwnOutput(_ fd: Int32) {
        while let bytes = kernel.read(fd), !bytes.isEmpty, let own = ownOutput[fd] {
            writeAll(own.to, own.stream.feed(bytes))
        }
        if let own = ownOutput[fd] { writeAll(own.to, own.stream.finish()) }
        ownOutput[fd] = nil
    }

    private func ownDeadline() -> ContinuousClock.Instant? {
        ownOutput.values.filter { $0.stream.hasPending }.map { $0.last + flushAfter }.min()
    }

    /// The proxy's own stdout or stderr: a failed write (a closed log) loses only the
    /// kernel's own chatter, never a message, so it is not an error worth stopping for.
    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        _ = try? POSIX.writeAll(fd, bytes)
    }

    // MARK: - Messages

    private func verified(_ frames: [[UInt8]], signer: MessageSigner, from side: String, channel: Channel) -> WireMessage? {
        guard let message = WireMessage(frames: frames) else {
            hooks.warning("kernel proxy: dropped a \(channel.rawValue) message from \(side): not a Jupyter message")
            return nil
        }
        guard signer.verifies(message.signature, message.signedParts) else {
            hooks.warning("kernel proxy: dropped a \(channel.rawValue) message from \(side): its signature does not verify")
            return nil
        }
        return message
    }

    private func send(_ frames: [[UInt8]], to socket: ZMQSocket) {
        if !socket.send(frames) {
            hooks.warning("kernel proxy: dropped a message to \(socket.name): it cannot be queued (\(ZMQError("send").description))")
        }
    }

    /// A top-level string of a JSON object (a header's msg_type, a parent's msg_id).
    static func string(in document: [UInt8], key: String) -> String? {
        guard let values = JSONValues.scan(document),
              let value = values.first(where: { $0.path == [.key(key)] && $0.kind == .string }),
              let text = JSONValues.decodeString(document[value.range])
        else { return nil }
        return String(decoding: text, as: UTF8.self)
    }

    /// The header of a message the proxy makes from another: a new msg_id and date.
    static func renewed(_ header: [UInt8]) -> [UInt8] {
        guard let values = JSONValues.scan(header) else { return header }
        var replacements: [(range: Range<Int>, bytes: [UInt8])] = []
        for value in values where value.kind == .string {
            if value.path == [.key("msg_id")] {
                replacements.append((value.range, JSONValues.encodeString(UUID().uuidString.lowercased().utf8)))
            } else if value.path == [.key("date")] {
                replacements.append((value.range, JSONValues.encodeString(timestamp().utf8)))
            }
        }
        return JSONValues.splice(header, replacements)
    }

    private func newHeader(type: String, session: String, username: String) -> [UInt8] {
        let fields = [
            ("msg_id", UUID().uuidString.lowercased()), ("msg_type", type), ("username", username),
            ("session", session), ("date", Self.timestamp()), ("version", "5.4"),
        ]
        let body = fields.map { JSONValues.encodeString($0.0.utf8) + Array(": ".utf8) + JSONValues.encodeString($0.1.utf8) }
        return Array("{".utf8) + Array(body.joined(separator: Array(", ".utf8))) + Array("}".utf8)
    }

    private static func timestamp() -> String {
        dateFormatter.string(from: Date())
    }

    private nonisolated(unsafe) static let dateFormatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()
}
