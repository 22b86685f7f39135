import Foundation
import MaskrunEngine
import MaskrunSystem
import Yams

/// Reads a policy file with a real YAML parser and checks every key, type and value,
/// reporting the first problem as `FILE:LINE:COLUMN: message` (SPEC §2).
public struct PolicyLoader {
    let file: String
    let text: String

    /// A policy is a page of YAML; 1 MiB is far more than any needs.
    public static let maximumSize = 1 << 20

    /// Loads the policy at `path`.
    public static func load(path: String) throws(PolicyError) -> Policy {
        let at = SourceLocation(file: path, line: 1, column: 1)
        let data: [UInt8]
        do throws(SystemError) {
            data = try POSIX.readFile(path, limit: maximumSize)
        } catch {
            throw PolicyError(at, "cannot read the policy file: \(POSIX.errorText(error.errno))")
        }
        guard let text = String(bytes: data, encoding: .utf8) else {
            throw PolicyError(at, "the policy file is not UTF-8 text")
        }
        return try PolicyLoader(file: path, text: text).parse()
    }

    /// Parses policy text; `file` names it in messages.
    public static func parse(_ text: String, file: String) throws(PolicyError) -> Policy {
        try PolicyLoader(file: file, text: text).parse()
    }

    static let topLevelKeys = [
        "version", "builtin", "disable", "replacement", "rules", "allow", "flush_after", "logs",
        "min_value_length", "hash_key_env",
    ]
    static let ruleKeys = ["id", "field", "regex", "group", "env", "values_file", "replacement"]
    static let logKeys = ["redacted", "raw", "raw_recipients", "require_raw_recipients", "audit"]

    func parse() throws(PolicyError) -> Policy {
        let root: Node?
        do {
            // The basic resolver: the loader reads scalars as text and never asks for a tag,
            // and the default one compiles a dozen NSRegularExpressions (a tenth of a start-up).
            root = try Yams.compose(yaml: text, .basic)
        } catch {
            throw yamlError(error)
        }
        var policy = Policy()
        policy.path = file
        guard let root else { return policy }  // an empty file is the default policy
        let top = try mapping(root, allowed: Self.topLevelKeys, what: "the policy")

        if let version = top["version"] {
            guard try integer(version, "version") == 1 else {
                throw error(at: version, "unsupported version; this maskrun reads version 1")
            }
        }
        if let node = top["builtin"] {
            let value = try string(node, "builtin")
            guard let set = Policy.BuiltinSet(rawValue: value) else {
                throw error(at: node, "builtin must be one of default, all, none")
            }
            policy.builtin = set
        }
        if let node = top["disable"] {
            for item in try sequence(node, "disable") {
                let id = try string(item, "disable entry")
                guard BuiltinDetectors.detector(id: id) != nil else {
                    throw error(at: item, "unknown built-in detector '\(id)' (see 'maskrun policy show --builtin')")
                }
                policy.disabled.append(id)
            }
        }
        if let node = top["replacement"] { policy.replacement = try replacement(node) }
        if let node = top["flush_after"] { policy.flushAfter = try duration(node, "flush_after") }
        if let node = top["min_value_length"] {
            let length = try integer(node, "min_value_length")
            guard length >= 1 else { throw error(at: node, "min_value_length must be at least 1") }
            policy.minimumValueLength = length
        }
        if let node = top["hash_key_env"] {
            policy.hashKeyEnvironment = try string(node, "hash_key_env")
            policy.hashKeyLocation = location(of: node)
        }
        if let node = top["logs"] { policy.logs = try logs(node) }
        if let node = top["allow"] { policy.allow = try allow(node, checked: &policy.checkedPatterns) }
        if let node = top["rules"] {
            var seen: Set<String> = []
            for item in try sequence(node, "rules") {
                let rule = try rule(item, checked: &policy.checkedPatterns)
                guard seen.insert(rule.id).inserted else {
                    throw error(at: item.mapping?["id"] ?? item, "duplicate rule id '\(rule.id)'")
                }
                policy.rules.append(rule)
            }
        }
        return policy
    }

