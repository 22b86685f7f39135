import MaskrunEngine
import MaskrunTerminal

/// `maskrun filter`: standard input to standard output through the engine, writing as it
/// goes, so `tail -f app.log | maskrun filter` shows lines as they come.
public enum FilterCommand {
    public static func run(engine: MaskingEngine, flushAfter: Duration, input: Int32 = 0, output: Int32 = 1) throws -> Int32 {
        let stream = MaskingStream(engine: engine)
        try pumpStream(
            from: input, to: output, flushAfter: flushAfter,
            hooks: StreamPumpHooks(
                transform: { stream.feed($0) }, hasPending: { stream.hasPending },
                idle: { stream.flush() }, finish: { stream.finish() }))
        return 0
    }
}
