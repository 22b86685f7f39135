import MaskrunEngine
import MaskrunRecording

/// What the masked recording and the audit log see (SPEC §4): the command's output masked
/// by streams of their own that wait for the end of what is held (a line, a key block)
/// instead of the terminal's short flush window. A secret typed key by key, or continued
/// after a pause, is then masked there whole, even where the live terminal had already
/// shown its beginning. Bounded like every stream: `flushAfter` of silence, and the bound on
/// held bytes (past which the held match is masked, never released).
final class RecordingView {
    /// How long the command may be silent before this view releases what it holds.
    static let flushAfter = Duration.seconds(5)

    private let recorder: SessionRecorder
    private var streams: [RecordedStream: MaskingStream] = [:]
    private let engine: MaskingEngine
    /// A secret masked on one stream is masked on the other too, as on the terminal.
    private let learned = SharedLearnedValues()

    init(recorder: SessionRecorder, engine: MaskingEngine) {
        self.recorder = recorder
        self.engine = engine
    }

    private func stream(_ name: RecordedStream) -> MaskingStream {
        if let stream = streams[name] { return stream }
        let stream = MaskingStream(engine: engine)
        stream.sharedLearned = learned
        streams[name] = stream
        return stream
    }

    /// Raw output as the command wrote it.
    func output(_ bytes: [UInt8], from name: RecordedStream) {
        recorder.recordRaw(bytes, from: name)
        record(stream(name).feed(bytes), from: name)
    }

    /// The command has been silent for `flushAfter`.
    func idle(_ name: RecordedStream) {
        let stream = stream(name)
        if stream.hasPending { record(stream.flush(), from: name) }
    }

    func finish(_ name: RecordedStream) {
        record(stream(name).finish(), from: name)
    }

    private func record(_ masked: [UInt8], from name: RecordedStream) {
        let events = stream(name).takeEvents()
        guard !masked.isEmpty || !events.isEmpty else { return }
        recorder.recordMasked(masked, from: name, events: events)
    }
}
