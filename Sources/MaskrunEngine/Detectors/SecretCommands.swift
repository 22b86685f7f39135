/// The output of a command whose job is to print a secret: `op read op://…`, `vault kv get
/// -field=password …`, `gcloud secrets versions access …`, `kubectl get secret … | base64 -d`,
/// `echo $DB_PASSWORD`. The value comes alone on the line after the command, with nothing
/// around it to recognise it by; the command is seen where the output shows it (a shell's
/// echo of what was typed, a `set -x` trace, a notebook cell). The commands are data
/// (`SecretCommand.commands`), one pattern for them all. A CLI's notices may stand between
/// the command and the value (`heroku auth:token` warns ` ›   Warning: token will expire…`
/// first): lines that open with a notice's mark (`SecretCommand.noticeMarks`) are skipped.
extension BuiltinDetectors {
    static let secretCommandOutput = Detector(
        id: "secret-command-output",
        description: "A value alone on the line after a command that prints a secret (op read, vault kv get -field, gcloud secrets versions access, gh auth token, echo $DB_PASSWORD…)",
        pattern: SecretCommand.pattern,
        group: 1,
        prefilter: Prefilter(keywords: SecretCommand.keywords, caseless: true),
        matchValidator: SecretCommand.isValue,
        marksValueStart: true,
        examples: [
            "$ op read op://Engineering/db/password\n«Yq2hX8Lc5vRt7Kw3»\n$ ",
            "+ vault kv get -field=password secret/ci/db\n«Hx7Rm2Lq9Wz4»\n",
            "$ gcloud secrets versions access latest --secret=db-password\r\n«Gz5Lk9Wp2Xd7Qr4T»\r\n",
            "+ kubectl get secret db -o jsonpath='{.data.password}' | base64 -d\n«Kp4Xz9Lq2Wm7Rt8Y»\n",
            "$ gh auth token\n«gh-cli-Wq4zRt8nYp2xKc6v»\n", "+ heroku auth:token\n«5f3a9b2c-7d1e-4f6a-8b9c-0d2e3f4a5b6c»\n",
            "+ terraform output -raw db_password\n«c0rr3ct-h0rs3-b4tt3ry»\n", "+ echo $API_TOKEN\n«Wq4zRt8nYp2xKc6v»\n",
            "$ echo \"${DB_PASSWORD}\"\n«hunter2»\n", "+ printenv GITHUB_TOKEN\n«Lm3Kq8Zx5Rt2Wp9V»\n",
            "+ openssl rand -hex 16\n«9f86d081884c7d659a2feaa0c55ad015»\n", "+ cat /run/secrets/db_password\n«Tr0ub4dor&3»\n",
            "$ security find-generic-password -s deploy -w\n«Zx8Cv7Bn6Mq1»\n",
            "$ heroku auth:token\n \u{203A}   Warning: token will expire 03/04/2027\n \u{203A}   Use heroku authorizations:create for a long-lived token\n«8c1e5d7a-2b4f-4a9e-b3c6-1f0d9e8a7b65»\n",
            "$ argocd admin initial-password -n argocd\n«Wd3Lp8Zq5Xk2Rv7N»\n\n This password must be only used for first time login.\n",
            "$ kubeadm token create\n«q4m8zt.7wx2lk9rb3vn6pc5»\n", "$ chamber read prod db_password -q\n«Ch3Lw7Xk5Rm9»\n",
            "$ vault kv get -format=json secret/ci | jq -r .data.data.password\n«Jq5Lw8Xk2Rm7»\n",
            "$ kubectl get secret db -o json | jq -r '.data.apiToken' | base64 -d\n«Kb7Wq2Lx9Rm4»\n", "$ wg genkey\n«gH2vQ8xLz5Rk9Wt3Nb7Mc1Pd4Jf6Ys0Ka8Tq2Lx5Vw=»\n",
        ],
        counterexamples: [
            "$ op read op://Engineering/db/password\n[ERROR] 2026/12/02 10:00:00 could not read secret\n",
            "+ vault kv get -field=password secret/ci/db\nNo value found at secret/data/ci/db\n",
            "$ kubectl get secret db -o json\n{\n", "+ echo $API_TOKEN\n\n", "+ echo $TOKEN_COUNT\n4096\n",
            "+ echo $PATH\n/usr/local/bin:/usr/bin\n", "+ cat /run/secrets/db_password\ncat: /run/secrets/db_password: No such file or directory\n",
            "$ gh auth token\nno oauth token found for github.com\n", "+ echo $DB_PASSWORD_FILE\n/run/secrets/db\n",
            "+ echo $API_TOKEN\n${API_TOKEN}\n",
            "$ heroku auth:token\n \u{203A}   Error: not logged in\n$ ls\n", "$ heroku auth:token\nWarning: the token expires soon\n\n",
            "$ jq -r .items[].metadata.name pods.json\nweb-7d9f8b6c5-x2k4p\n", "$ jq -r .token_type resp.json\nBearer\n",
        ])
}

