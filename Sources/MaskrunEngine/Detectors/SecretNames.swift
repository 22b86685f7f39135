/// The vocabulary of secret-bearing names, as data: the words that make a name carry a
/// secret, in any case style and glue (`db_password`, `dbPassword`, `DB-PASSWORD`,
/// `PGPASSWORD`, `GITHUBTOKEN`, `adafruit_api_key`, `duo_skey`), what each word's value must
/// look like, and the name parts that say a value is about a secret rather than the secret
/// (`token_type`, `password_file`, `credentialsId`, `public_key`, `next_page_token`).
enum SecretNames {
    /// One secret-bearing word: a pattern (matched without case, where the match starts),
    /// its literal beginnings for the prefilter, and the shape its values must have.
    struct Word {
        let pattern: String
        let keywords: [String]
        let shape: ValueShape
    }

    /// A short word counts only at a name-part boundary: not after a lower-case letter
    /// unless it starts a camelCase part ("compass" no, "dbPass" and "SMTP_PASS" yes).
    static func bounded(_ word: String) -> String {
        let capitalised = word.prefix(1).uppercased() + word.dropFirst()
        return "(?-i:(?<![A-Za-z])(?i:\(word))|(?<=[a-z])\(capitalised)|(?<=[A-Z])\(word.uppercased()))"
    }

    static let words: [Word] = [
        Word(pattern: "passw(?:or)?d|passphrase|passcode", keywords: ["passw", "passphrase", "passcode"], shape: .password),
        Word(pattern: "pwd", keywords: ["pwd"], shape: .password),
        // `dbpass`, `rootpass`: glued in lower case after a word that says whose password.
        Word(pattern: "(?:" + bounded("pass") + "|(?<=db|admin|root|user|smtp|mail|redis|mysql|ldap|ftp|sql|vnc|wifi)pass)(?![a-z])", keywords: ["pass"], shape: .password),
        Word(pattern: bounded("pw") + "(?![a-z])", keywords: "=:_-.\"' \t]".map { "pw\($0)" }, shape: .password),
        Word(pattern: "secret", keywords: ["secret"], shape: .secret),
        Word(pattern: "token", keywords: ["token"], shape: .secret),
        Word(pattern: "api[_.-]?key", keywords: ["api"], shape: .secret),
        Word(pattern: "access[_.-]?key", keywords: ["access"], shape: .secret),
        Word(pattern: "private[_.-]?key", keywords: ["private"], shape: .secret),
        // Not a SigV4 URL's `X-Amz-Credential`: the access key id and its scope
        // (`AKIA…/20261202/eu-west-1/s3/aws4_request`), public beside the signature; read as a
        // password it hid the rest of the URL. The key id and the signature have detectors.
        Word(pattern: "(?<!amz-)" + bounded("cred") + "(?:entials?|s)?(?![a-z])", keywords: ["cred"], shape: .secret),
        Word(pattern: bounded("auth") + "(?:[_.-]?(?:key|code|string))?(?![a-z])", keywords: ["auth"], shape: .secret),
        Word(pattern: "keys?(?![a-z])", keywords: ["key"], shape: .key),
        Word(pattern: bounded("salt") + "(?![a-z])", keywords: ["salt"], shape: .key),
        Word(pattern: bounded("seed") + "(?![a-z])", keywords: ["seed"], shape: .key),
        Word(pattern: bounded("sig") + "(?:nature)?(?![a-z])", keywords: ["sig"], shape: .key),
        Word(pattern: "hmac", keywords: ["hmac"], shape: .key),
        // A Kubernetes registry Secret's data key (`.dockerconfigjson: eyJhdXRocyI6…`).
        Word(pattern: "dockerc(?:onfigjson|fg)", keywords: ["dockerc"], shape: .secret),
        // A session id or token is a bearer credential (`session: <AWS session token>`). Its
        // keywords carry the joint: "session" alone is common in prose and logs.
        Word(pattern: bounded("session") + "(?![a-z])", keywords: ["session:", "session=", "session>", "session\"", "session'"], shape: .key),
    ]

