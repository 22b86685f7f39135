/// Secrets that programs announce in their messages: a secret word, a short connecting
/// phrase in the same clause, then the value ("A temporary password is generated for
/// root@localhost: v", "admin password reset to v", "the password for user 'x' is v",
/// "PASSWORD kibana_system = v", "token v"), or a line announcing a new credential and the
/// value alone on the next line ("Password for the elastic user (…):⏎  v", "… successfully
/// reset.⏎New value: v"). The phrases are data (`Announcement`), one pattern for them all,
/// anchored on the secret words the prefilter already finds.
extension BuiltinDetectors {
    static let secretInProse = Detector(
        id: "secret-in-prose",
        description: "A password, secret or token stated in a message: the password is v, password reset to v, generated for user@host: v, a value on the line after",
        pattern: Announcement.pattern,
        group: 1,
        prefilter: Prefilter(keywords: Announcement.keywords, caseless: true),
        matchValidator: SecretNames.valueInProse,
        marksValueStart: true,
        examples: [
            #"echo "The admin password is '«Qz7-mango»'""#, #"Note: the default passphrase is "«violet kettle»" until changed."#,
            "the password for user 'deploy' is '«tulip44»'.", #"The wifi password for the lab is "«pelican»""#,
            "Temporary password is «Wn8#kq2Lz», change it at first login.", "the secret was «Rk4Tz9Lm2Qx7» all along",
            // a connecting phrase between the word and the value
            "2026-01-04T09:12:44.518Z 6 [Note] [MY-010454] [Server] A temporary password is generated for root@localhost: «q;7Wd/Kp#3Rx»",
            "Your new password is: «Jw4Rt8Lm2Zq6»", "root password set to «Pb7Xc2Nv9Kd4»", "Grafana admin password reset to «Ft3Hs8Wq1Lm6»",
            "The generated password for the elastic built-in superuser is : «Kd8Wn2-Rq5Tz7Lm3Xv9»",
            #"Setting password of user "deploy" to «Hr6Qm2Lx8Vz4»"#, "DEPLOY_PASSWORD is «Nc5Tw9Jk3Rp7»",
            "Password for user 'admin': «Zt2Kq7Wm4Xr9»", "PASSWORD logstash_system = «Qd4Lx8Nw2Kz6Tr9V»",
            "secret rotated, token «Wm3Kz8Tq5Rx2Ln7» issued", "passphrase «Vb6Lq2Xm9Tk4Zr8» accepted",
        ],
        counterexamples: [
            "the password is incorrect", "your password is too short", "The token is expired.", "the password is required",
            "the secret is out", "the password is 8 characters long", #"the password is "changeme" by default"#, "PWD is now exported",
            "the token is valid for 3600 seconds", "password is ${DB_PASSWORD}", "the token is 'abc'",
            "password reset email sent to bob@example.com", "token expired at 12:00", "Password must be at least 8 characters",
            "secret is not set", "token is valid", "the key is: press Enter", "password changed to meet the policy",
            "[sudo] password for runner: Sorry, try again.",
            "root@localhost is created with an empty password ! Please consider switching off the --initialize-insecure option.",
            "unexpected token 'function' at line 3", "Password: You didn't opt-in to print initial root password to STDOUT.",
            "    if not token:\n        raise ValueError(\"no token\")", "token count 4096", "HTTP CA certificate SHA-256 fingerprint:\n  4f1c2a9b8e7d6c5f\n",
            "secrets:\n  docker_registry_credentials\n",
        ])
}

extension BuiltinDetectors {
    /// The value on the line after its announcement. Off by default: reading the rest of each
    /// line after a secret word costs the default policy a third more instructions on prose-heavy
    /// logs (`bench/instructions.sh`), so `builtin: all` turns it on.
    static let secretAnnouncedNextLine = Detector(
        id: "secret-announced-next-line",
        description: "A password, secret or token announced on one line and printed alone, or as New value: v, on the next",
        confidence: .medium,
        pattern: Announcement.word + Announcement.nextLine + Announcement.lineValue,
        group: 1,
        prefilter: Prefilter(keywords: Announcement.keywords, caseless: true),
        matchValidator: SecretNames.valueInProse,
        marksValueStart: true,
        examples: [
            "Password for the elastic user (reset with `bin/elasticsearch-reset-password -u elastic`):\n  «Lq8-Vx3Rk7Zm2Wt9Nb4»\n",
            "Password for the [kibana_system] user successfully reset.\nNew value: «Tz4Wq9Lm2Xk7Rv5B»\n",
            "New password for default administrator (user-b7x2q):\n«Hm5Rt9Kw2Lz8Qx3V»\n",
            "Copy the following enrollment token and paste it into Kibana (valid for the next 30 minutes):\n  «eyJ2ZXIiOiI4LjEyLjAiLCJrZXkiOiJRejdMbTJXcTlYIn0=»\n",
        ],
        counterexamples: [
            "Password for the [elastic] user successfully reset.\nThe new value is printed below.",
            "Your password must contain:\n  - 8 characters or more\n", "token expires at:\n2026-12-02T05:30:01Z\n",
            "    if not token:\n        raise ValueError(\"no token\")", "HTTP CA certificate SHA-256 fingerprint:\n  4f1c2a9b8e7d6c5f\n",
            "secrets:\n  docker_registry_credentials\n",
        ])
}