    private func rule(_ node: Node, checked: inout [String: PCRE2Regex]) throws(PolicyError) -> Policy.Rule {
        let map = try mapping(node, allowed: Self.ruleKeys, what: "a rule")
        guard let idNode = map["id"] else { throw error(at: node, "rule has no id") }
        let id = try string(idNode, "id")
        guard !id.isEmpty, id.unicodeScalars.allSatisfy({ CharacterSet(charactersIn: "-_.").union(.alphanumerics).contains($0) && $0.isASCII })
        else {
            throw error(at: idNode, "rule id must be letters, digits, '-', '_' or '.'")
        }
        let kinds = ["field", "regex", "env", "values_file"].filter { map[$0] != nil }
        guard kinds.count == 1, let kind = kinds.first, let value = map[kind] else {
            throw error(
                at: node,
                kinds.isEmpty
                    ? "rule '\(id)' needs one of field, regex, env, values_file"
                    : "rule '\(id)' has both \(kinds[0]) and \(kinds[1]); give one")
        }
        if let group = map["group"], kind != "regex" {
            throw error(at: group, "rule '\(id)': group applies only to a regex rule")
        }
        let source: Policy.RuleSource
        switch kind {
        case "regex":
            let pattern = try string(value, "regex")
            var group = 0
            let groupNode = map["group"]
            if let node = groupNode {
                group = try integer(node, "group")
                guard group >= 0 else { throw error(at: node, "rule '\(id)': group must be 0 or more") }
            }
            let regex = try compile(value, rule: id, into: &checked)
            if let node = groupNode, group > regex.captureCount {
                let groups = regex.captureCount == 0 ? "no capture groups" : "only " + counted(regex.captureCount, "capture group")
                throw error(at: node, "rule '\(id)': the regex has \(groups)")
            }
            source = .regex(pattern, group: group)
        case "field":
            let keyPattern = try string(value, "field")
            try compile(value, rule: id, into: &checked)
            source = .field(keyPattern)
        case "env":
            let names = value.scalar != nil ? [try string(value, "env")] : try sequence(value, "env").map { (item) throws(PolicyError) in try string(item, "env entry") }
            guard !names.isEmpty else { throw error(at: value, "rule '\(id)': env lists no variables") }
            source = .environment(names)
        default:
            source = .valuesFile(try string(value, "values_file"))
        }
        return Policy.Rule(
            id: id, source: source,
            replacement: try map["replacement"].map { (node) throws(PolicyError) in try replacement(node) },
            location: location(of: node))
    }

    private func allow(_ node: Node, checked: inout [String: PCRE2Regex]) throws(PolicyError) -> [Policy.AllowEntry] {
        var entries: [Policy.AllowEntry] = []
        for item in try sequence(node, "allow") {
            if item.scalar != nil {
                entries.append(.literal(try string(item, "allow entry")))
            } else {
                let map = try mapping(item, allowed: ["regex"], what: "an allow entry")
                guard let pattern = map["regex"] else { throw error(at: item, "allow entry needs regex") }
                try compile(pattern, rule: nil, into: &checked)
                entries.append(.regex(try string(pattern, "regex")))
            }
        }
        return entries
    }

    private func logs(_ node: Node) throws(PolicyError) -> Policy.Logs {
        let map = try mapping(node, allowed: Self.logKeys, what: "logs")
        var logs = Policy.Logs()
        logs.redacted = try map["redacted"].map { (node) throws(PolicyError) in try string(node, "logs.redacted") }
        logs.raw = try map["raw"].map { (node) throws(PolicyError) in try string(node, "logs.raw") }
        logs.audit = try map["audit"].map { (node) throws(PolicyError) in try string(node, "logs.audit") }
        if let recipients = map["raw_recipients"] {
            logs.rawRecipients = try sequence(recipients, "logs.raw_recipients").map { (item) throws(PolicyError) in
                try string(item, "recipient")
            }
        }
        if let node = map["require_raw_recipients"], try boolean(node, "logs.require_raw_recipients") {
            logs.recipientsRequiredAt = location(of: node)
        }
        return logs
    }

    /// The kinds a replacement names; any other text is a template.
    static let replacementKinds = ["template", "mask", "partial", "hash", "drop"]

    /// A replacement kind or a template. A single word close to a kind's name (`hashed`,
    /// `Mask`) is a typo rather than a template: taken literally it would print that word.
    private func replacement(_ node: Node) throws(PolicyError) -> Replacement {
        let text = try string(node, "replacement")
        if !Self.replacementKinds.contains(text), !text.isEmpty, text.allSatisfy(\.isLetter),
            let near = Suggestion.closest(to: text.lowercased(), among: Self.replacementKinds)
        {
            throw error(
                at: node,
                "unknown replacement '\(text)'; did you mean '\(near)'? (one of \(Self.replacementKinds.joined(separator: ", ")), or a template such as '[MASKED:{rule}]')")
        }
        return Replacement(policyValue: text)
    }

    /// Compiles a pattern to check it, pointing PCRE2's complaints at the exact column, and
    /// keeps the result in `checked` for the compiler, so each pattern is compiled once.
    @discardableResult
    private func compile(_ node: Node, rule id: String?, into checked: inout [String: PCRE2Regex]) throws(PolicyError) -> PCRE2Regex {
        let pattern = try string(node, "regex")
        let prefix = id.map { "rule '\($0)': " } ?? "allow: "
        let regex: PCRE2Regex
        do {
            regex = try PCRE2Regex(pattern)
        } catch {
            throw PolicyError(location(of: node, valueOffset: error.offset), "\(prefix)invalid regex: \(error.message) (at offset \(error.offset))")
        }
        guard !regex.matchesEmpty else {
            throw self.error(at: node, "\(prefix)the regex matches the empty string")
        }
        checked[pattern] = regex
        return regex
    }