enum SecretCommand {
    /// A name holding a secret, as an environment variable's name: `DB_PASSWORD`, `apiToken`.
    private static let secretName = #"[A-Za-z0-9_]*?(?i:pass(?:word|wd|phrase)?|pwd|secret|token|api_?key|private_?key|credentials?)(?![A-Za-z0-9_]*?_(?i:file|path|url|dir|count|len|ttl|name|id|type|expiry|expires)\b)[A-Za-z0-9_]*+"#
    /// A path whose file name says it holds a secret: `/run/secrets/db`, `~/.vault-token`, `api.key`.
    private static let secretPath = #"[^\s|;&]*?(?i:secret|passw|token|\.key\b|credential)[^\s|;&]*+"#

    /// Commands that print a secret and nothing else: the command's words as written (the
    /// prefilter's keyword, where a try starts), then what else must follow on its line.
    static let commands: [(words: String, rest: String)] = [
        ("op read ", ""),
        ("vault kv get ", #"[^\r\n]*?-field[= ]"#),
        ("vault read ", #"[^\r\n]*?-field[= ]"#),
        ("gcloud secrets versions access ", ""),
        ("aws secretsmanager get-secret-value ", #"[^\r\n]*?--output[ =]text"#),
        ("az keyvault secret show ", #"[^\r\n]*?(?:-o|--output)[ =]tsv"#),
        ("kubectl get secret", #"[^\r\n]*?\|[ \t]*+base64[ \t]++(?:-d|-D|--decode)\b"#),
        ("gh auth token", #"\b"#),
        ("heroku auth:token", #"\b"#),
        ("argocd admin initial-password", #"\b"#),
        ("kubeadm token create", #"\b"#),
        ("kubeadm token generate", #"\b"#),
        ("k3s token create", #"\b"#),
        ("wg genkey", #"\b"#),
        ("wg genpsk", #"\b"#),
        ("chamber read ", #"[^\r\n]*?(?:-q|--quiet)\b"#),
        // `… | jq -r .data.data.password`: a raw string picked by a secret-bearing key.
        ("jq -r ", #"[^\r\n|]*?\.["']?\#(secretName)["']?(?![A-Za-z0-9_.\[])"#),
        ("jq --raw-output ", #"[^\r\n|]*?\.["']?\#(secretName)["']?(?![A-Za-z0-9_.\[])"#),
        ("terraform output -raw ", ""),
        ("tofu output -raw ", ""),
        ("ecr get-login-password", #"\b"#),
        ("security find-generic-password ", #"[^\r\n]*?-w\b"#),
        ("security find-internet-password ", #"[^\r\n]*?-w\b"#),
        ("pass show ", ""),
        ("bw get password ", ""),
        ("doppler secrets get ", #"[^\r\n]*?--plain\b"#),
        ("openssl rand ", #"(?:-hex|-base64)[ \t]"#),
        ("echo ", #"(?:-[neE][ \t]++)?+["']?\$\{?\#(secretName)\}?["']?"#),
        ("printenv ", secretName),
        ("cat ", secretPath),
    ]

    static var keywords: [String] { commands.map(\.words) }

    /// How a CLI's notice line opens, between a command and its value: heroku's `›` (U+203A,
    /// as UTF-8 bytes), or a warning or notice label. Not an error (`› Error: not logged in`):
    /// the command printed no value, and the next line is someone else's.
    static let noticeMarks = #"(?:\xE2\x80\xBA(?![ \t]*+(?i:error|fatal))|(?i:warning|warn|notice|note)\b)"#

    /// The command anywhere on its line (after a prompt, `+ `, `sudo`), the rest of that
    /// line, then the next line holding one value and nothing else.
    static var pattern: String {
        let command = "(?<![A-Za-z0-9_-])(?:" + commands.map { Detector.escape($0.words) + $0.rest }.joined(separator: "|") + ")"
        let notices = #"(?:[ \t]*+\#(noticeMarks)[^\r\n]{0,300}+\r?\n){0,4}+"#
        return command + #"[^\r\n]{0,300}+\r?\n"# + notices + #"[ \t]*+"# + Detector.valueStartMark + #"([^\s"'`]++)[ \t]*+(?=\r?\n|$)"#
    }

    /// The line after the command is its output; it is the secret unless it is empty of
    /// letters and digits, a number, the start of a document (`{`), or a reference or stand-in.
    static let isValue: MaskRule.MatchValidator = { _, value, mayGrow in
        if mayGrow { return true }  // still arriving: no half of it shown
        guard value.count >= 4, let first = value.first, !"{[<(".utf8.contains(first) else { return false }
        if value.allSatisfy(ValueShape.isDigit) { return false }
        if value.last == UInt8(ascii: ":") { return false }  // `Error:`, a label
        return !ValueShape.isStandIn(value)
    }
}
