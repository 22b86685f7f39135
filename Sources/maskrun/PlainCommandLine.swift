import MaskrunCore

/// The most common command lines, `maskrun [--policy FILE] [--] COMMAND [ARG...]` and
/// `maskrun filter [--policy FILE]`, run without the argument parser: building its view of
/// the commands (reflection over every option, protocol conformance look-ups) was about
/// half of maskrun's start-up. Every other command line, and every mistake in one, still
/// goes through the parser, which stays the one place that knows the options; the policy
/// option is read here as `MaskingOptionGroup` reads it (one value, no check of its own).
enum PlainCommandLine {
    case run([String], policy: String?)
    case filter(policy: String?)

    /// What `arranged` (the words `ArgumentOrder` hands the parser) asks for when it is
    /// `run [POLICY] -- COMMAND...` or `filter [POLICY]` and nothing else, where POLICY is
    /// `--policy FILE`, `-p FILE` or `--policy=FILE` once; nil for anything more.
    init?(_ arranged: [String]) {
        guard let verb = arranged.first else { return nil }
        var rest = arranged.dropFirst()
        var policy: String?
        if let word = rest.first, word == "--policy" || word == "-p", rest.count >= 2 {
            policy = rest.dropFirst().first
            rest = rest.dropFirst(2)
        } else if let word = rest.first, word.hasPrefix("--policy=") {
            policy = String(word.dropFirst("--policy=".count))
            rest = rest.dropFirst()
        }
        // An empty path, or one that looks like an option, is the parser's to judge.
        if let policy, policy.isEmpty || policy.hasPrefix("-") { return nil }
        if verb == "filter", rest.isEmpty {
            self = .filter(policy: policy)
        } else if verb == "run", rest.count > 1, rest.first == "--" {
            self = .run(Array(rest.dropFirst()), policy: policy)
        } else {
            return nil
        }
    }

    /// Runs it as the parsed command would with every other option at its default.
    func run() throws {
        var masking = MaskingOptions()
        switch self {
        case .run(let command, let policy):
            masking.policyPath = policy
            try Run.execute(command, masking: masking, recording: RecordingOptions())
        case .filter(let policy):
            masking.policyPath = policy
            try Filter.execute(masking: masking, recording: RecordingOptions())
        }
    }
}
