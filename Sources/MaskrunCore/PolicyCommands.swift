import Foundation
import MaskrunEngine
import MaskrunPolicy

/// `maskrun policy check|test|show` (SPEC §1).
public enum PolicyCommands {
    /// Validates the policy; 0 when valid, 1 when not (the message says where).
    public static func check(path: String?, environment: [String: String], output: (String) -> Void) -> Int32 {
        let source = PolicySource.resolve(explicit: path, environment: environment)
        do {
            let policy = try source.load()
            let result = try PolicyCompiler.compile(policy, environment: environment)
            for warning in result.warnings { Diagnostics.warning(warning) }
            output("\(source.name): ok (\(summary(of: policy)))\n")
            return 0
        } catch {
            Diagnostics.error(error.description)
            return 1
        }
    }

    /// Prints `input` with each match shown as `[[rule-id: value]]`, then a count per rule on
    /// stderr. For writing and debugging rules; it shows the values, so use it on test data.
    public static func test(engine: MaskingEngine, input: [UInt8], color: Bool) -> (output: [UInt8], summary: String) {
        var counts: [String: Int] = [:]
        let open = color ? "\u{1B}[7m[[" : "[[", close = color ? "]]\u{1B}[0m" : "]]"
        let stream = MaskingStream(engine: engine) { ruleID, value in
            counts[ruleID, default: 0] += 1
            return Array("\(open)\(ruleID): ".utf8) + value + Array(close.utf8)
        }
        let output = stream.feed(input) + stream.finish()
        let total = counts.values.reduce(0, +)
        let perRule = counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return (output, total == 0 ? "no matches" : "\(counted(total, "match", "matches")): \(perRule)")
    }

    /// What a policy turns on, counted as the user wrote it: its own rules, the built-in
    /// detectors in effect, its allow entries.
    static func summary(of policy: Policy) -> String {
        [counted(policy.rules.count, "rule"),
         counted(policy.activeDetectors.count, "built-in detector"),
         counted(policy.allow.count, "allow entry", "allow entries")].joined(separator: ", ")
    }

    /// The effective policy as YAML that `policy check` accepts and that means the same
    /// policy: settings, rules, allow list; the built-in detectors in effect are listed
    /// as comments (the `builtin` and `disable` keys decide them).
    public static func show(policy: Policy, sourceName: String) -> String {
        var lines = ["# effective policy: \(sourceName)", "version: 1", "builtin: \(policy.builtin.rawValue)"]
        lines.append("disable: [\(policy.disabled.joined(separator: ", "))]")
        lines.append("replacement: \(quoted(policy.replacement.policyText))")
        if let flush = policy.flushAfter {
            lines.append("flush_after: \(DurationText.format(flush))")
        } else {
            lines.append("# flush_after: 30ms when stdout is a terminal, 1s otherwise")
        }
        lines.append("min_value_length: \(policy.minimumValueLength)")
        if let name = policy.hashKeyEnvironment { lines.append("hash_key_env: \(quoted(name))") }
        let logs = policy.logs
        var logEntries: [String] = []
        if let path = logs.redacted { logEntries.append("redacted: \(quoted(path))") }
        if let path = logs.raw { logEntries.append("raw: \(quoted(path))") }
        if !logs.rawRecipients.isEmpty { logEntries.append("raw_recipients: [\(logs.rawRecipients.map(quoted).joined(separator: ", "))]") }
        if logs.recipientsRequiredAt != nil { logEntries.append("require_raw_recipients: true") }
        if let path = logs.audit { logEntries.append("audit: \(quoted(path))") }
        if !logEntries.isEmpty { lines.append("logs: { \(logEntries.joined(separator: ", ")) }") }
        lines.append("# built-in detectors in effect (\(policy.activeDetectors.count)):")
        lines += policy.activeDetectors.map { "#   \($0.id)" }
        lines.append("rules:" + (policy.rules.isEmpty ? " []" : ""))
        for rule in policy.rules {
            lines.append("  - id: \(rule.id)")
            switch rule.source {
            case .regex(let pattern, let group):
                lines.append("    regex: \(quoted(pattern))")
                if group != 0 { lines.append("    group: \(group)") }
            case .field(let pattern): lines.append("    field: \(quoted(pattern))")
            case .environment(let names): lines.append("    env: [\(names.joined(separator: ", "))]")
            case .valuesFile(let path): lines.append("    values_file: \(quoted(path))")
            }
            if let replacement = rule.replacement { lines.append("    replacement: \(quoted(replacement.policyText))") }
        }
        lines.append("allow:" + (policy.allow.isEmpty ? " []" : ""))
        for entry in policy.allow {
            switch entry {
            case .literal(let value): lines.append("  - \(quoted(value))")
            case .regex(let pattern): lines.append("  - regex: \(quoted(pattern))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Every built-in detector: id, confidence, whether this policy has it on, description.
    public static func showBuiltin(policy: Policy) -> String {
        let active = Set(policy.activeDetectors.map(\.id))
        let width = BuiltinDetectors.all.map(\.id.count).max() ?? 0
        return BuiltinDetectors.all.map { detector in
            let id = detector.id.padding(toLength: width, withPad: " ", startingAt: 0)
            let confidence = detector.confidence.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)
            return "\(id)  \(confidence)  \(active.contains(detector.id) ? "on " : "off")  \(detector.description)"
        }.joined(separator: "\n") + "\n"
    }

    /// A YAML single-quoted scalar.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}

extension Replacement {
    /// How the replacement is written in a policy file.
    var policyText: String {
        if case .template(let text) = self { return text }
        return kind
    }
}