    /// Name parts before a word that make it about something public or not a credential.
    static let notSecretBefore = [
        "public", "pub", "primary", "foreign", "sort", "partition", "cache", "idempotency", "routing",
        "next", "page", "continuation", "cursor", "max", "min", "num", "total", "input", "output",
        "completion", "prompt", "cancellation", "csrf", "xsrf", "authenticity", "sync", "request", "dedupe", "lookup",
        "bucket", "hot", "idx", "natural", "schema", "sequence", "object", "composite", "unique",
        // a flag's name: Azure Pipelines' `;issecret=true]v`, `isPassword: true`
        "is",
    ]

    /// Name parts that say a value is about a secret, not the secret: token_type,
    /// password_file, secret_name, api_key_header, credentialsId, secretKeyRef, token_expires_at…
    static let notSecretParts: Set<String> = [
        "type", "types", "plugin", "plugins", "count", "ttl", "url", "uri", "urls", "endpoint", "path", "file", "dir", "name", "names",
        "length", "len", "size", "expires", "expiry", "expiration", "required", "enabled", "disabled", "limit",
        "lifetime", "policy", "format", "version", "prompt", "reset", "header", "strength", "changed", "created",
        "updated", "rotated", "rotation", "usage", "used", "manager", "store", "backend", "provider", "engine",
        "mount", "ref", "source", "algorithm", "algo", "scheme", "mode", "method", "field", "label", "help",
        "description", "template", "pattern", "min", "max", "id", "ids", "arn", "env", "var", "hint", "regex",
        "status", "valid", "age", "timeout", "prefix", "suffix", "stdin", "command", "cmd", "location", "kind",
        "policies", "rules", "role", "level", "index", "flag", "expire", "expired", "expiresat", "issued", "refreshed",
        "at", "in", "fingerprint", "checksum", "digest", "hint", "placeholder",
        // keyboards and key-value stores: key_down_event, keyPressed, key_alias, keySelector
        "up", "down", "left", "right", "event", "events", "press", "pressed", "alias", "frame", "board",
        "selector", "mesh", "pair", "ring", "storetype", "binding", "bindings", "map", "mapping",
        // types and their parts in source code: TokenError, TokenInfo, HTTPPasswordMgr,
        // InfinitePasswordDelegate, passwordHashVerifier, token_range
        "error", "errors", "exception", "info", "mgr", "delegate", "verifier", "range",
    ]

    /// The bytes of a name after its secret word, at most `nameRest` of them, taken whole
    /// (possessive). The words' own patterns consume only such bytes too (a test checks):
    /// the name detector's gate (`JointGate`) finds a name's end from these two alone.
    static let nameClass = "[A-Za-z0-9_.-]"
    static let nameRest = 40