    // MARK: - Typed access with positions

    /// The mapping's entries by key, after checking every key is known.
    private func mapping(_ node: Node, allowed: [String], what: String) throws(PolicyError) -> [String: Node] {
        guard let map = node.mapping else { throw error(at: node, "\(what) must be a mapping") }
        var entries: [String: Node] = [:]
        for (key, value) in map {
            guard let name = key.scalar?.string, allowed.contains(name) else {
                let known = allowed.joined(separator: ", ")
                let given = key.scalar?.string ?? "?"
                let hint = Suggestion.closest(to: given, among: allowed).map { "; did you mean '\($0)'?" } ?? ""
                throw error(at: key, "unknown key '\(given)' in \(what)\(hint) (known: \(known))")
            }
            entries[name] = value
        }
        return entries
    }

    private func sequence(_ node: Node, _ what: String) throws(PolicyError) -> [Node] {
        guard let items = node.sequence else { throw error(at: node, "\(what) must be a list") }
        return Array(items)
    }

    private func string(_ node: Node, _ what: String) throws(PolicyError) -> String {
        guard let scalar = node.scalar else { throw error(at: node, "\(what) must be a string") }
        return scalar.string
    }

    private func integer(_ node: Node, _ what: String) throws(PolicyError) -> Int {
        guard let scalar = node.scalar, scalar.style == .plain, let value = Int(scalar.string) else {
            throw error(at: node, "\(what) must be a whole number")
        }
        return value
    }

    /// `true` or `false` only: YAML 1.1's `yes`, `on` and `1` read as a typo here, not a yes.
    private func boolean(_ node: Node, _ what: String) throws(PolicyError) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain, ["true", "false"].contains(scalar.string) else {
            throw error(at: node, "\(what) must be true or false")
        }
        return scalar.string == "true"
    }

    private func duration(_ node: Node, _ what: String) throws(PolicyError) -> Duration {
        switch DurationText.check(try string(node, what)) {
        case .success(let value): return value
        case .failure(let problem): throw error(at: node, "\(what) \(problem.explanation)")
        }
    }

    // MARK: - Positions and messages

    func location(of node: Node) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    func error(at node: Node, _ message: String) -> PolicyError {
        PolicyError(location(of: node), message)
    }

    /// The position of byte `offset` inside a scalar's value, when the value is written
    /// on one line without escapes before that point; otherwise the scalar's own position.
    func location(of node: Node, valueOffset offset: Int) -> SourceLocation {
        let start = location(of: node)
        guard let scalar = node.scalar else { return start }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard start.line - 1 < lines.count else { return start }
        let line = Array(lines[start.line - 1].unicodeScalars)
        let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
        let first = start.column - 1 + (quoted ? 1 : 0)
        let value = Array(scalar.string.utf8.prefix(offset))
        let valueScalars = Array(String(decoding: value, as: UTF8.self).unicodeScalars)
        guard first + valueScalars.count <= line.count,
            Array(line[first..<(first + valueScalars.count)]) == valueScalars
        else { return start }
        return SourceLocation(file: file, line: start.line, column: first + valueScalars.count + 1)
    }

    /// What usually causes YAML's two most puzzling messages in a policy: a tab used for
    /// indentation, and a regex's backslash inside double quotes (YAML reads `"\d"` as an
    /// escape sequence, which it is not).
    private func yamlHint(problem: String, line: Int) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let nearby = lines.indices.filter { abs($0 + 1 - line) <= 1 }.map { lines[$0] }
        if nearby.contains(where: { $0.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") }) {
            return " (YAML does not allow tabs for indentation; indent with spaces)"
        }
        if problem.contains("escape") {
            return " (inside double quotes YAML reads backslashes as escapes; write a regex in single quotes, as in regex: '\\d{3}')"
        }
        return ""
    }

    private func yamlError(_ error: Error) -> PolicyError {
        let at = SourceLocation(file: file, line: 1, column: 1)
        guard let yaml = error as? YamlError else { return PolicyError(at, "invalid YAML") }
        switch yaml {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return PolicyError(
                SourceLocation(file: file, line: mark.line, column: mark.column),
                "invalid YAML: \(problem)" + yamlHint(problem: problem, line: mark.line))
        case .duplicatedKeysInMapping(let duplicates, let context):
            return PolicyError(
                SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                "duplicate key '\(duplicates.joined(separator: "', '"))'")
        case .reader(let problem, _, _, _):
            return PolicyError(at, "invalid YAML: \(problem)")
        default:
            return PolicyError(at, "invalid YAML")
        }
    }
}
