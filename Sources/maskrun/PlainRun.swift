import MaskrunCore

/// The common command line, `maskrun [--] COMMAND [ARG...]` with no option of maskrun's
/// own, run without the argument parser: there is nothing for it to read, and building its
/// view of the commands (reflection over every option, protocol conformance look-ups) was
/// about half of maskrun's start-up. Every other command line, and every mistake in one,
/// still goes through the parser, which stays the one place that knows the options.
enum PlainRun {
    /// The command to run when `arranged` (what `ArgumentOrder` hands the parser) is
    /// `run -- COMMAND...` and nothing else, else nil.
    static func command(in arranged: [String]) -> [String]? {
        guard arranged.count > 2, arranged[0] == "run", arranged[1] == "--" else { return nil }
        return Array(arranged[2...])
    }

    /// Runs it as `Run` would with every option left at its default.
    static func run(_ command: [String]) throws {
        try Run.execute(command, masking: MaskingOptions(), recording: RecordingOptions())
    }
}
