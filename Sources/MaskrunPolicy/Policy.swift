import MaskrunEngine

/// A policy file as written (SPEC §2), validated, before its patterns are compiled.
public struct Policy: Sendable {
    public enum BuiltinSet: String, Sendable, CaseIterable {
        /// High-confidence detectors only.
        case `default`
        case all
        case none
    }

    /// Where a rule's value comes from.
    public enum RuleSource: Sendable, Equatable {
        case regex(String, group: Int)
        case field(String)
        case environment([String])
        case valuesFile(String)
    }

    public struct Rule: Sendable {
        public var id: String
        public var source: RuleSource
        public var replacement: Replacement?
        /// Where the rule starts in the file, for messages about it.
        public var location: SourceLocation
    }

    public enum AllowEntry: Sendable, Equatable {
        case literal(String)
        case regex(String)
    }

    /// Recording paths named in the policy (`logs:`); the command line overrides them.
    public struct Logs: Sendable, Equatable {
        public var redacted: String?
        public var raw: String?
        public var rawRecipients: [String] = []
        public var audit: String?
        /// Where `require_raw_recipients: true` is written; non-nil: every raw log, named
        /// here or on the command line, must be encrypted to at least one recipient (SPEC §5).
        public var recipientsRequiredAt: SourceLocation?
    }

    /// The file it came from; nil for the built-in default policy.
    public var path: String?
    public var builtin: BuiltinSet = .default
    public var disabled: [String] = []
    public var replacement: Replacement = .template(Replacement.defaultTemplate)
    public var rules: [Rule] = []
    public var allow: [AllowEntry] = []
    /// Idle time after which held-back output is released; nil: the caller's default.
    public var flushAfter: Duration?
    public var logs = Logs()
    /// Literal values shorter than this are refused.
    public var minimumValueLength = LiteralValues.defaultMinimumLength
    /// Environment variable holding the key for `hash` replacements, so hashes correlate
    /// across sessions; without it each session draws its own key.
    public var hashKeyEnvironment: String?
    /// Where `hash_key_env` is written, for messages about its variable.
    public var hashKeyLocation: SourceLocation?
    /// The policy's own patterns (rules, fields, allow entries) as the loader compiled them
    /// to check them, by pattern text: the compiler takes these rather than compiling again.
    public var checkedPatterns: [String: PCRE2Regex] = [:]

    /// The policy used when no file is given: the default detectors, nothing else.
    public static let builtinDefault = Policy()

    public init() {}

    /// The built-in detectors this policy turns on.
    public var activeDetectors: [Detector] {
        let chosen: [Detector]
        switch builtin {
        case .default: chosen = BuiltinDetectors.defaults
        case .all: chosen = BuiltinDetectors.all
        case .none: chosen = []
        }
        return chosen.filter { !disabled.contains($0.id) }
    }
}

/// A place in a policy file, for messages of the form `FILE:LINE:COLUMN: message`.
public struct SourceLocation: Sendable, Equatable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// An invalid policy. The message never quotes a secret value.
public struct PolicyError: Error, CustomStringConvertible, Equatable {
    public var location: SourceLocation
    public var message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String {
        "\(location.file):\(location.line):\(location.column): \(message)"
    }
}
