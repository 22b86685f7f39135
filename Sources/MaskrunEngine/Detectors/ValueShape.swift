/// What a value assigned to a secret-bearing name must look like to be masked, so prose,
/// references and placeholders stay readable (`token: expired`, `password: ${DB_PASSWORD}`,
/// `secret = var.db_password`, `api_key: <your-key>`, `secretKey: api-key`).
enum ValueShape: Sendable {
    /// Passwords: four bytes or more that are not a reference, a placeholder, a path or a status word;
    /// a few words are allowed (passphrases).
    case password
    /// Tokens, secrets, API keys, credentials: eight bytes or more, one word, not an
    /// identifier made of dictionary-like parts (`api-key`, `secretKeyRef`).
    case secret
    /// Bare `key`, salt, seed, signature: random-looking, sixteen bytes or more.
    case key

    /// `mayGrow`: the value ends where the input ends at an idle flush. The first keys of a
    /// password or token typed at a prompt (`Password: `, `Enter API token: `), echoed one
    /// by one, are then masked at once, however short: what they begin cannot be told yet,
    /// and once shown they cannot be taken back in a pipe or a log. (Program output pauses
    /// after a name's joint, not inside a word, so prose is judged whole.)
    ///
    /// `phrase`: the value is known to be one even with spaces in it (it was quoted, or its
    /// name is a compound identifier), so a secret may be a few words.
    func accepts(_ value: ArraySlice<UInt8>, mayGrow: Bool = false, phrase: Bool = false) -> Bool {
        if mayGrow, let first = value.first, !"([<$%{".utf8.contains(first),
           !value.contains(UInt8(ascii: "\n")) {
            return true
        }
        var text = value
        // A block scalar's lines are judged as one value, without their indentation.
        if value.contains(UInt8(ascii: "\n")) {
            text = ArraySlice(value.filter { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: " ") })
        }
        // A value cut short by the program that printed it (`ghp_aB3dE5fG…`) is judged
        // by what is left.
        for ellipsis in [Array("…".utf8), Array("...".utf8)] where text.count > ellipsis.count && text.suffix(ellipsis.count).elementsEqual(ellipsis) {
            text = text.dropLast(ellipsis.count)
        }
        guard !text.isEmpty, !ValueShape.isStandIn(text), !ValueShape.isCodeSplice(text), !ValueShape.isSelector(text),
              !ValueShape.isARN(text), !ValueShape.isRouteTarget(text), !ValueShape.isHostName(text) else { return false }
        let lower = String(decoding: text, as: UTF8.self).lowercased()
        if ValueShape.plainWords.contains(lower) { return false }
        // `key1=value1`, `my-value2`, `value2x`: documentation's numbered stand-in, also as the
        // first of a query's or a list's pairs (`value1&key2=value2`, `value1,key2=value2`).
        if ValueShape.isNumberedValueWord(String(lower.prefix { !"&,:".contains($0) })) { return false }
        // `(none)`, `[REDACTED]`, `<hidden>` cut at their closing bracket; `3 fail: 0` is more keys.
        if let first = text.first, "([<".utf8.contains(first) { return false }
        if ValueShape.contains(lower, ": ") { return false }
        // A host name or a path with a file name (`node-role.kubernetes.io/master`, `a/b.pdf`),
        // a dotted name (`jetbrains.mps.v8_elimination`) or a versioned name
        // (`jjwt-jackson-0.11.2`, `SalesResults-1.2`): names, not secrets.
        let hostOrPath = ValueShape.isHostOrFilePath(text) || ValueShape.isDottedName(text) || ValueShape.isVersioned(text)
            || ValueShape.isSlashedNames(text)
        let spaces = text.filter { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
        let digitsOnly = text.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        switch self {
        case .password:
            // Four bytes or more: the stream redraws a typed password masked from its 4th key.
            return text.count >= 4 && spaces <= 4 && !ValueShape.isPath(text)
        case .secret:
            if digitsOnly { return text.count >= 16 }
            if phrase, spaces > 0 {
                return text.count >= 8 && spaces <= 4 && !ValueShape.isPath(text) && !lower.hasSuffix(".")
            }
            if spaces == 0, ValueShape.isCapabilityURL(text) { return true }
            return text.count >= 8 && spaces == 0 && !hostOrPath && !ValueShape.isPath(text) && !ValueShape.isIdentifier(text)
                && Set(text).count >= 5
        case .key:
            // `key="ConnectionString1"`: a name and a count, an identifier.
            let withoutCount = text.count > 3 ? text.dropLast(text.reversed().prefix(while: ValueShape.isDigit).count) : text
            if withoutCount.count < text.count, text.count - withoutCount.count <= 3, ValueShape.isIdentifier(withoutCount) { return false }
            // A few words only where the value is known to be one (`<session>{AQAAAB… v}</session>`).
            return text.count >= 16 && (spaces == 0 || (phrase && spaces <= 4)) && !hostOrPath && !ValueShape.isPath(text) && !ValueShape.isIdentifier(text)
                && !ValueShape.isDigest(text) && Validators.entropy(text) >= 3.0
                && text.contains { Validators.isLetter($0) } && text.contains { !Validators.isLetter($0) }
        }
    }

