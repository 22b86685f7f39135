import ArgumentParser
import Foundation
import MaskrunCore
import MaskrunTerminal

struct Filter: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "filter",
        abstract: "Mask standard input to standard output.",
        discussion: """
            Examples:
              kubectl logs -f deploy/api | maskrun filter
              maskrun filter --mask-env DB_PASSWORD < app.log > app.masked.log
            """)

    @OptionGroup var masking: MaskingOptionGroup
    @OptionGroup var recording: RecordingOptionGroup

    func run() throws {
        try Filter.execute(masking: masking.options, recording: recording.options)
    }

    /// What `run()` does once the parser has read the options, and what `PlainCommandLine`
    /// calls directly for `maskrun filter` alone.
    static func execute(masking: MaskingOptions, recording: RecordingOptions) throws {
        let environment = ProcessInfo.processInfo.environment
        let setup = try masking.setup(
            environment: environment,
            defaultFlush: RunCommand.defaultFlushWindow,
            standardInput: { [] })
        if masking.maskValuesFrom.contains("-") {
            throw MaskrunFailure("--mask-values-from -: standard input is the data to filter; give a file")
        }
        let recorder = try SessionRecorder.open(
            recording, logs: setup.policy.logs,
            context: .init(commandLine: nil, environment: environment, engine: setup.engine))
        // A reader that stops early (`| head -1`) ends the filter with status 0, as
        // documented, rather than death by SIGPIPE (141).
        signal(SIGPIPE, SIG_IGN)
        _ = try FilterCommand.run(engine: setup.engine, flushAfter: setup.flushAfter, recorder: recorder)
    }
}
