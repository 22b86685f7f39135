import MaskrunEngine
import MaskrunTerminal

/// `maskrun [OPTIONS] [--] COMMAND [ARG...]`: the command runs on a pseudo-terminal and each
/// of its output streams passes through its own masking stream on the way out.
public enum RunCommand {
    /// Runs `arguments` and returns the status maskrun exits with: the command's own, 128+N
    /// when it died of signal N, 126 or 127 when it could not be started.
    public static func run(_ arguments: [String], setup: MaskingOptions.Setup) throws(MaskrunFailure) -> Int32 {
        let primary = MaskingStream(engine: setup.engine)
        let stderr = MaskingStream(engine: setup.engine)
        func stream(_ which: OutputStream) -> MaskingStream { which == .primary ? primary : stderr }
        let hooks = SessionHooks(
            output: { which, bytes in stream(which).feed(bytes) },
            hasPending: { stream($0).hasPending },
            idle: { stream($0).flush() },
            finish: { stream($0).finish() })
        do {
            return try runUnderPTY(PTYCommand(arguments), flushAfter: setup.flushAfter, hooks: hooks).code
        } catch let error as SpawnError {
            Diagnostics.error(error.description)
            return error.exitCode
        } catch {
            throw MaskrunFailure("\(error)")
        }
    }

    /// The flush window when neither the options nor the policy set one (SPEC §4): short on
    /// a terminal so prompts appear at once, longer in pipelines and logs.
    public static var defaultFlushWindow: Duration {
        isTerminal(fd: 1) ? .milliseconds(30) : .seconds(1)
    }
}