    /// Whether `value` stands where a secret would but is none, whatever detector found it:
    /// a reference (`${VAR}`, `` `cmd` ``, `{Name}`), a placeholder (`<token>`, `[REDACTED]`,
    /// `XXXXXXXX`), punctuation only (`...`), a value that says so (`your-key-here`,
    /// `sha256~XXXX_PUT_YOUR_TOKEN_HERE`), or documentation's filler: a run of one character
    /// or an alphabet in order (`AIzaaaaaaaaa…`, `0000…LMNOPQ`, `abcdefghij…`).
    ///
    /// Only values of at most 128 bytes are judged by their letters: a long random value
    /// holds such runs by chance, and key blocks hold `AAAAAAAA` by design.
    ///
    /// `format`: the value matched a provider's format, whose random body holds a short word
    /// by chance (Paddle's published key holds `f4ke`, about one in 10^4 random keys holds
    /// some four-letter part): only `formatPlaceholderParts` count there.
    static func isStandIn(_ value: ArraySlice<UInt8>, format: Bool = false) -> Bool {
        if isKeyBlockWithoutKey(value) { return true }
        // `<your catalogue API token>` cut at its first space.
        guard let first = value.first, first != UInt8(ascii: "<"), Validators.notPlaceholder(value), !isReference(value) else { return true }
        // `&lt;YOUR_PASSWORD&gt;`: a placeholder in angle brackets, escaped for XML or HTML.
        if value.starts(with: "&lt;".utf8) { return true }
        // `--passphrase \fIstring\fR`: a man page's metavariable.
        if CodeShapes.isRoffMarkup(value) { return true }
        if !value.contains(where: { Validators.isLetter($0) || isDigit($0) }) { return true }
        return value.count <= 128 && (saysStandIn(value, format: format) || hasFillerRun(value))
    }

    /// A whole key block (BEGIN and END lines) whose body holds no key material: `...`,
    /// `xxx`, `***` or a sentence between the lines, as documentation writes one. A key's
    /// body is base64 in lines of 64 (or escaped `\n`-joined in JSON); sixteen base64
    /// characters in a row are the least a key holds. A block without its END line (cut
    /// short, or still arriving) is judged a key.
    static func isKeyBlockWithoutKey(_ value: ArraySlice<UInt8>) -> Bool {
        let begin = Array("-----BEGIN".utf8), dashes = Array("-----".utf8), end = Array("-----END".utf8)
        guard value.starts(with: begin), let headerEnd = firstRange(of: dashes, in: value, from: value.startIndex + begin.count),
              let footer = firstRange(of: end, in: value, from: headerEnd.upperBound) else { return false }
        var run = 0, longest = 0, index = headerEnd.upperBound
        while index < footer.lowerBound {
            let byte = value[index]
            // `\n`, `\r`, `\t` escapes end a line as a newline does.
            if byte == UInt8(ascii: "\\"), index + 1 < footer.lowerBound, "nrt".utf8.contains(value[index + 1]) {
                run = 0
                index += 2
                continue
            }
            run = Validators.isLetter(byte) || isDigit(byte) || "+/=".utf8.contains(byte) ? run + 1 : 0
            longest = max(longest, run)
            index += 1
        }
        return longest < 16
    }

    private static func firstRange(of needle: [UInt8], in text: ArraySlice<UInt8>, from start: Int) -> Range<Int>? {
        guard needle.count <= text.endIndex - start else { return nil }
        var index = start
        while index + needle.count <= text.endIndex {
            if text[index] == needle[0], text[index..<(index + needle.count)].elementsEqual(needle) { return index..<(index + needle.count) }
            index += 1
        }
        return nil
    }

