import MaskrunCore

/// The two most common command lines, `maskrun [--] COMMAND [ARG...]` and `maskrun filter`,
/// with no option of maskrun's own, run without the argument parser: there is nothing for
/// it to read, and building its view of the commands (reflection over every option,
/// protocol conformance look-ups) was about half of maskrun's start-up. Every other
/// command line, and every mistake in one, still goes through the parser, which stays the
/// one place that knows the options.
enum PlainCommandLine {
    case run([String])
    case filter

    /// What `arranged` (the words `ArgumentOrder` hands the parser) asks for when it is
    /// `run -- COMMAND...` or `filter` and nothing else; nil for anything more.
    init?(_ arranged: [String]) {
        if arranged == ["filter"] {
            self = .filter
        } else if arranged.count > 2, arranged[0] == "run", arranged[1] == "--" {
            self = .run(Array(arranged[2...]))
        } else {
            return nil
        }
    }

    /// Runs it as the parsed command would with every option at its default.
    func run() throws {
        switch self {
        case .run(let command): try Run.execute(command, masking: MaskingOptions(), recording: RecordingOptions())
        case .filter: try Filter.execute(masking: MaskingOptions(), recording: RecordingOptions())
        }
    }
}
