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
        let flagged = #"\#(flag)[ \t]++()(?|\#(quoted)|(\#(valueGuard)[^\s"'`-][^\s"'`]*+))"#
        return "(?|\(flagged)|\(name)\(joint(valueGuard: valueGuard)))"
    }

    /// A quoted value, its quotes left out of group 1.
    private static var quoted: String {
        let double = #""((?:[^"\\\r\n]|\\.)*+)""#
        let escapedDouble = #"\\"((?:[^"\\\r\n]|\\(?!")[^\r\n])*+)\\""#  // {\"password\": \"v\"}
        let single = #"'([^'\r\n]*+)'"#
        let backticked = #"`([^`\r\n]*+)`"#
        // A string prefix (`@"v"` in C# and Objective-C, `$"v"`, Python's `r"v"`, `b'v'`) is not the value.
        return #"(?:[@$]|[rRbBuUfF]{1,2}+)?+(?=["'`\\])"# + "(?|\(double)|\(escapedDouble)|\(single)|\(backticked))"
    }

    /// What follows a name: a joint and the value in every shape, as groups 1 (a block
    /// scalar's indentation) and 2 (the value). Also the name detector's gate (`JointGate`).
    static func joint(valueGuard: String = "") -> String {
        // A bare value runs to white space or a quote; a `;`, `,` or closing bracket at its
        // end is the line's punctuation, not the value's.
        let bareCharacters = #"(?:[^\s"'`;,)\]}]|[;,)\]}](?=[^\s"'`;,)\]}]))"#
        let bare = "(\(valueGuard)(?![=>])\(bareCharacters)++)"
        // After `:`, a value may be several words (a YAML passphrase), up to a quote, a
        // comment or a `, ` list separator.
        let words = "(\(valueGuard)\(bareCharacters)++(?:[ \\t]++(?![#;])\(bareCharacters)++)*+)"
        // After the name: its closing quote, and `]` or `[]`/`[25]` (`os.environ["X"]`, `char pw[25]`).
        let closing = #"(?:\\?["'`])?(?:\[[0-9]{0,4}\]|\])?"#
        // Assignments, and the comparisons code tests a secret with (`if (token == "v")`).
        let assignment = #"(?::{1,3}=|\?\??=|\+=|\.=|=>|<-|===?|!==?|=)"#
        // Each kind of joint between name and value appears once, followed by the value
        // forms it allows: the pattern must stay under PCRE2's size limit.
        let assigned = [
            // key = v, key := v, key => v, KEY ?= v, os.environ["KEY"] = "v", if (token == "v")
            #"\#(closing)[ \t]*+\#(assignment)[ \t]*+"#,
            // apiKey |v (a Postman or Markdown table cell; judged as random text)
            #"\#(closing)[ \t]*+\|(?=[^\s|])"#,
        ]
        let quotedOnly = [
            // password: str = "v" (a type annotation between name and value)
            #"\#(closing)[ \t]*+:[ \t]*+[A-Za-z_][A-Za-z0-9_.\[\]|]{0,40}+[ \t]*+=[ \t]*+"#,
            // var token string = "v" (Go: the type after the name; named, so that `token ghp_…`
            // is not held back as a possible type)
            #"[ \t]++(?:string|\[\]byte)[ \t]*+=[ \t]*+"#,
            // secret("v"), secret.assign("v", 17): a constructor or setter given the value
            #"\#(closing)[ \t]*+\([ \t]*+"#,
            // password "v"; (a directive or a call without parentheses), pass 'v' (judged as random text)
            #"\#(closing)[ \t]++(?=["'])"#,
            // token - 'v' (a dash between a name and its quoted value, as in notes and logs)
            #"\#(closing)[ \t]++-[ \t]++"#,
            // {"name": "KEY", "value": "v"} (ECS, CloudFormation)
            #""[ \t]*+,\s*+"(?i:value)"[ \t]*+:[ \t]*+"#,
            // <add key="DbPassword" value="v"/> (.NET appSettings, Java properties as XML)
            #""[ \t]++(?i:value)[ \t]*+=[ \t]*+"#,
            // setProperty("KEY", "v"), "key", "v", assert.equal(parsed['AccountKey'], 'v')
            #"\\?["']\]?[ \t]*+,[ \t]*+"#,
        ]
        let severalWords = [
            // key: v, "key": "v", Header: v
            #"\#(closing)[ \t]*+:(?![:/=])[ \t]*+"#,
            // - name: KEY / value: v (Kubernetes env lists)
            #"["']?[ \t]*+\r?\n[ \t]*+(?:-[ \t]++)?value[ \t]*+:[ \t]*+"#,
        ]
        let syntaxes = [
            "(?:\(assigned.joined(separator: "|")))()(?|\(quoted)|\(bare))",
            "(?:\(quotedOnly.joined(separator: "|")))()\(quoted)",
            // key: |  (YAML block scalar: the indented lines that follow)
            #"\#(closing)[ \t]*+:[ \t]*+[|>][-+0-9]{0,2}+[ \t]*+\r?\n(?:[ \t]*+\r?\n)*+([ \t]++)(\S[^\r\n]*+(?:\r?\n\g{-2}[^\r\n]++)*+)"#,
            // key =  (INI and ConfigParser: the value on the indented lines that follow)
            #"\#(closing)[ \t]*+=[ \t]*+\r?\n([ \t]++)([^\s#;][^\r\n]*+(?:\r?\n(?:[ \t]*+\r?\n)?\g{-2}(?![#;])[^\r\n]++)*+)"#,
            "(?:\(severalWords.joined(separator: "|")))()(?|\(quoted)|\(words))",
            // <key>v</key>, and the value alone on the lines between the tags
            #"()>([^<\r\n]{1,512}+)</"#,
            #"()>[ \t]*+\r?\n[ \t]*+([^<\s][^<\r\n]{0,511}?)[ \t]*+\r?\n[ \t]*+</"#,
            // key    v  (a two-column table such as `vault kv get`: one value, then the line ends)
            #"()[ \t]{2,}+(\#(valueGuard)[^\s"'`]++)[ \t]*+(?=\r?\n|$)"#,
        ]
        return "(?|\(syntaxes.joined(separator: "|")))"
    }
}