    /// The regex of a secret-bearing name, starting at one of the words' keywords: the word,
    /// then the rest of the name (whose parts `valueFitsName` checks). Written once per
    /// process: seven rules' patterns hold it, each written at the rule's first candidate.
    static let namePattern: String = {
        // Each excluded part must itself start a name part ("max_tokens", "nextPageToken",
        // not "admin_pwd"). A lookbehind's branch must have one length, so the parts go in
        // groups of one length, three branches each (bare, glued, camelCase): one branch per
        // part and spelling made the pattern 4 KB longer, and its JIT compilation dearer.
        let byLength = Dictionary(grouping: notSecretBefore) { $0.utf8.count }.sorted { $0.key < $1.key }
        let before = byLength.flatMap { _, parts -> [String] in
            let words = parts.joined(separator: "|")
            let capitalised = parts.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "|")
            return ["(?<![A-Za-z0-9])(?i:\(words))", "(?<![A-Za-z0-9])(?i:(?:\(words))[_.-])", "(?<=[a-z])(?:\(capitalised))"]
        }
        let alternatives = words.map(\.pattern).joined(separator: "|")
        // The word is looked for first: most keyword hits ("/api/v1") fail there, cheaply.
        return "(?=(?i:\(alternatives)))(?<!\(before.joined(separator: "|")))(?i:(?:\(alternatives))\(nameClass){0,\(nameRest)}+)"
    }()

    /// The lower-case parts of the name at the start of `text`, split at glue and camelCase.
    static func nameParts(_ text: ArraySlice<UInt8>) -> [String] {
        var parts: [String] = []
        var current: [UInt8] = []
        var previous: UInt8 = 0
        for byte in text {
            let isUpper = (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            let isWordByte = Validators.isWord(byte) && byte != UInt8(ascii: "_")
            if !isWordByte {
                if !current.isEmpty { parts.append(String(decoding: current, as: UTF8.self)) }
                current = []
                if !"_.-".utf8.contains(byte) { break }
            } else {
                if isUpper, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(previous), !current.isEmpty {
                    parts.append(String(decoding: current, as: UTF8.self))
                    current = []
                }
                current.append(fold(byte))
            }
            previous = byte
        }
        if !current.isEmpty { parts.append(String(decoding: current, as: UTF8.self)) }
        return parts
    }

    static var keywords: [String] { words.flatMap(\.keywords) }

    /// The shape a match's value needs: that of the first word in its name.
    static func shape(ofName name: ArraySlice<UInt8>) -> ValueShape {
        let folded = name.map(fold)
        var best: (offset: Int, shape: ValueShape)?
        for word in words {
            for keyword in word.keywords {
                let needle = Array(keyword.utf8)
                guard let offset = folded.firstOffset(of: needle) else { continue }
                if best == nil || offset < best!.offset { best = (offset, word.shape) }
            }
        }
        return best?.shape ?? .secret
    }

    /// The match validator of the name detector: the value has its name's shape. (In a query
    /// string the value ends at the next `&name=`: `FieldPattern`.)
    static let valueFitsName: MaskRule.MatchValidator = { match, value, mayGrow in
        let before = match[match.startIndex..<value.startIndex]
        let start = before.firstIndex { $0 != UInt8(ascii: "-") } ?? before.startIndex
        let name = before[start...].prefix { Validators.isWord($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
        var parts = nameParts(name)
        // Vault's AppRole `secret_id` is the credential itself, not an id of one.
        if parts.suffix(2) == ["secret", "id"] { parts.removeLast() }
        if parts.contains(where: notSecretParts.contains) { return false }
        // What stands between the name and its value says how sure the value is one.
        let joint = before[name.endIndex...]
        let quoted = joint.last.map { "\"'`".utf8.contains($0) } ?? false
        // `tests/Test-auth-basic.py: Test Basic Auth`: a source file's name, then prose about it.
        if CodeShapes.isFileName(name), !RandomToken.looksRandom(value) { return false }
        // `password: bool = False`, `_baseSig: UnsafeMutablePointer<ECDSA_SIG>`: a declaration's type.
        if !quoted, CodeShapes.isTypeAnnotation(value) { return false }
        // `DB_PASSWORD=DB_PASSWORD`, `TRAVEL_API_KEY: travel_api_key`: the name standing in for its
        // value (a bare value in an element runs on to its closing tag: `<env>X=X</env>`).
        let valueProper = value.count > 2 && value.contains(UInt8(ascii: "<"))
            ? value[..<value.firstIndex(of: UInt8(ascii: "<"))!] : value
        if valueProper.count == name.count, zip(valueProper, name).allSatisfy({ fold($0) == fold($1) }) { return false }
        // A bare identifier of several parts naming a secret (`= NONCOMPLIANT_APITOKEN;`,
        // `"password": new_password`): the program's variable or constant, not its value.
        if !quoted, joint.first != UInt8(ascii: ">"), isVariableNamingSecret(value) { return false }
        // `KEY=`vault read …``: a command substitution, where the value comes from.
        if joint.last == UInt8(ascii: "`"), value.contains(UInt8(ascii: " ")) { return false }
        // `"required": ["MasterUserPassword", "MasterUsername"]`: after a comma, an identifier
        // of several parts is the next name of a list or a call, not the value.
        if quoted, joint.contains(UInt8(ascii: ",")), ValueShape.isIdentifier(value), nameParts(value).count >= 2 { return false }
        // `passwd: password updated successfully` (passwd(1)), `token: token refreshed`: a
        // program's name or a log label, then a sentence about the secret, not its value.
        if !quoted, value.contains(UInt8(ascii: " ")), startsWithSecretWord(value) { return false }
        var shape = shape(ofName: before)
        // `if creds.Secret != "open-sesame"`: a literal a secret is compared with is the secret,
        // words or not (a token or key compared with a word is a lexer's or a keyboard's).
        let compared = zip(joint, joint.dropFirst()).contains { ($0 == UInt8(ascii: "=") || $0 == UInt8(ascii: "!")) && $1 == UInt8(ascii: "=") }
        if compared, quoted, parts.contains("secret") { shape = .password }
        // secret("v"): a call may equally look a secret up by its name (`getPassword("admin")`).
        if joint.contains(UInt8(ascii: "(")) {
            shape = .secret
            if value.contains(UInt8(ascii: "/")) { return false }
        }
        // A quoted value, or one given to a compound name (`aws_secret_access_key: a b c`), is
        // the value even with spaces; after a lone word ("Token: see the docs") it is prose.
        // So is an element's whole content (`<secret>{AQAAAB… value}</secret>`, Jenkins).
        let element = joint.first == UInt8(ascii: ">")
        // A joint that ordinary text has too (`x |md5sum`, `tests pass 'quickly'`): only a
        // value that looks generated counts.
        let isBlank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        let spacesThenQuote = joint.count >= 2 && joint.last == UInt8(ascii: "'") && joint.dropLast().allSatisfy(isBlank)
        let lineBreak = UInt8(ascii: "\n")
        // `apiKey |v`, `| AADRefreshToken | Refresh token | v |` (not a block scalar's `: |⏎`).
        let cell = joint.contains(UInt8(ascii: "|")) && !joint.contains(lineBreak)
        // `## Save pass:⏎⏎v`: a label, then a line holding only the value (not a block scalar,
        // an INI continuation, a `value:` key or an element, whose joints say more).
        let labelThenLine = joint.contains(lineBreak) && joint.contains(UInt8(ascii: ":"))
            && joint[(joint.lastIndex(of: lineBreak)! + 1)...].allSatisfy(isBlank)
            && !joint.contains { "|>={".utf8.contains($0) }
        let isFlag = before.first == UInt8(ascii: "-")
        if !isFlag, cell || spacesThenQuote || labelThenLine { return RandomToken.looksRandom(value) }
        // A bare key, salt or signature is one word, but for an element's whole content
        // (`<session>{AQAAAB… v}</session>`): `seskey.c: missing parenthesis` is prose.
        let phrase = shape == .key ? element : quoted || element || parts.count >= 2
        return shape.accepts(value, mayGrow: mayGrow, phrase: phrase)
    }

    /// An identifier of two or more word-like parts, one of them a secret word
    /// (`new_password`, `NONCOMPLIANT_APITOKEN`, `dbSecret`): a name, where it stands unquoted.
    static func isVariableNamingSecret(_ value: ArraySlice<UInt8>) -> Bool {
        guard value.count <= 64, ValueShape.isIdentifier(value) else { return false }
        let parts = nameParts(value)
        return parts.count >= 2 && parts.contains { part in firstWordOffset(ArraySlice(Array(part.utf8))) != nil }
    }

    /// The match validator where the value comes first and the name ends the match
    /// (`{"value": "v", "name": "DB_PASSWORD"}`, `"v" == password`): a quoted value.
    static let valueBeforeName: MaskRule.MatchValidator = { match, value, mayGrow in
        let tail = match[value.endIndex...]
        let nameStart = tail.lastIndex { !(Validators.isWord($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-")) }
            .map { $0 + 1 } ?? tail.startIndex
        let name = match[nameStart...]
        // The name's own parts, from its secret word on (`settings.api_token`: api, token).
        let wordStart = firstWordOffset(name).map { name.startIndex + $0 } ?? name.startIndex
        if nameParts(name[wordStart...]).contains(where: notSecretParts.contains) { return false }
        return shape(ofName: name).accepts(value, mayGrow: mayGrow, phrase: true)
    }

    /// Where the first secret word of a name starts.
    static func firstWordOffset(_ name: ArraySlice<UInt8>) -> Int? {
        let folded = name.map(fold)
        return keywords.compactMap { folded.firstOffset(of: Array($0.utf8)) }.min()
    }
}

extension Array where Element == UInt8 {
    func firstOffset(of needle: [UInt8]) -> Int? {
        guard !needle.isEmpty, count >= needle.count else { return nil }
        for start in 0...(count - needle.count) where self[start] == needle[0] {
            if self[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }
}

extension SecretNames {
    /// The secret words a sentence about a secret starts with (`password updated successfully`).
    static let sentenceSubjects: Set<String> = ["password", "passwd", "passphrase", "token", "secret", "credentials"]

    /// Whether the first word of `value` is one of `sentenceSubjects`, followed by a blank.
    static func startsWithSecretWord(_ value: ArraySlice<UInt8>) -> Bool {
        let first = value.prefix { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
        guard first.count < value.count else { return false }
        return sentenceSubjects.contains(String(decoding: first.map(fold), as: UTF8.self))
    }
}