/// The phrases of `secret-in-prose`, as data: how a message connects a secret word to the
/// value it announces.
enum Announcement {
    /// The secret words (the prefilter's keywords), as a word of their own or the last part
    /// of a name (`DEPLOY_PASSWORD`).
    static let word = #"(?<![A-Za-z0-9.-])(?i:pass(?:word|phrase|code)|passwd|pwd|secret(?:[ _-]?key)?|token|api[ _-]?key)s?(?![A-Za-z0-9_])"#
    /// The prefilter's keywords: the words' literal beginnings. `api key` only with its glue:
    /// a bare `api` is in every URL.
    static let keywords = ["passw", "passphrase", "passcode", "pwd", "secret", "token", "api key", "api_key", "api-key", "apikey"]

    /// Verbs that state a value: "the password is v", "has been: v".
    static let copulas = ["is", "was", "are", "is now", "is still", "has been", "will be", "remains"]
    /// Verbs of a change, before "to": "reset to v", "has been changed to v", "set to v".
    static let changes = ["set", "reset", "changed", "updated", "rotated", "regenerated", "initialized", "initialised"]
    /// Verbs of a making, before "for OWNER:": "is generated for root@localhost: v".
    static let makings = ["generated", "created", "assigned", "issued", "set"]
    /// Prepositions before whose credential it is: "for user 'x'", "of user "app"", "for the [elastic] user".
    static let owners = ["for", "of"]
    /// Adverbs between a making and its colon: "token created successfully: v".
    static let adverbs = ["successfully", "automatically", "randomly"]
    /// Labels of a value on the line after its announcement: "New value: v".
    static let nextLineLabels = ["new value", "value", "new password", "generated password"]