    /// Mostly filler: runs of eight bytes or more of one letter or digit (five of `x`, `X`,
    /// `*`, `#`) and runs of seven or more letters or digits in alphabetical order cover at
    /// least two thirds of the value (`AIzaaaaaaaaa…`, `0000…LMNOPQ`, `AIzaSyabcdefghij…`).
    /// A person typed that standing in for a value; a random value holds such a run about
    /// once in 10^12 positions. Test values with a random part (`xoxb-` and a digit run before
    /// a few random letters, a UUID of counted digits and `ABCD` groups) are under that and stay masked.
    static func hasFillerRun(_ value: ArraySlice<UInt8>) -> Bool {
        // Digits only: card and account numbers of test data are judged by their checksums.
        if value.allSatisfy(isDigit) { return false }
        var covered = 0
        var same = 1, ascending = 1
        var coveredUpTo = value.startIndex
        var previous: UInt8?
        for index in value.indices {
            let byte = value[index]
            defer { previous = byte }
            guard let last = previous else { continue }
            same = byte == last ? same + 1 : 1
            let inOrder = byte == last &+ 1 && (Validators.isLetter(byte) || isDigit(byte)) && (Validators.isLetter(last) || isDigit(last))
            ascending = inOrder ? ascending + 1 : 1
            // A run counts from its start once long enough, each byte once.
            let run = max(same >= ("xX*#".utf8.contains(byte) ? 5 : 8) ? same : 0, ascending >= 7 ? ascending : 0)
            if run > 0 {
                covered += index + 1 - max(index + 1 - run, coveredUpTo)
                coveredUpTo = index + 1
            }
        }
        return covered * 3 >= value.count * 2
    }

    /// Code around a string, not a string's content: the name was inside a literal whose
    /// closing quote the pattern took for the value's opening one (`"Password: " + getPw() + "`,
    /// `'password = '.$p['x']`, `"Password:",rememberMeLabel:"`). The value starts with a
    /// concatenation or list operator, then an identifier, then a call, index, key or space.
    static func isCodeSplice(_ value: ArraySlice<UInt8>) -> Bool {
        let isBlank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        var rest = value.drop(while: isBlank)
        guard let first = rest.first, "+.,".utf8.contains(first) else { return false }
        rest = rest.dropFirst().drop(while: isBlank)
        guard let start = rest.first, Validators.isLetter(start) || start == UInt8(ascii: "_") || start == UInt8(ascii: "$") else { return false }
        let identifier = rest.dropFirst().prefix { Validators.isLetter($0) || isDigit($0) || $0 == UInt8(ascii: "_") }
        guard let next = rest.dropFirst(identifier.count + 1).first else { return false }
        return "([:".utf8.contains(next) || isBlank(next)
    }

