/// The shapes in which output assigns a value to a name (SPEC §2, §3): one pattern for the
/// text after a name, shared by the policy's `field:` rules and the built-in name detector.
///
/// `key=value`, `key: value`, `"key": "value"`, `KEY='value'`, `key := v`, `key => v`,
/// `key ?= v`, `key ::= v`, `key <- v`, `key += v`, `password: str = "v"`,
/// `setProperty("KEY", "v")`, `os.environ["KEY"] = "v"`, `<key>v</key>`, YAML block scalars
/// (`key: |` and the indented lines after it), Kubernetes env lists (`- name: KEY` then
/// `value: v`), ECS/CloudFormation `{"name": "KEY", "value": "v"}`, two-column tables
/// (`vault kv get`), and `--key value` flags. Prose such as "password reset email sent" has
/// no separator after the name and stays.
///
/// Every shape captures two groups after the name's own: the indentation of a block
/// scalar (empty elsewhere), then the value.
public enum FieldPattern {
    /// The pattern for a policy `field:` rule, and the capture group holding the value.
    public static func build(keyPattern: String, keyCaptureCount: Int) -> (pattern: String, valueGroup: Int) {
        // A value that is a small number, a boolean or a placeholder is not a secret
        // ("token count: 4096", "password_required: true").
        let notPlain = #"(?!(?:\d{1,8}|true|false|null|none|nil|yes|no|\*+)(?![^\s,;"'}\])]))"#
        let name = #"(?<![A-Za-z0-9])(?:\#(keyPattern))[A-Za-z0-9_.-]{0,32}+"#
        let flag = #"--[A-Za-z0-9_-]{0,32}?(?:\#(keyPattern))[A-Za-z0-9_-]{0,32}+"#
        return (shapes(name: name, flag: flag, valueGuard: notPlain), keyCaptureCount + 2)
    }

    /// `name` then a value in any shape, or `flag` (starting at its dashes) then a value
    /// after white space. `valueGuard` is a lookahead every value must pass.
    static func shapes(name: String, flag: String, valueGuard: String = "") -> String {
        let double = #""((?:[^"\\\r\n]|\\.)*+)""#
        let escapedDouble = #"\\"((?:[^"\\\r\n]|\\(?!")[^\r\n])*+)\\""#  // {\"password\": \"v\"}
        let single = #"'([^'\r\n]*+)'"#
        let backticked = #"`([^`\r\n]*+)`"#
        let quoted = "(?|\(double)|\(escapedDouble)|\(single)|\(backticked))"
        // A bare value runs to white space or a quote; a `;`, `,` or closing bracket at its
        // end is the line's punctuation, not the value's.
        let bareCharacters = #"(?:[^\s"'`;,)\]}]|[;,)\]}](?=[^\s"'`;,)\]}]))"#
        let bare = "(\(valueGuard)(?![=>])\(bareCharacters)++)"
        // After `:`, a value may be several words (a YAML passphrase), up to a quote, a
        // comment or a `, ` list separator.
        let words = "(\(valueGuard)\(bareCharacters)++(?:[ \\t]++(?![#;])\(bareCharacters)++)*+)"
        let closing = #"(?:\\?["'`])?\]?"#
        let assignment = #"(?:::=|:=|\?=|\+=|=>|<-|==?)"#
        let syntaxes = [
            // key = v, key := v, key => v, KEY ?= v, os.environ["KEY"] = "v"
            #"()\#(closing)[ \t]*+\#(assignment)[ \t]*+(?|\#(quoted)|\#(bare))"#,
            // password: str = "v" (a type annotation between name and value)
            #"()\#(closing)[ \t]*+:[ \t]*+[A-Za-z_][A-Za-z0-9_.\[\]|]{0,40}+[ \t]*+=[ \t]*+\#(quoted)"#,
            // key: |  (YAML block scalar: the indented lines that follow)
            #"\#(closing)[ \t]*+:[ \t]*+[|>][-+0-9]{0,2}+[ \t]*+\r?\n(?:[ \t]*+\r?\n)*+([ \t]++)(\S[^\r\n]*+(?:\r?\n\g{-2}[^\r\n]++)*+)"#,
            // key: v, "key": "v", Header: v
            #"()\#(closing)[ \t]*+:(?![:/=])[ \t]*+(?|\#(quoted)|\#(words))"#,
            // {"name": "KEY", "value": "v"} (ECS, CloudFormation)
            #"()"[ \t]*+,\s*+"(?i:value)"[ \t]*+:[ \t]*+\#(quoted)"#,
            // - name: KEY / value: v (Kubernetes env lists)
            #"()["']?[ \t]*+\r?\n[ \t]*+(?:-[ \t]++)?value[ \t]*+:[ \t]*+(?|\#(quoted)|\#(words))"#,
            // setProperty("KEY", "v"), "key", "v"
            #"()\\?["'][ \t]*+,[ \t]*+\#(quoted)"#,
            // <key>v</key>
            #"()>([^<\r\n]{1,512}+)</"#,
            // key    v  (a two-column table such as `vault kv get`: one value, then the line ends)
            #"()[ \t]{2,}+(\#(valueGuard)[^\s"'`]++)[ \t]*+(?=\r?\n|$)"#,
        ]
        let flagged = #"\#(flag)[ \t]++()(?|\#(quoted)|(\#(valueGuard)[^\s"'`-][^\s"'`]*+))"#
        return "(?|\(flagged)|\(name)(?|\(syntaxes.joined(separator: "|"))))"
    }
}
