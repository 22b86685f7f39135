/// Values whose secret-bearing name is an XML element's content or a name attribute, not a
/// key before a joint: `<key>password</key><string>v</string>` (Apple property lists),
/// `<name>fs.s3a.secret.key</name><value>v</value>` (Hadoop configuration),
/// `<entry><key>db.password</key><value>v</value></entry>`, `<string name="api_key">v</string>`
/// (Android resources), `<entry key="password">v</entry>` (Java properties as XML). The name
/// pattern is `laterName`'s (a pattern of its own: the name detector's is near PCRE2's size
/// limit), and the value is judged by its name as the name detector judges it.
extension BuiltinDetectors {
    /// Elements whose `name=` or `key=` attribute names their content.
    static let namedElements = ["string", "entry", "item", "param", "parameter", "property", "setting", "env", "var", "variable"]

    static let secretEntry = Detector(
        id: "secret-entry",
        description: "XML entries named by a secret-bearing name: <key>password</key><string>v</string>, <name>…</name><value>v</value>, <string name=\"api_key\">v</string>",
        pattern: #"(?|(?i:<(?:key|name)>)[ \t]*+"# + laterName + #"[ \t]*+(?i:</(?:key|name)>)\s{0,200}+(?i:<(?:string|value|data))(?:[ \t][^<>\r\n]{0,100}+)?>[ \t]*+([^<\s][^<\r\n]{0,4095}?)[ \t]*+</"#
            + #"|(?i:<(?:"# + namedElements.joined(separator: "|") + #"))[ \t][^<>\r\n]{0,200}?(?<![A-Za-z0-9_.-])(?i:name|key)[ \t]*+=[ \t]*+["']"#
            + laterName + #"["'][^<>\r\n]{0,200}?(?<!/)>[ \t]*+([^<\s][^<\r\n]{0,4095}?)[ \t]*+</)"#,
        group: 1,
        prefilter: Prefilter(keywords: ["<key>", "<name>"] + namedElements.flatMap { ["<\($0) ", "<\($0)\t"] }, caseless: true),
        matchValidator: SecretNames.valueOfEntry,
        examples: [
            "<key>ApiToken</key>\n<string>«Wq7Lz3Kx9Rb2Tm5V»</string>",
            "  <property>\n    <name>fs.s3a.secret.key</name>\n    <value>«Hn6Tq2Wz8Lx4Rv0Bk5Pm9Yd3Cf7Gj1Sa»</value>\n  </property>",
            "<entry>\n  <key>smtp.password</key>\n  <value>«Lx4-Rv0Bk5»</value>\n</entry>",
            #"<string name="maps_api_key">«Zp3Vn8Qw2Lk7Xr5Tb9Hm»</string>"#,
            #"<entry key="db.password">«kT9#mW2q»</entry>"#,
        ],
        counterexamples: [
            "<key>CFBundleName</key>\n<string>Notes</string>", "<key>smtp_password</key>\n<string>${SMTP_PASSWORD}</string>",
            "<name>hadoop.security.credential.provider.path</name>\n<value>jceks://hdfs/user/creds.jceks</value>",
            #"<string name="password_hint">Enter your password</string>"#, #"<string name="token_label">Token</string>"#,
            #"<entry key="password.required">true</entry>"#, #"<item key="ConnectionString1">"#,
            "<key>PublicKey</key>\n<data>MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A</data>",
        ])
}

extension BuiltinDetectors {
    /// `ENV NAME value` (a Dockerfile's legacy form, echoed by `docker build` as `Step 3/9 :
    /// ENV …`): the name then one space and the value, which `secret-field` reads only after
    /// a joint or two spaces.
    static let dockerfileEnv = Detector(
        id: "dockerfile-env-secret",
        description: "A Dockerfile ENV or ARG instruction's value in the space-separated form: ENV DB_PASSWORD v",
        pattern: #"(?<![A-Za-z0-9_-])(?:ENV|ARG)[ \t]++"# + laterName + #"[ \t]++(?!["'=])([^\s"'`]++)(?=[ \t]*+(?:\r?\n|$))"#,
        group: 1,
        prefilter: Prefilter(keywords: ["ENV ", "ARG ", "ENV\t", "ARG\t", "env ", "arg "]),
        matchValidator: { match, value, mayGrow in
            // The name starts after the instruction and its blanks; judged as `secret-field` judges it.
            let afterInstruction = match.dropFirst(3).drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            return SecretNames.valueFitsName(afterInstruction, value, mayGrow)
        },
        examples: ["Step 4/9 : ENV CI_RUNNER_TOKEN «Vq8Lz3Kx7Rb2Tm5W»", "ENV PGPASSWORD «Kx9-Wq3Lz6»\nRUN make"],
        counterexamples: ["ENV CI_RUNNER_TOKEN {{ CI_RUNNER_TOKEN }}", "ENV API_KEY $API_KEY", "ENV TOKEN_URL https://auth.example.com/token",
                          "ARG PASSWORD_FILE /run/secrets/db"])
}

extension SecretNames {
    /// The match validator of `secret-entry`: the name is the element's content (`<key>…</key>`)
    /// or the quoted attribute value before the entry's content, and the value has its shape.
    static let valueOfEntry: MaskRule.MatchValidator = { match, value, mayGrow in
        let head = Array(match[match.startIndex..<value.startIndex])
        guard let close = head.firstIndex(of: UInt8(ascii: ">")) else { return false }
        let nameRegion: ArraySlice<UInt8>
        if !head[..<close].contains(UInt8(ascii: "=")) {
            // `<key>NAME</key>`: the first element's content.
            nameRegion = head[(close + 1)...].prefix { $0 != UInt8(ascii: "<") }
        } else {
            // `<string name="NAME">`: the quoted value of the `name=` or `key=` attribute.
            nameRegion = namingAttribute(head[..<close]) ?? []
        }
        let name = nameRegion.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard let offset = firstWordOffset(name) else { return false }
        let fromWord = name[(name.startIndex + offset)...]
        var parts = nameParts(fromWord)
        if parts.suffix(2) == ["secret", "id"] { parts.removeLast() }
        if parts.contains(where: notSecretParts.contains) { return false }
        // `<key>password</key><string>password</string>`: the name repeated is a stand-in.
        if Array(value.map(fold)) == Array(name.prefix { Validators.isWord($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }.map(fold)) {
            return false
        }
        // Not a phrase: an entry's content is as often a label (`<string name="token_title">Access
        // token</string>`); a password's shape allows a few words anyway.
        return shape(ofName: fromWord).accepts(value, mayGrow: mayGrow, phrase: false)
    }

    /// The quoted value of a tag's `name=` or `key=` attribute (`<string name="api_key"`).
    static func namingAttribute(_ tag: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        var index = tag.startIndex
        while let equals = tag[index...].firstIndex(of: UInt8(ascii: "=")) {
            let attribute = tag[..<equals].reversed().drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
                .prefix { Validators.isWord($0) || $0 == UInt8(ascii: "-") }.reversed().map(fold)
            let rest = tag[(equals + 1)...].drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            if let quote = rest.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                let inner = rest.dropFirst().prefix { $0 != quote }
                if attribute == Array("name".utf8) || attribute == Array("key".utf8) { return inner }
                index = inner.endIndex < tag.endIndex ? inner.endIndex : tag.endIndex
                if index >= tag.endIndex { return nil }
            } else {
                index = equals + 1
            }
        }
        return nil
    }
}