    /// A CSS selector or page anchor of words (`#add-password`, `.reset-token`): where a
    /// script finds a field, not its value. At least two word parts, letters only.
    static func isSelector(_ value: ArraySlice<UInt8>) -> Bool {
        guard let first = value.first, first == UInt8(ascii: "#") || first == UInt8(ascii: "."), value.count >= 4 else { return false }
        let body = value.dropFirst()
        let parts = body.split(omittingEmptySubsequences: false) { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
        return parts.count >= 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) } }
    }

    /// An Amazon resource name (`arn:aws:iam::aws:policy/IAMUserChangePassword`): an
    /// identifier of a resource, public in policies and logs.
    static func isARN(_ value: ArraySlice<UInt8>) -> Bool {
        value.starts(with: "arn:aws:".utf8) || value.starts(with: "arn:aws-cn:".utf8) || value.starts(with: "arn:aws-us-gov:".utf8)
    }

    /// A web framework's route target, `namespace/controller#action` (`cms/sites/passwords#update`):
    /// lower-case words and slashes, one `#`, a word. Without a slash it could be a passphrase
    /// (`development#product`).
    static func isRouteTarget(_ value: ArraySlice<UInt8>) -> Bool {
        let parts = value.split(separator: UInt8(ascii: "#"), omittingEmptySubsequences: false)
        let isWordByte: (UInt8) -> Bool = { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || $0 == UInt8(ascii: "_") }
        guard parts.count == 2, let controller = parts.first, let action = parts.last, !action.isEmpty, action.allSatisfy(isWordByte),
              let first = controller.first, isWordByte(first) else { return false }
        return controller.contains(UInt8(ascii: "/")) && controller.allSatisfy { isWordByte($0) || $0 == UInt8(ascii: "/") }
    }

    /// A host name of three labels or more, ending in a top-level domain of letters
    /// (`appman1892.auth0.com`, `db-3.eu-west-1.rds.amazonaws.com`): where a secret is used.
    static func isHostName(_ value: ArraySlice<UInt8>) -> Bool {
        let labels = value.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 3, let tld = labels.last, (2...6).contains(tld.count),
              tld.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }) else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.count) && label.first != UInt8(ascii: "-") && label.allSatisfy {
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || isDigit($0) || $0 == UInt8(ascii: "-")
            }
        }
    }

    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    /// Whether a value a rule masked may be learned as a literal for the rest of the session
    /// (SPEC §3 known values): only one that could stand alone as a secret, so its bare
    /// repeats are masked without masking ordinary text. Not a stand-in, a path or a name, and
    /// not made of dictionary-like parts (`wordpress`, `postgres`, `MyAppSecret`: a password
    /// field's weak value learned would mask `image: wordpress:latest`). A learned random
    /// password (`Hunter2Secret!`, `kT9#mW2q`) is masked wherever it recurs.
    static func isLearnable(_ value: ArraySlice<UInt8>) -> Bool {
        // One bare token: `description: ` or `amd64 528.0.0-0` cut out of a line are no secrets'
        // repeats.
        guard value.count >= 8, !value.contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }),
              !isStandIn(value), !isPath(value), !isHostOrFilePath(value), !isDottedName(value),
              !isVersioned(value), !isDigest(value) else { return false }
        let lower = String(decoding: value, as: UTF8.self).lowercased()
        if plainWords.contains(lower) { return false }
        // Letters only in word-like parts, or a word and a year or a count (`postgres2024`).
        if isIdentifier(value) { return false }
        let letters = value.prefix { Validators.isLetter($0) }
        if letters.count >= 3, value.count - letters.count <= 4, value[letters.endIndex...].allSatisfy(isDigit),
           isIdentifier(letters) { return false }
        return Set(value).count >= 5
    }

    /// Words that stand where a value would but are none: types, states, empty values.
    static let plainWords: Set<String> = [
        "true", "false", "null", "none", "nil", "yes", "no", "on", "off", "undefined", "unset", "empty", "n/a",
        "required", "optional", "invalid", "incorrect", "missing", "expired", "revoked", "changed", "updated",
        "hidden", "masked", "redacted", "filtered", "removed", "omitted", "sensitive", "secret", "password",
        "token", "string", "str", "int", "integer", "bool", "boolean", "text", "bytes", "object", "any",
        "changeme", "example", "placeholder", "default", "dummy", "test", "sample", "value", "your-token",
        "not set", "not-set", "notset", "********", "<hidden>", "present", "absent", "set", "ok", "error",
        "name", "key", "type", "id", "username", "user", "login", "email", "pass", "passwd", "pwd", "apikey", "api_key",
        "api-key",
    ]

    /// The parts that mark a provider format's match as a stand-in: long enough that a random
    /// body holds one about never (`fake` and `dummy` are left out: `hvs.…pnI4fake` was a
    /// random token of the leak bench).
    static let formatPlaceholderParts = ["example", "sample", "testkey", "fakekey", "dummykey", "placeholder", "changeme", "your_", "your-", "yourkey", "yourtoken",
                                         "yourpassword", "yoursecret", "put_your", "insert_", "replace_me", "replaceme",
                                         "replace_with", "replace-with"]

    /// Parts that mark a value as a stand-in wherever they occur in it (`somefakekey`,
    /// `your-api-key-here`, `xxxxxxxx`).
    static let placeholderParts = ["fake", "f4ke", "dummy", "placeholder", "changeme", "your_", "your-", "yourkey",
                                   "yourtoken", "yourpassword", "yoursecret", "xxxx", "example", "put_your", "insert_", "replace_me",
                                   "replaceme", "_here", "-here", "replace_with", "replace-with"]

    /// Whether `text` says it is a stand-in: a placeholder part in one case (`somefakekey`,
    /// `YOUR_TOKEN`, `MyExampleKey`) in a value short enough to be written by hand. A long
    /// random value holds such letters by chance (`…dummY…` in 60 KB of base64): a secret.
    static func saysStandIn(_ text: ArraySlice<UInt8>, format: Bool = false) -> Bool {
        guard text.count <= 128 else { return false }
        // `AccessTokenHere`, `RANDOMSTRINGHERE` (not `Sphere`).
        if text.count >= 4, let tail = Optional(text.suffix(4)),
           tail.elementsEqual("Here".utf8) || tail.elementsEqual("HERE".utf8) { return true }
        // Other text is left to Foundation, whose search also compares composed characters.
        guard text.allSatisfy({ $0 < 0x80 }) else {
            // That search is slow (a third of the time on a compiler's log): it is asked only
            // when its answer may be yes (`mayHoldPart`).
            guard mayHoldPart(text, parts: format ? formatPlaceholderBytes : placeholderBytes) else { return false }
            let string = String(decoding: text, as: UTF8.self)
            if format { return formatPlaceholderParts.contains { string.contains($0) || string.contains($0.uppercased()) } }
            return placeholderParts.contains { part in
                string.contains(part) || string.contains(part.uppercased()) || string.contains(part.prefix(1).uppercased() + part.dropFirst())
            }
        }
        // `…CYESAMPLEKEY`, `…TESTKEY`: a stand-in's word in capitals inside a value (in lower
        // case these begin ordinary words: `resample`, `latestkeys`).
        if !format, upperPlaceholderBytes.contains(where: { part in text.count >= part.count && (text.startIndex...(text.endIndex - part.count)).contains { text[$0..<($0 + part.count)].elementsEqual(part) } }) {
            return true
        }
        // Byte by byte, folded once: this runs on every candidate of every provider format.
        let folded = text.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }
        let original = Array(text)
        let byFirst = format ? formatPlaceholderByFirst : placeholderByFirst
        for start in folded.indices {
            for part in byFirst[Int(folded[start])] where start + part.count <= folded.count {
                guard (1..<part.count).allSatisfy({ folded[start + $0] == part[$0] }) else { continue }
                // In one case: all lower, all upper, or (not for formats) capitalised.
                // (`part` is lower case; capitalised is its first byte upper-cased.)
                let written = original[start..<(start + part.count)]
                let upperOf: (UInt8) -> UInt8 = { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") ? $0 & ~0x20 : $0 }
                let lower = written.elementsEqual(part)
                let upper = written.elementsEqual(part.map(upperOf))
                let capitalised = !format && written.first == upperOf(part[0]) && written.dropFirst().elementsEqual(part.dropFirst())
                if lower || upper || capitalised { return true }
            }
        }
        return false
    }

    /// False only when no canonically equivalent search finds one of `parts` (ASCII) in
    /// `text`, in any case: the bytes, ASCII case folded, hold no part without its last
    /// character (which a mark after it may compose with), and no character that is
    /// canonically an ASCII one (U+037E `;`, U+1FEF `` ` ``, U+212A `K`, the only three).
    static func mayHoldPart(_ text: ArraySlice<UInt8>, parts: [[UInt8]]) -> Bool {
        let folded = text.map(fold)
        for singleton: [UInt8] in [[0xCD, 0xBE], [0xE1, 0xBF, 0xAF], [0xE2, 0x84, 0xAA]] where !offsets(of: singleton, in: folded).isEmpty {
            return true
        }
        return parts.contains { !offsets(of: Array($0.dropLast()), in: folded).isEmpty }
    }

    private static let placeholderBytes = placeholderParts.map { Array($0.utf8) }
    private static let upperPlaceholderBytes = ["SAMPLE", "TESTKEY", "DUMMYKEY"].map { Array($0.utf8) }
    private static let formatPlaceholderBytes = formatPlaceholderParts.map { Array($0.utf8) }
    /// The parts by their first byte, so each place in a value is compared only with the parts
    /// that begin with its byte: every part at every place cost ~30,000 instructions a value.
    private static let placeholderByFirst = byFirstByte(placeholderBytes)
    private static let formatPlaceholderByFirst = byFirstByte(formatPlaceholderBytes)

    private static func byFirstByte(_ parts: [[UInt8]]) -> [[[UInt8]]] {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for part in parts where !part.isEmpty { table[Int(part[0])].append(part) }
        return table
    }

    /// Where `needle` starts in `haystack`, every occurrence (for short values).
    static func offsets(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        guard !needle.isEmpty, haystack.count >= needle.count else { return [] }
        return (0...(haystack.count - needle.count)).filter { start in
            haystack[start] == needle[0] && haystack[start..<(start + needle.count)].elementsEqual(needle)
        }
    }

    /// Whether `text` contains `part`: for ASCII text (and an ASCII `part`) byte by byte,
    /// which is what Foundation's search finds there; other text is left to Foundation,
    /// whose search also compares composed characters.
    static func contains(_ text: String, _ part: String) -> Bool {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else { return text.contains(part) }
        return !offsets(of: Array(part.utf8), in: Array(text.utf8)).isEmpty
    }

    /// `${VAR}`, `$VAR`, `$(cmd)`, `%VAR%`, `{{ x }}`, `#{x}`, `var.db_password`,
    /// `os.getenv("X")`, `!Ref DbPassword`, `process.env.TOKEN`, `secrets.TOKEN`: where the
    /// value comes from, not the value.
    /// As a set: searching the string's bytes for each of a value's bytes cost more than
    /// all the rest of the judgement.
    private static let referenceBytes = ByteSet("$#{%!<@([`.'\"".utf8)

    static func isReference(_ value: ArraySlice<UInt8>) -> Bool {
        // Every form below needs one of these bytes; most tokens have none but `.`, `-`, `_`.
        guard value.contains(where: referenceBytes.contains) else { return false }
        var text = String(decoding: value, as: UTF8.self)
        // Built from a reference (`includeIf.gitdir:${gitDir}.path`, `user:${DB_PASS}`): the
        // secret, if any, is the variable's, not this text.
        if let open = text.range(of: "${"), let close = text[open.upperBound...].firstIndex(of: "}"),
           text[open.upperBound..<close].first?.isLetter == true,
           text[open.upperBound..<close].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) {
            return true
        }
        // A statement's end after a name (`signal.CTRL_C_EVENT:`, `os.environ;`).
        while let last = text.last, ":;,".contains(last), text.count > 1 { text.removeLast() }
        // A call's or a literal's end after it (`self.credentials.token})`): closers it never opened.
        while let last = text.last, text.count > 1,
              (last == ")" && !text.contains("(")) || (last == "}" && !text.contains("{")) || (last == "]" && !text.contains("[")) {
            text.removeLast()
        }
        // Compose and Make write a literal `$` as `$$`: `$$(cat /run/secrets/db)`.
        if text.hasPrefix("$$") { text.removeFirst() }
        // A command substitution (`` `etcdctl get /x` ``), a single-brace template (`{SumoAccessKey}`,
        // `{api_key}`), cut or whole. A backtick that opens neither a closed substitution nor a
        // command's name is a password's first character (`` '`123QWERasdf' ``).
        if text.hasPrefix("`") {
            let rest = text.dropFirst()
            return rest.contains("`") || (rest.first?.isLowercase == true && !rest.contains(where: \.isUppercase))
        }
        // A reference quoted once more inside its value (`"'%env(DB_SECRET)%'"`, a YAML string in JSON).
        if text.count >= 4, let first = text.first, first == "'" || first == "\"", text.last == first {
            return isReference(ArraySlice(Array(text.dropFirst().dropLast().utf8)))
        }
        // `prefix_{}`, `user-{0}`, `prefix_{dynamic_value}`: a format string's template (Python's
        // str.format and f-strings, .NET's String.Format), whose fields are filled at run time.
        if let open = text.firstIndex(of: "{"), let close = text[open...].firstIndex(of: "}") {
            let field = text[text.index(after: open)..<close]
            // A named field after some text only: `{crypt}$6$…` and `{ssha}…` are LDAP password hashes.
            if field.isEmpty || field.allSatisfy(\.isNumber)
                || (open != text.startIndex && field.first.map { $0.isLowercase || $0 == "_" } == true
                    && field.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }) {
                return true
            }
        }
        // `{_github_pat(name)}`, `{cfg.password}`: an f-string's or template's expression whole
        // in braces, a call or a dotted name (a secret's bytes need no braces around them).
        if text.count > 3, text.hasPrefix("{"), text.hasSuffix("}"), !text.hasPrefix("{ ") {
            let inner = ArraySlice(Array(text.dropFirst().dropLast().utf8))
            if inner.contains(where: { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: ".") }), isReference(inner) { return true }
        }
        // `{ password }`, `{ db.token }`: a template's name with spaces inside its braces.
        if text.hasPrefix("{ "), text.hasSuffix(" }") {
            let inner = text.dropFirst(2).dropLast(2).drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()
            if let head = inner.first, head.isLetter || head == "_",
               inner.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }) { return true }
        }
        // `%env(DB_SECRET)%` (Symfony), `%DB_PASSWORD%` (Windows, Spring placeholders): a variable's name.
        if text.hasPrefix("%"), text.hasSuffix("%"), text.count >= 3 {
            let inner = text.dropFirst().dropLast()
            if inner.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "(" || $0 == ")" || $0 == ":" || $0 == "." }),
               inner.first?.isLetter == true { return true }
        }
        // Only a name in it: `{SSHA}c2FsdA==` is an LDAP password hash.
        if text.hasPrefix("{"), text.dropFirst().first?.isLetter == true {
            let inner = text.dropFirst().hasSuffix("}") ? text.dropFirst().dropLast() : text.dropFirst()
            if inner.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }) { return true }
        }
        if text.hasPrefix("${") || text.hasPrefix("$(") || text.hasPrefix("#{") || text.hasPrefix("{{")
            || text.hasPrefix("%(") || text.hasPrefix("!Ref") || text.hasPrefix("!Sub") || text.hasPrefix("!GetAtt")
            || text.hasPrefix("<%") || text.hasPrefix("@Value")
        {
            return true
        }
        // A reference spliced into a shell string (`"'$DB_PASSWORD'"`): the same reference.
        if text.count > 2, let open = text.first, open == "'" || open == "\"", text.last == open {
            text = String(text.dropFirst().dropLast())
        }
        // Escaped for the shell or a string (`\$_POST[\"password\"]`): the same reference.
        if text.hasPrefix("\\$") { text.removeFirst() }
        if text.hasPrefix("$"), text.dropFirst().allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { return true }
        // A variable indexed, or a path built on one (`$_POST["password"]`, `$cfg->pw`,
        // `$BASE_URL/forgot_password`).
        if text.hasPrefix("$"), let start = text.dropFirst().first, start.isLetter || start == "_" {
            let name = text.dropFirst().prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            let after = text.dropFirst(1 + name.count)
            if after.hasPrefix("[") || after.hasPrefix("->") || after.hasPrefix("/") { return true }
        }
        // An identifier chain, possibly called: var.db_password, config.get(, os.getenv(
        var sawDot = false
        var index = text.startIndex
        guard let first = text.first, first.isLetter || first == "_" else { return false }
        while index < text.endIndex {
            let character = text[index]
            if character == "." {
                sawDot = true
            } else if character == "(" || character == "[" || (character == "{" && sawDot) {
                return text[text.startIndex..<index].allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
            } else if !(character.isLetter || character.isNumber || character == "_") {
                return false
            }
            index = text.index(after: index)
        }
        guard sawDot else { return false }
        // Dotted words, each an identifier starting lower case or a known root.
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty && ($0.first!.isLetter || $0.first == "_") }) else { return false }
        let roots: Set<String> = ["var", "local", "data", "module", "each", "self", "this", "env", "process", "os",
                                  "config", "settings", "secrets", "vars", "values", "params", "props", "args", "ctx"]
        if roots.contains(String(parts[0]).lowercased()) { return true }
        // A constant of a module (`signal.CTRL_BREAK_EVENT`, `http.StatusOK`): a lower-case
        // name, then names of letters and underscores.
        if parts[0].allSatisfy({ $0.isLowercase || $0 == "_" }), parts.dropFirst().allSatisfy({ $0.count >= 2 && $0.allSatisfy { $0.isLetter || $0 == "_" } }) {
            return true
        }
        // Otherwise dotted identifiers that read as words (`settings.db_password`), not random text.
        return parts.allSatisfy { part in part.first!.isLowercase && !part.contains(where: \.isNumber) }
            && isIdentifier(ArraySlice(Array(text.replacingOccurrences(of: ".", with: "_").utf8)))
    }

    /// A file path or a URL without credentials: `/run/secrets/db`, `./key.pem`, `~/.ssh/id`,
    /// `server.key`, `https://vault.example.com/v1/x`.
    static func isPath(_ value: ArraySlice<UInt8>) -> Bool {
        let text = String(decoding: value, as: UTF8.self)
        if text.hasPrefix("/") || text.hasPrefix("./") || text.hasPrefix("../") || text.hasPrefix("~/") { return true }
        if ValueShape.contains(text, "://") { return !ValueShape.contains(text, "@") }
        let extensions = [".pem", ".key", ".crt", ".cer", ".p12", ".pfx", ".jks", ".json", ".yaml", ".yml", ".txt",
                          ".env", ".gpg", ".asc", ".pub", ".conf", ".ini", ".toml", ".properties", ".keystore"]
        let lower = text.lowercased()
        return extensions.contains { lower.hasSuffix($0) && lower.count > $0.count }
    }

    /// A URL whose path holds a random segment, given as a token or secret: a webhook or
    /// capability URL (`https://hooks.example.com/catch/Xk2m…`), where the path is the
    /// credential. A URL of words (`https://auth.example.com/oauth/token`) is where one is sent.
    static func isCapabilityURL(_ value: ArraySlice<UInt8>) -> Bool {
        let text = Array(value)
        guard let scheme = ValueShape.offsets(of: Array("://".utf8), in: text).first else { return false }
        let afterScheme = text[(scheme + 3)...]
        guard let pathStart = afterScheme.firstIndex(of: UInt8(ascii: "/")) else { return false }
        let path = afterScheme[pathStart...].prefix { $0 != UInt8(ascii: "?") && $0 != UInt8(ascii: "#") }
        return path.split(separator: UInt8(ascii: "/")).contains { $0.count >= 16 && RandomToken.looksRandom($0) }
    }

    /// An identifier made of a few word-like parts: `api-key`, `secretKeyRef`, `DB_PASSWORD`,
    /// `Bearer`, `my-app-secret`. Random letters split into many odd parts instead.
    static func isIdentifier(_ value: ArraySlice<UInt8>) -> Bool {
        // `auth_provider_x509_cert_url`, `oauth2_token_uri`: snake or kebab case of three to
        // five lower-case words, some ending in a version's digits (a JSON key, not a secret).
        if value.contains(where: isDigit) {
            let words = value.split(omittingEmptySubsequences: false) { $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
            return (3...5).contains(words.count) && words.allSatisfy { word in
                let letters = word.prefix { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
                return letters.count >= 1 && word.count - letters.count <= 3 && word.dropFirst(letters.count).allSatisfy(isDigit)
            } && words.filter { !$0.contains(where: isDigit) }.count >= 2
        }
        var parts: [[UInt8]] = []
        var current: [UInt8] = []
        for byte in value {
            if Validators.isLetter(byte) {
                let isUpper = byte < UInt8(ascii: "a")
                if isUpper, let last = current.last, last >= UInt8(ascii: "a") {
                    parts.append(current)
                    current = []
                }
                current.append(byte)
            } else if byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") {
                if !current.isEmpty { parts.append(current) }
                current = []
            } else {
                return false
            }
        }
        if !current.isEmpty { parts.append(current) }
        guard !parts.isEmpty, parts.count <= 5 else { return false }
        return parts.allSatisfy { part in
            let tail = part.dropFirst()
            let lowerTail = tail.allSatisfy { $0 >= UInt8(ascii: "a") }
            let upperAll = part.allSatisfy { $0 < UInt8(ascii: "a") }
            return lowerTail || upperAll
        }
    }

    /// `host.domain.tld/…` or `…/name.ext`: a slash, and a host name before the first one or
    /// a file extension after the last one. Random base64 with `/` and `.` is neither.
    static func isHostOrFilePath(_ value: ArraySlice<UInt8>) -> Bool {
        guard let firstSlash = value.firstIndex(of: UInt8(ascii: "/")) else { return false }
        let host = value[value.startIndex..<firstSlash].split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        let isLabel: (ArraySlice<UInt8>) -> Bool = { label in
            !label.isEmpty && label.allSatisfy { (Validators.isLetter($0) && $0 >= UInt8(ascii: "a")) || $0 == UInt8(ascii: "-")
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        }
        if host.count >= 2, host.allSatisfy(isLabel), let tld = host.last, tld.allSatisfy(Validators.isLetter) { return true }
        let last = value[value.index(after: value.lastIndex(of: UInt8(ascii: "/"))!)...]
        if let dot = last.lastIndex(of: UInt8(ascii: ".")) {
            let ext = last[last.index(after: dot)...]
            return (1...5).contains(ext.count) && ext.allSatisfy { Validators.isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
                && last[last.startIndex..<dot].count >= 1
        }
        return false
    }

    /// `value1`, `value2x`, `my-value3`: the word "value" numbered, as examples write a value.
    static func isNumberedValueWord(_ lower: String) -> Bool {
        var rest = Substring(lower)
        for prefix in ["my-", "my_", "my\\-"] where rest.hasPrefix(prefix) { rest = rest.dropFirst(prefix.count) }
        guard rest.hasPrefix("value") else { return false }
        let tail = rest.dropFirst(5)
        let digits = tail.prefix(while: \.isNumber)
        return !digits.isEmpty && digits.count <= 2 && tail.dropFirst(digits.count).count <= 1
            && tail.dropFirst(digits.count).allSatisfy(\.isLetter)
    }

    /// Names joined by slashes (`Swinject/SwinjectStoryboard`, `America/Los_Angeles`,
    /// `actions/checkout`): a repository, a time zone, a path of words. Each part is an
    /// identifier of word-like parts, which random base64 with a `/` is not.
    static func isSlashedNames(_ value: ArraySlice<UInt8>) -> Bool {
        let parts = value.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        return parts.count >= 2 && parts.allSatisfy { !$0.isEmpty && $0.count <= 40 && isIdentifier($0) }
    }

    /// Two or more dots between lower-case identifier parts: a package, property or host name.
    static func isDottedName(_ value: ArraySlice<UInt8>) -> Bool {
        let parts = value.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return false }
        return parts.allSatisfy { part in
            // Word-like: short, few digits (`v8_elimination`, not `gxr2td2z0iq4lmp3h8d0…`).
            guard let first = part.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first), part.count <= 24,
                  part.filter({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }).count <= 3 else { return false }
            return part.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
        }
    }

    /// A name with a version number: it ends in digits-dot-digits (`-1.2`, `-0.11.2`, `_v3.4`).
    static func isVersioned(_ value: ArraySlice<UInt8>) -> Bool {
        let isDigit: (UInt8) -> Bool = { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        var tail = value[...]
        var groups = 0
        while let last = tail.last, isDigit(last) {
            tail = tail.dropLast()
            while let next = tail.last, isDigit(next) { tail = tail.dropLast() }
            groups += 1
            guard let separator = tail.last, separator == UInt8(ascii: "."), groups < 4 else { break }
            tail = tail.dropLast()
        }
        guard groups >= 2, let separator = tail.last, "-_v".utf8.contains(separator) else { return false }
        return tail.dropLast().contains(where: Validators.isLetter)
    }

    /// A content digest (`sha256:…`, `sha512-…`): public, printed by every package tool.
    static func isDigest(_ value: ArraySlice<UInt8>) -> Bool {
        let text = String(decoding: value.prefix(8), as: UTF8.self).lowercased()
        return ["sha1", "sha256", "sha384", "sha512", "md5"].contains { text.hasPrefix($0 + ":") || text.hasPrefix($0 + "-") }
    }
}
