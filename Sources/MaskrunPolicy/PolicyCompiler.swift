import Foundation
import MaskrunEngine
import MaskrunSystem

/// Turns a validated policy into an engine: built-in detectors, the policy's rules with their
/// literal values read from the environment and files, and the allow list.
public enum PolicyCompiler {
    public struct Result {
        public let engine: MaskingEngine
        /// Things worth telling the user that do not stop the command (an unset variable).
        public let warnings: [String]
    }

    /// `extraRules` come from the command line (`--mask-env`, `--mask-values-from`);
    /// `vectorscanCache` keeps the first pass's compiled databases between runs.
    public static func compile(
        _ policy: Policy, environment: [String: String], extraRules: [MaskRule] = [],
        limits: StreamLimits = StreamLimits(), vectorscanCache: VectorscanCache? = nil
    ) throws(PolicyError) -> Result {
        // The policy's own rules come first: where a rule and a built-in detector mask the
        // same span, the replacement is the rule's.
        var rules: [MaskRule] = []
        var warnings: [String] = []
        for rule in policy.rules {
            let replacement = rule.replacement ?? policy.replacement
            let at = rule.location
            switch rule.source {
            case .regex(let pattern, let group):
                rules.append(MaskRule(
                    id: rule.id, regex: try compiled(pattern, policy, at, "rule '\(rule.id)'"), maskGroup: group,
                    replacement: replacement, prefilter: Prefilter.literalPrefix(of: pattern)))
            case .field(let keyPattern):
                let key = try compiled(keyPattern, policy, at, "rule '\(rule.id)'")
                let built = FieldPattern.build(keyPattern: keyPattern, keyCaptureCount: key.captureCount)
                let regex: PCRE2Regex
                do {
                    regex = try PCRE2Regex(built.pattern)
                } catch {
                    throw PolicyError(at, "rule '\(rule.id)': the field pattern cannot be embedded: \(error.message)")
                }
                rules.append(MaskRule(
                    id: rule.id, regex: regex, maskGroup: built.valueGroup, replacement: replacement,
                    valueStartProbe: PCRE2Regex(deferredProbe: built.probe)))
            case .environment(let names):
                var values: [[UInt8]] = []
                for name in names {
                    guard let value = environment[name], !value.isEmpty else {
                        let state = environment[name] == nil ? "is not set" : "is empty"
                        warnings.append("\(at.file):\(at.line):\(at.column): rule '\(rule.id)': environment variable \(name) \(state); nothing to mask for it")
                        continue
                    }
                    guard value.utf8.count >= policy.minimumValueLength else {
                        throw PolicyError(at, "rule '\(rule.id)': the value of \(name) is shorter than \(policy.minimumValueLength) bytes; refusing to mask it everywhere")
                    }
                    values.append(Array(value.utf8))
                }
                rules += MaskRule.literals(id: rule.id, values: values, minimumLength: policy.minimumValueLength, replacement: replacement)
            case .valuesFile(let path):
                let values: [[UInt8]]
                do {
                    values = try LiteralFile.read(path: path, minimumLength: policy.minimumValueLength)
                } catch {
                    throw PolicyError(at, "rule '\(rule.id)': \(error.message)")
                }
                rules += MaskRule.literals(id: rule.id, values: values, minimumLength: policy.minimumValueLength, replacement: replacement)
            }
        }
        // Each built-in pattern is compiled at its first candidate.
        let builtins = policy.activeDetectors.map { MaskRule(detector: $0, replacement: policy.replacement) }
        // Vendors' documentation examples look like secrets but are published on purpose.
        var allow = AllowList(
            literals: policy.builtin == .none ? [] : Set(BuiltinDetectors.knownExamples.map { Array($0.utf8) }))
        for entry in policy.allow {
            switch entry {
            case .literal(let value): allow.literals.insert(Array(value.utf8))
            case .regex(let pattern):
                let at = SourceLocation(file: policy.path ?? "<built-in>", line: 1, column: 1)
                allow.patterns.append(try compiled(pattern, policy, at, "allow"))
            }
        }
        // Without its variable, hashes still hide the values but only correlate within
        // the session (a key of its own): worth a warning, not a refusal to run.
        var hashKey: [UInt8]?
        if let name = policy.hashKeyEnvironment {
            let at = policy.hashKeyLocation ?? SourceLocation(file: policy.path ?? "<built-in>", line: 1, column: 1)
            let place = "\(at.file):\(at.line):\(at.column): hash_key_env: environment variable \(name)"
            switch environment[name] {
            case nil:
                warnings.append("\(place) is not set; hashes correlate within this session only")
            case let key? where key.isEmpty:
                warnings.append("\(place) is empty; hashes correlate within this session only")
            case let key? where key.utf8.count < 16:
                throw PolicyError(at, "hash_key_env: environment variable \(name) holds \(counted(key.utf8.count, "byte")); a key needs at least 16")
            case let key?:
                hashKey = Array(key.utf8)
            }
        }
        let engine = MaskingEngine(rules: rules + extraRules + builtins, allow: allow, hashKey: hashKey, limits: limits,
            vectorscanCache: vectorscanCache)
        return Result(engine: engine, warnings: warnings)
    }
}

/// A pattern as the loader compiled it to check it. Only a policy built in code rather than
/// loaded (a test's) has patterns the loader never saw; PCRE2 refusing one of those is a
/// located error, never a trap.
private func compiled(_ pattern: String, _ policy: Policy, _ at: SourceLocation, _ what: String) throws(PolicyError) -> PCRE2Regex {
    if let checked = policy.checkedPatterns[pattern] { return checked }
    do {
        return try PCRE2Regex(pattern)
    } catch {
        throw PolicyError(at, "\(what): the regex does not compile: \(error.message)")
    }
}

/// A file of literal secrets, one a line (`values_file:`, `--mask-values-from`).
public enum LiteralFile {
    public struct Failure: Error {
        public let message: String
    }

    /// Far more literal secrets than anyone lists; a bound, so that `/dev/zero` is an error.
    public static let maximumSize = 16 << 20

    /// The file's non-empty lines. A line shorter than `minimumLength` is an error naming its
    /// line number, never its text.
    public static func read(path: String, minimumLength: Int) throws(Failure) -> [[UInt8]] {
        let data: [UInt8]
        do throws(SystemError) {
            data = try POSIX.readFile(path, limit: maximumSize)
        } catch {
            throw Failure(message: "cannot read \(path): \(POSIX.errorText(error.errno))")
        }
        return try parse(data, name: path, minimumLength: minimumLength)
    }

    public static func parse(_ bytes: [UInt8], name: String, minimumLength: Int) throws(Failure) -> [[UInt8]] {
        var values: [[UInt8]] = []
        for (index, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let value = line.last == UInt8(ascii: "\r") ? Array(line.dropLast()) : Array(line)
            if value.isEmpty { continue }
            guard value.count >= minimumLength else {
                throw Failure(message: "\(name):\(index + 1): value is shorter than \(minimumLength) bytes; refusing to mask it everywhere")
            }
            values.append(value)
        }
        return values
    }
}
