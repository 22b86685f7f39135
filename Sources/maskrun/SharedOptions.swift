import ArgumentParser
import MaskrunCore
import MaskrunPolicy

/// The masking options `run` and `filter` share (SPEC §1).
struct MaskingOptionGroup: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp("Policy file (also MASKRUN_POLICY).", valueName: "file"), completion: .file())
    var policy: String?

    @Option(name: .customLong("mask-env"), help: ArgumentHelp("Mask the value of environment variable NAME and its encodings. Repeatable.", valueName: "name"))
    var maskEnv: [String] = []

    @Option(name: .customLong("mask-values-from"), help: ArgumentHelp("Mask each non-empty line of FILE as a literal secret.", valueName: "file"), completion: .file())
    var maskValuesFrom: [String] = []

    @Option(name: .customLong("flush-after"), help: ArgumentHelp("Idle time after which held-back output is released (default 30ms on a terminal, 1s otherwise).", valueName: "duration"))
    var flushAfter: String?

    func validate() throws {
        if let flushAfter, case .failure(let problem) = DurationText.check(flushAfter) {
            throw ValidationError("--flush-after: '\(flushAfter)' \(problem.explanation)")
        }
    }

    var options: MaskingOptions {
        var options = MaskingOptions()
        options.policyPath = policy
        options.maskEnvironment = maskEnv
        options.maskValuesFrom = maskValuesFrom
        options.flushAfter = flushAfter.flatMap(DurationText.parse)
        return options
    }
}

/// The recording options `run` and `filter` share (SPEC §1, §5).
struct RecordingOptionGroup: ParsableArguments {
    @Option(name: .customLong("log"), help: ArgumentHelp("Write the masked recording to FILE (placeholders {time}, {pid}, {cmd}).", valueName: "file"), completion: .file())
    var log: String?

    @Option(name: .customLong("raw-log"), help: ArgumentHelp("Write the unmasked recording to FILE.", valueName: "file"), completion: .file())
    var rawLog: String?

    @Option(name: .customLong("raw-recipient"), help: ArgumentHelp("Encrypt the raw recording to this age X25519 recipient (age1...). Repeatable.", valueName: "recipient"))
    var rawRecipient: [String] = []

    @Option(name: .customLong("raw-recipients-file"), help: ArgumentHelp("Encrypt the raw recording to the age recipients listed in FILE. Repeatable.", valueName: "file"), completion: .file())
    var rawRecipientsFile: [String] = []

    @Option(name: .customLong("audit"), help: ArgumentHelp("Write one JSON line per masked span, then a summary, to FILE.", valueName: "file"), completion: .file())
    var audit: String?

    @Option(name: .customLong("log-format"), help: ArgumentHelp("Recording format: cast (asciicast v2) or text (the output bytes).", valueName: "format"), completion: .list(RecordingOptions.formatNames))
    var logFormat: String = "cast"

    @Flag(name: .customLong("append"), help: "Add to existing recording files instead of refusing them.")
    var append = false

    func validate() throws {
        var options = RecordingOptions()
        guard options.setFormat(named: logFormat) else {
            throw ValidationError("--log-format: '\(logFormat)' is not one of \(RecordingOptions.formatNames.joined(separator: ", "))")
        }
    }

    var options: RecordingOptions {
        var options = RecordingOptions()
        options.log = log
        options.rawLog = rawLog
        options.rawRecipients = rawRecipient
        options.rawRecipientsFiles = rawRecipientsFile
        options.audit = audit
        _ = options.setFormat(named: logFormat)
        options.append = append
        return options
    }
}
