import MaskrunEngine
import MaskrunRecording
import MaskrunSystem
import MaskrunTerminal

/// `maskrun filter`: standard input to standard output through the engine, writing as it
/// goes, so `tail -f app.log | maskrun filter` shows lines as they come.
public enum FilterCommand {
    /// `recorder`, when given, records the input as the raw stream and the output as the
    /// masked one, and is finished with status 0 (or 125 when filtering failed). A reader
    /// that goes away (EPIPE) ends the filter with status 0.
    public static func run(
        engine: MaskingEngine, flushAfter: Duration, input: Int32 = 0, output: Int32 = 1, recorder: SessionRecorder? = nil
    ) throws -> Int32 {
        let stream = MaskingStream(engine: engine)
        stream.recordsEvents = false
        let view = recorder.map { RecordingView(recorder: $0, engine: engine) }
        recorder?.resized(columns: AsciicastRecording.defaultSize.columns, rows: AsciicastRecording.defaultSize.rows)
        do {
            try pumpStream(
                from: input, to: output, flushAfter: flushAfter,
                hooks: StreamPumpHooks(
                    transform: { bytes in
                        view?.output(bytes, from: .stdin)
                        return stream.feed(bytes)
                    },
                    hasPending: { stream.hasPending },
                    idle: { stream.flush() },
                    finish: {
                        view?.finish(.stdin)
                        return stream.finish()
                    },
                    lateIdle: { view?.idle(.stdin) },
                    lateIdleAfter: view == nil ? nil : RecordingView.flushAfter))
        } catch where error.errno == EPIPE {
            // The reader has all it wanted (`| head -1`): not a failure of maskrun's. The
            // caller ignores SIGPIPE so that this is an error rather than death by signal.
            recorder?.finish(exitStatus: 0)
            return 0
        } catch {
            recorder?.finish(exitStatus: 125)
            throw error
        }
        recorder?.finish(exitStatus: 0)
        return 0
    }
}
