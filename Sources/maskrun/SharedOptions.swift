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
        if let flushAfter, DurationText.parse(flushAfter) == nil {
            throw ValidationError("--flush-after: '\(flushAfter)' is not a duration such as 30ms or 1s")
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
