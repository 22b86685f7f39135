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
    /// The pattern for a policy `field:` rule, the capture group holding the value, and the
    /// pattern with value-start marks (`MaskRule.valueStartProbe`), so `db_secret: ` shows at
    /// once as the built-in names do.
    public static func build(keyPattern: String, keyCaptureCount: Int) -> (pattern: String, valueGroup: Int, probe: String) {
        // A value that is a small number, a boolean or a placeholder is not a secret
        // ("token count: 4096", "password_required: true").
        let notPlain = #"(?!(?:\d{1,8}|true|false|null|none|nil|yes|no|\*+)(?![^\s,;"'}\])]))"#
        let name = #"(?<![A-Za-z0-9])(?:\#(keyPattern))[A-Za-z0-9_.-]{0,32}+"#
        let flag = #"--[A-Za-z0-9_-]{0,32}?(?:\#(keyPattern))[A-Za-z0-9_-]{0,32}+"#
        return (
            shapes(name: name, flag: flag, valueGuard: notPlain), keyCaptureCount + 2,
            shapes(name: name, flag: flag, valueGuard: notPlain, valueOpen: Detector.valueStartMark + "(")
        )
    }

    /// `name` then a value in any shape, or `flag` (starting at its dashes) then a value
    /// after white space. `valueGuard` is a lookahead every value must pass. `valueOpen`
    /// opens each value's group: `(`, or a detector's value-start mark and `(`
    /// (`Detector.marksValueStart`).
    static func shapes(name: String, flag: String, valueGuard: String = "", valueOpen v: String = "(") -> String {
        let flagged = flagValue(valueGuard: valueGuard, valueOpen: v)
        // -storagekey v, -token v (single-dash options, as Windows tools and Java take them): the
        // name where its secret word starts, after a dash and a few letters (one lookbehind per
        // length keeps each fixed). The dash may open a Markdown code span (`` `-token v` ``).
        let singleDash = (0...singleDashLetters).map { #"(?<=[\s"'(`]-[A-Za-z0-9]{\#($0)})"# }.joined(separator: "|")
        return "(?|\(flag)\(flagged)|(?:\(singleDash))\(name)\(flagged)|\(name)\(joint(valueGuard: valueGuard, valueOpen: v)))"
    }

    /// How many letters or digits a single-dash option may have before its name's secret
    /// word (`-storage` of `-storagekey v`); `JointGate` always tries a name after one.
    static let singleDashLetters = 16

    /// An option's value after white space: quoted, or one word not starting with a dash.
    private static func flagValue(valueGuard: String, valueOpen v: String) -> String {
        #"[ \t]++()(?|\#(quoted(valueOpen: v))|\#(v)\#(valueGuard)[^\s"'`-][^\s"'`]*+))"#
    }

    /// A quoted value, its quotes left out of the value's group.
    private static func quoted(valueOpen v: String) -> String {
        // A carriage return before the closing quote (a CRLF file printed as it is) is not the value's.
        let double = #""\#(v)(?:[^"\\\r\n]|\\.)*+)\r?""#
        let escapedDouble = #"\\"\#(v)(?:[^"\\\r\n]|\\(?!")[^\r\n])*+)\\""#  // {\"password\": \"v\"}
        let single = #"'\#(v)[^'\r\n]*+)\r?'"#
        let backticked = #"`\#(v)[^`\r\n]*+)`"#
        // A string prefix (`@"v"` in C# and Objective-C, `$"v"`, Python's `r"v"`, `b'v'`) is not the value.
        // A double quote not closed before the line ends: the field was cut (`"xoxa-2Lq8…` at
        // a terminal's width, `cut -c`, a sample), and the value is what is left of it.
        let openDouble = #""\#(v)(?:[^"\\\r\n]|\\.){8,}+)(?=\r?\n|$)"#
        return #"(?:[@$]|[rRbBuUfF]{1,2}+)?+(?=["'`\\])"# + "(?|\(double)|\(openDouble)|\(escapedDouble)|\(single)|\(backticked))"
    }

    /// What follows a name: a joint and the value in every shape, as groups 1 (a block
    /// scalar's indentation) and 2 (the value). Also the name detector's gate (`JointGate`).
    static func joint(valueGuard: String = "", valueOpen v: String = "(") -> String {
        let quoted = quoted(valueOpen: v)
        // A bare value runs to white space or a quote; a `;`, `,` or closing bracket at its
        // end is the line's punctuation, not the value's, and so is a `;` before the next
        // `Name=` of a connection string (`Password=v;Persist Security Info=true`) and an `&`
        // before the next parameter of a URL's query (`?api_key=v&limit=10`).
        let bareCharacters = #"(?:[^\s"'`;,)\]}&]|[;&](?![A-Za-z_][A-Za-z0-9 _.-]{0,30}+=)(?=[^\s"'`;,)\]}])|[,)\]}](?=[^\s"'`;,)\]}]))"#
        // `notQuoted` is implied by the value's first character; before the value's start mark
        // it keeps a quote that opens a quoted value from counting as where a bare one may
        // start, so `api_key = '` is written at once (`MaskRule.valueStartProbe`).
        let notQuoted = #"(?![\s"'`])"#
        let bare = "\(notQuoted)\(v)\(valueGuard)(?![=>])\(bareCharacters)++)"
        // After `:`, a value may be several words (a YAML passphrase), up to a quote, a
        // comment, a `, ` list separator or the next `name:` (Go's `%+v` and maps print
        // `{User:app Password:v Port:5432}`, `map[password:v region:eu]`).
        let nextName = #"[A-Za-z_][A-Za-z0-9_.-]{0,60}+:(?!//)"#
        let words = "\(notQuoted)\(v)\(valueGuard)\(bareCharacters)++(?:[ \\t]++(?![#;]|\(nextName))\(bareCharacters)++)*+)"
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
        // | AADRefreshToken | Refresh token of the app | v | (a Markdown table row: the first
        // cell of one word after the name's, ended by a bar; judged as random text)
        // The bar is ASCII or a box-drawing one (`│ DB_PASSWORD │ v │` from `doppler secrets`,
        // Python's rich, psql's unicode borders), matched as UTF-8 bytes; a value touching a
        // box-drawing bar is not read (tables pad their cells).
        let bar = #"(?:\||\xE2(?:\x94[\x82\x83]|\x95\x91))"#
        let tableRow = #"\#(closing)[ \t]*+\#(bar)(?:[^\r\n]{0,200}?\#(bar)){0,4}?[ \t]*+()\#(v)[^\s|"'`]{10,4096}+)(?=[ \t]*+\#(bar))"#
        let quotedOnly = [
            // password: str = "v" (a type annotation between name and value)
            #"\#(closing)[ \t]*+:[ \t]*+[A-Za-z_][A-Za-z0-9_.\[\]|]{0,40}+[ \t]*+=[ \t]*+"#,
            // var token string = "v" (Go: the type after the name; named, so that `token ghp_…`
            // is not held back as a possible type)
            #"[ \t]++(?:string|\[\]byte)[ \t]*+=[ \t]*+"#,
            // secret("v"), secret.assign("v", 17): a constructor or setter given the value
            #"\#(closing)[ \t]*+\([ \t]*+"#,
            // api_token: Some("v"), secret_key=SecretStr('v') (a Rust Debug or pydantic repr: a wrapper around the value)
            #"\#(closing)[ \t]*+[:=][ \t]*+(?:Some|Secret(?:Str|String|Box)?)\([ \t]*+"#,
            // ["password"]=>⏎  string(12) "v" (PHP's var_dump)
            #"\#(closing)[ \t]*+=>\r?\n?[ \t]*+string\([0-9]{1,6}+\)[ \t]*+"#,
            // password "v"; (a directive or a call without parentheses), pass 'v' (judged as random text)
            #"\#(closing)[ \t]++(?=["'])"#,
            // token - 'v' (a dash between a name and its quoted value, as in notes and logs)
            #"\#(closing)[ \t]++-[ \t]++"#,
            // ACCOUNT_KEY⏎    = "v" (an assignment continued on the next line, as Java and C# wrap them)
            #"\#(closing)[ \t]*+\r?\n[ \t]*+(?::=|=)[ \t]*+"#,
            // func getServiceToken() string { return "v" } (a getter returning a literal)
            #"\#(closing)[ \t]*+\(\)[^{}\r\n]{0,24}+\{[ \t]*+(?:\r?\n[ \t]*+)?return[ \t]++"#,
            // AccountKey{⏎    "v"} (C++ brace initialisation, Go composite literals)
            #"\#(closing)[ \t]*+\{[ \t]*+(?:\r?\n[ \t]*+)?"#,
            // {"name": "KEY", "value": "v"} (ECS, CloudFormation)
            #""[ \t]*+,\s*+"(?i:value)"[ \t]*+:[ \t]*+"#,
            // <add key="DbPassword" value="v"/> (.NET appSettings, Java properties as XML)
            #""[ \t]++(?i:value)[ \t]*+=[ \t]*+"#,
            // setProperty("KEY", "v"), "key", "v", assert.equal(parsed['AccountKey'], 'v')
            #"\\?["']\]?[ \t]*+,[ \t]*+"#,
        ]
        let severalWords = [
            // "storageAccountKey": {⏎  "value": "v" (ARM template parameters, commented out
            // too; before `key: v`, which would take the brace)
            #"\#(closing)[ \t]*+:[ \t]*+\{[ \t]*+\r?\n[ \t]*+(?://|#)?[ \t]*+["']?value["']?[ \t]*+:[ \t]*+"#,
            // key: v, "key": "v", Header: v
            #"\#(closing)[ \t]*+:(?![:/=])[ \t]*+"#,
            // - name: KEY / value: v (Kubernetes env lists)
            #"["']?[ \t]*+\r?\n[ \t]*+(?:-[ \t]++)?value[ \t]*+:[ \t]*+"#,
        ]
        let syntaxes = [
            "(?:\(assigned.joined(separator: "|")))()(?|\(quoted)|\(bare))",
            "(?:\(quotedOnly.joined(separator: "|")))()\(quoted)",
            // key: |  (YAML block scalar: the indented lines that follow)
            #"\#(closing)[ \t]*+:[ \t]*+[|>][-+0-9]{0,2}+[ \t]*+\r?\n(?:[ \t]*+\r?\n)*+([ \t]++)\#(v)\S[^\r\n]*+(?:\r?\n\g{-2}[^\r\n]++)*+)"#,
            // key =  (INI and ConfigParser: the value on the indented lines that follow)
            #"\#(closing)[ \t]*+=[ \t]*+\r?\n([ \t]++)\#(v)[^\s#;][^\r\n]*+(?:\r?\n(?:[ \t]*+\r?\n)?\g{-2}(?![#;])[^\r\n]++)*+)"#,
            "(?:\(severalWords.joined(separator: "|")))()(?|\(quoted)|\(words))",
            // <key>v</key>, and the value alone on the lines between the tags (a session token is long)
            #"()>\#(v)[^<\r\n]{1,4096}+)</"#,
            #"()>[ \t]*+\r?\n[ \t]*+\#(v)[^<\s][^<\r\n]{0,4095}?)[ \t]*+\r?\n[ \t]*+</"#,
            tableRow,
            // ## Save pass:⏎⏎    v (a heading or label, then the value alone on a later line;
            // judged as random text)
            #"\#(closing)[ \t]*+:[ \t]*+\r?\n(?:[ \t]*+\r?\n){0,2}+[ \t]*+()\#(v)[^\s"'`<>|#]{10,4096}+)[ \t]*+(?=\r?\n|$)"#,
            // key    v  (a two-column table such as `vault kv get`: one value, then the line ends)
            #"()[ \t]{2,}+\#(v)\#(valueGuard)[^\s"'`]++)[ \t]*+(?=\r?\n|$)"#,
        ]
        return "(?|\(syntaxes.joined(separator: "|")))"
    }
}