    static func alternatives(_ phrases: [String]) -> String {
        "(?i:" + phrases.sorted { $0.count > $1.count }.map { $0.replacingOccurrences(of: " ", with: #"[ \t]++"#) }.joined(separator: "|") + ")"
    }

    /// Whose credential: a few words, a quoted name, `root@localhost`, `[elastic]`; not a clause's end.
    static let owner = #"(?:[^\r\n"'.;:=]|\.(?=[^\s.])|"[^"\r\n]{1,40}+"|'[^'\r\n]{1,40}+'){1,60}?"#

    /// The value on the same line: quoted, or one word before the clause's punctuation.
    static let value = #"(?|"(?C1)([^"\r\n]{1,128}+)"|'(?C1)([^'\r\n]{1,128}+)'|(?C1)([^\s"'`]{4,128}?)(?=[.,;:!?)]?(?:\s|$)))"#
    /// The value alone on its line (after a lead-in line ending with `:`, or a label). Its
    /// length is the validator's to judge: a value's first bytes at an idle flush must match.
    static let lineValue = #"(?C1)([^\s"'`]{1,4096}+)[ \t]*+(?=\r?\n|$)"#

    static var pattern: String {
        let copula = alternatives(copulas), change = alternatives(changes), making = alternatives(makings)
        let of = #"[ \t]++"# + alternatives(owners) + #"[ \t]++"# + owner
        let sameLine = [
            // password is generated for root@localhost: v
            #"(?:[ \t]++\#(copula))?[ \t]++\#(making)[ \t]++(?i:for)[ \t]++\#(owner)[ \t]*+:[ \t]++"#,
            // API key created: v, token generated successfully: v
            #"(?:[ \t]++\#(copula))?[ \t]++\#(making)(?:[ \t]++\#(alternatives(adverbs)))?[ \t]*+:[ \t]++"#,
            // password (for user x) (has been) (reset) to v
            #"(?:\#(of))?(?:[ \t]++\#(copula))?[ \t]++(?:\#(change)[ \t]++)?(?i:to)(?:[ \t]*+:)?[ \t]++"#,
            // password for user 'admin': v
            #"\#(of)[ \t]*+[:=][ \t]++"#,
            // the password (for user x) is (:) v
            #"(?:\#(of))?[ \t]++\#(copula)(?:[ \t]*+:)?[ \t]++"#,
            // PASSWORD kibana_system = v
            #"[ \t]++[A-Za-z0-9_.@-]{1,40}+[ \t]*+=[ \t]*+"#,
            // token v (judged as random text: ten bytes or more, so the value cannot start at
            // a short word, and the stream writes "password for …" while its line is still coming)
            #"[ \t]++(?![^\s"'`]{0,9}+[\s"'`])(?=[A-Za-z0-9])"#,
        ]
        return word + "(?:" + sameLine.joined(separator: "|") + ")" + value
    }

    /// A lead-in line's rest and the next line up to its value (`secret-announced-next-line`),
    /// read once, possessively: the line ended with `:` (Password for the elastic user (…):⏎  v),
    /// or the next line starts with a label (… successfully reset.⏎New value: v).
    static var nextLine: String {
        // A log prefix on the value's line too (`es01-1  | `, Docker Compose's).
        let prefix = #"[ \t]*+(?:[\w.-]{1,40}+[ \t]*+\|[ \t]*+)?"#
        return #"[^\r\n]{0,160}+(?:(?<=:|:[ \t])\r?\n(?:\#(prefix)\r?\n)?\#(prefix)"#
            + #"|\r?\n\#(prefix)\#(alternatives(nextLineLabels))[ \t]*+:[ \t]*+)"#
    }
}

extension SecretNames {
    /// The match validator of `secret-in-prose`. After a connecting phrase (`is`, `reset to`,
    /// `for user x:`), a quoted value has its word's shape and a bare one must also hold
    /// letters and digits ("the password is incorrect", "PWD is now auto-exported", roff's
    /// "is valid\&." stay). Without one (`token v`, `PASSWORD name = v`, the value on the next
    /// line) the value must look generated (`RandomToken`).
    static let valueInProse: MaskRule.MatchValidator = { match, value, mayGrow in
        let before = match[match.startIndex..<value.startIndex]
        // Judged only where needed, cheapest test first: the bare form (`token v`) matches
        // ordinary prose on every line that has a secret word and a long word after it.
        func loose() -> Bool {
            let shape = shape(ofName: before)
            let opening = value.startIndex > match.startIndex ? match[value.startIndex - 1] : 0
            if opening == UInt8(ascii: "\"") || opening == UInt8(ascii: "'") { return shape.accepts(value, mayGrow: mayGrow, phrase: true) }
            let hasLetter = value.contains(where: Validators.isLetter)
            let hasDigit = value.contains(where: ValueShape.isDigit)
            return hasLetter && hasDigit && !ValueShape.isVersioned(value) && shape.accepts(value, mayGrow: mayGrow)
        }
        if announcesWithPhrase(before) { return loose() }
        // `token ghp_R2d9Xc8L`: a provider's prefix with a body its format refuses (its own
        // detector would have masked a real one) is a sample, not a generated value.
        func isSample() -> Bool { BuiltinDetectors.catalogueTokenPrefixBytes.contains { value.starts(with: $0) } }
        // Still arriving at an idle flush: judged as after a phrase, so no half of it is shown.
        if RandomToken.looksRandom(value) { return !isSample() }
        return mayGrow && !isSample() && loose()
    }

    /// Whether the text between a secret word and its value connects them with words of a
    /// phrase (`is`, `to`, `for user x:`) on one line, rather than nothing, an `=` after
    /// another name, or a line break.
    static func announcesWithPhrase(_ before: ArraySlice<UInt8>) -> Bool {
        if before.contains(UInt8(ascii: "\n")) { return false }
        var lead = before
        while let last = lead.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") || last == UInt8(ascii: "\"") || last == UInt8(ascii: "'") {
            lead = lead.dropLast()
        }
        let words = lead.split { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        // `PASSWORD kibana_system = v`: another name's assignment, unless it says whose (`for user x =`).
        if lead.last == UInt8(ascii: "=") {
            return words.count >= 3 && ["for", "of"].contains { words[1].map(fold).elementsEqual($0.utf8) }
        }
        // `token `, `secret key `, `API keys `: the word alone.
        if words.count == 1 { return false }
        let first = String(decoding: words[0].map(fold), as: UTF8.self), second = String(decoding: words[1].map(fold), as: UTF8.self)
        return !(words.count == 2 && (first == "secret" || first == "api") && (second == "key" || second == "keys"))
    }
}
