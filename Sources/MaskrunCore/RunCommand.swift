import Foundation
import MaskrunEngine
import MaskrunRecording
import MaskrunTerminal

/// `maskrun [OPTIONS] [--] COMMAND [ARG...]`: the command runs on a pseudo-terminal and each
/// of its output streams passes through its own masking stream on the way out.
public enum RunCommand {
    /// Runs `arguments` and returns the status maskrun exits with: the command's own, 128+N
    /// when it died of signal N, 126 or 127 when it could not be started. `recorder`, when
    /// given, sees the raw and the masked output, the masking events and the window size,
    /// and is finished with that status.
    public static func run(_ arguments: [String], setup: MaskingOptions.Setup, recorder: SessionRecorder? = nil) throws(MaskrunFailure) -> Int32 {
        // nil inherits maskrun's environment; only a withheld variable needs a copy.
        let environment = setup.withheldEnvironment.isEmpty
            ? nil : setup.childEnvironment(ProcessInfo.processInfo.environment)
        let primary = MaskingStream(engine: setup.engine)
        let stderr = MaskingStream(engine: setup.engine)
        primary.recordsEvents = false
        stderr.recordsEvents = false
        // A secret masked on one stream (a `set -x` trace on stderr) is masked on the other.
        let learned = SharedLearnedValues()
        primary.sharedLearned = learned
        stderr.sharedLearned = learned
        let view = recorder.map { RecordingView(recorder: $0, engine: setup.engine) }
        let redraws = isTerminal(fd: 1) && ProcessInfo.processInfo.environment["TERM"].map { !$0.isEmpty && $0 != "dumb" } == true
        func stream(_ which: ChildOutput) -> MaskingStream { which == .primary ? primary : stderr }
        func name(_ which: ChildOutput) -> RecordedStream { which == .primary ? .stdout : .stderr }
        let hooks = SessionHooks(
            output: { which, bytes in
                view?.output(bytes, from: name(which))
                return stream(which).feed(bytes)
            },
            hasPending: { stream($0).hasPending },
            idle: { stream($0).flush() },
            // Only the start of a keyword held (a typed "g" that might begin "ghp_"): no
            // secret byte, so an echo is shown as soon as nothing more waits to be read, not
            // after the whole window; the rest of a secret typed after it is masked from the
            // retained context, as after any flush. (The 1 ms pause this was before was most
            // of an echo's time. The 100 KB password value of Tests/e2e/test_long_values.py
            // that seemed to need it was shown for another reason, fixed since.)
            // Likewise a typed key's echo held only as the possible start of a token whose
            // mark comes later (Mailchimp's `-us`): that hold is for program output.
            idleWindow: { stream($0).holdsOnlyKeywordStart || stream($0).holdsOnlyEchoedLookBack ? .zero : nil },
            lateIdle: { view?.idle(name($0)) },
            lateIdleAfter: view == nil ? nil : RecordingView.flushAfter,
            finish: { which in
                view?.finish(name(which))
                return stream(which).finish()
            },
            resized: { columns, rows in
                // On a terminal, a secret recognised after its beginning was echoed is
                // redrawn masked where it stands (see MaskingStream.redrawColumns).
                if redraws { primary.redrawColumns = columns }
                recorder?.resized(columns: columns, rows: rows)
            })
        let status: Int32
        do {
            status = try runUnderPTY(PTYCommand(arguments, environment: environment), flushAfter: setup.flushAfter, hooks: hooks).code
        } catch let error as SpawnError {
            Diagnostics.error(error.description)
            status = error.exitCode
        } catch {
            recorder?.finish(exitStatus: 125)
            throw MaskrunFailure("\(error)")
        }
        recorder?.finish(exitStatus: status)
        return status
    }

    /// The flush window when neither the options nor the policy set one (SPEC §4): short on
    /// a terminal so prompts appear at once, longer in pipelines and logs.
    public static var defaultFlushWindow: Duration {
        isTerminal(fd: 1) ? .milliseconds(30) : .seconds(1)
    }
}
