/// Values laid out below or after a secret-bearing name rather than beside it: a YAML list
/// (`passwords:` then `- "v"` lines), a JSON or flow list (`"api_keys": ["v1", "v2"]`,
/// `tokens: [a, b]`), one quoted value on the line after the name (`mapboxApiKey:` then
/// `'pk…'`, `password = \` then `"v"`), and a Terraform variable's `default`. The name
/// pattern is `SecretNames.namePattern`, in a pattern of its own (the name detector's is near
/// PCRE2's size limit); each item is judged by the name as the name detector judges a value,
/// and a list is masked as one span from its first item to its last when any item is a secret.
extension BuiltinDetectors {
    /// The most bytes a bare or single-quoted item may have. (Counted repeats of a group are
    /// copied out by PCRE2's compiler, so items and double-quoted strings repeat unbounded.)
    static let listItemBytes = 512

    static let secretList = Detector(
        id: "secret-list",
        description: "Values of a secret-bearing name laid out below it or as a list: YAML lists, JSON and flow arrays, a quoted value on the next line",
        pattern: SecretNames.namePattern + listJoint(lookBehinds: true),
        group: 2,
        // Prose hits ("token renewed") are ruled out on the bytes after the name, by the
        // joint without its look-behinds (which only narrow it).
        prefilter: Prefilter(
            keywords: SecretNames.keywords, caseless: true,
            gate: JointGate(
                nameClass: SecretNames.nameClass, longestName: SecretNames.nameRest, joint: listJoint(lookBehinds: false),
                alwaysTried: [])),
        matchValidator: SecretNames.listFitsName,
        marksValueStart: true,
        examples: [
            // One span from the first item to the last.
            "deploy_passwords:\n  - «\"Wq7-Lz3Kx9\"\n  - \"Rb2Tm5-Vn8\"»\nusers: 2",
            "signing_tokens:\n- «Tz9Lq4Wk7Rm2Xb8V\n- Hn6Tq2Wz8Lx4Rv0B»\n",
            #"{"api_keys": [«"Kp3Vn8Qw2Lk7Xr5T", "Mz4Bx9Cq1Wd6Ef2G"»], "region": "eu"}"#,
            "backup_secrets = [\n    «\"Lk7Xr5Tb9Hm2Zp3V\",\n    \"Qw2Lk7Xr5Tb9Hm0Z\"»,\n]",
            "auth_tokens: [«Zp3Vn8Qw2Lk7Xr5Tb9, Vn8Qw2Lk7Xr5Tb9Hm0»]",
            "  tileServerApiKey:\n    '«tk.Qm9Zx2Lw5Rb8Vn3Tc6Hp1Kd4»',\n",
            "db_password = \\\n    \"«Kx9-Wq3Lz6Tm»\"\n",
            "variable \"billing_api_token\" {\n  type      = string\n  sensitive = true\n  default   = \"«Vb6Kc-P0sNy3Hd7Gf1»\"\n}",
            #"{"db_password":{"sensitive":true,"type":"string","value":"«Tq4#Lx8Wz2Rm6V»"},"region":{"sensitive":false,"type":"string","value":"eu-west-1"}}"#,
            "\"adminPassword\": {\n    \"value\": \"«Pz7Kw3-Xn9Qd5Lv»\"\n}",
            "  \"functionKeys\": {\n    \"default\": «\"qX7vT2mK9pLw4zR8nB3cY6jH1sD5fG0aE2uI7oP9kQ4rT6vW8xZ1yA==\"»\n  },",
            #"{"systemKeys": {"durabletask_extension": «"Pq8wE3rT6yU1iO4pA7sD2fG5hJ9kL0zX3cV6bN8mQ2wE5rT1yU==", "ci": "Lm4nB7vC2xZ9qW3eR8tY5uI1oP6aS0dF4gH7jK2lZ9xC3vB6nM1qW=="»}}"#,
        ],
        counterexamples: [
            "keys:\n  - id\n  - name\n  - created_at", "tokens:\n  - if\n  - else\n  - while",
            #"{"passwords": ["${DB_PASSWORD}", "${ADMIN_PASSWORD}"]}"#, "auth_methods: [password, publickey]",
            "credentials:\n  - name: db\n    secretRef: db-creds", "passwords = [p.strip() for p in lines]",
            "token_types:\n  - bearer\n  - basic", "secret_keys: [12, 34]", "password:\n  \"user\": admin",
            "ssh_public_keys:\n  - ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG9nd0Lz7q user@host",
            "passwords:\n  - <your-password>\n  - changeme", "variable \"api_token\" {\n  default = \"\"\n}",
            "variable \"token_ttl\" {\n  default = \"3600s\"\n}",
            #"{"api_token": {"sensitive": true, "type": "string", "value": "${var.api_token}"}}"#,
            #""adminPassword": {"value": "[parameters('adminPassword')]"}"#,
            ##""tokens": {"primary": "#1f6feb", "surface": "#ffffff"}"##, #""keys": {"up": "ArrowUp", "down": "ArrowDown"}"#,
            #""secrets": {"db": "projects/p/secrets/db/versions/latest"}"#,
        ])

    /// One list item: a quoted string, or a bare YAML scalar (words up to a comment or the line's end).
    private static func listItem(bareEnd: String) -> String {
        let n = listItemBytes
        return #"(?:"(?:[^"\\\r\n]|\\.)++"|'[^'\r\n]{1,\#(n)}+'|[^\s"'#\[\]{}&*!|>,-]\#(bareEnd){0,\#(n)}+(?:[ \t]++(?!#)\#(bareEnd){1,\#(n)}+)*+)"#
    }

    /// What follows the name: its closing quote, then a list, a value on the next line or a
    /// variable's default. `lookBehinds: false` drops the look-behinds, which only narrow
    /// it: a wider joint that `JointGate` can use.
    private static func listJoint(lookBehinds: Bool) -> String {
        #"(?:\\?["'])?[ \t]*+"# + "(?|\(yamlList)|\(flowList(lookBehinds))|\(valueOnNextLine)|\(variableDefault(lookBehinds))|\(wrappedValue)|\(objectMembers))"
    }

    /// `name:` then `- item` lines at one indentation.
    private static var yamlList: String {
        let item = listItem(bareEnd: #"[^\s#]"#)
        return #":[ \t]*+\r?\n([ \t]*+)-[ \t]++"# + Detector.valueStartMark
            + #"(\#(item)(?:[ \t]*+\r?\n\g{1}-[ \t]++\#(item))*+)"#
    }

    /// `name: [`, `"name": [`, `name = [` then items separated by commas, on one line or several.
    private static func flowList(_ lookBehinds: Bool) -> String {
        let item = listItem(bareEnd: #"[^\s#,\[\]{}"']"#)
        // The joint is spaced or follows the name's closing quote, as YAML and JSON write it:
        // `secretsmanager:[a-z0-9-]+` is a pattern's character class.
        let spaced = lookBehinds ? #"(?<=["'\s])"# : ""
        return #"(?:\#(spaced)(?::|:?=|=>)|:(?=[ \t]))[ \t]*+\[\s{0,80}+()"# + Detector.valueStartMark
            + #"(\#(item)(?:[ \t]*+,\s{0,80}+\#(item))*+)"#
    }

    /// `variable "name" {` then `default = "v"` after its description, type or sensitivity
    /// lines (a Terraform or OpenTofu variable's default).
    private static func variableDefault(_ lookBehinds: Bool) -> String {
        return (lookBehinds ? #"(?<="|"[ \t])"# : "") + #"\{[ \t]*+(?:\r?\n[ \t]*+(?:description|type|sensitive|nullable)[ \t]*+=[^\r\n]*+)*+\r?\n[ \t]*+default[ \t]*+=[ \t]*+()""#
            + Detector.valueStartMark + #"((?:[^"\\\r\n]|\\.)++)""#
    }

    /// `"name": {"sensitive": true, "type": "string", "value": "v"}`: a value wrapped in an
    /// object with its metadata (`terraform output -json`, `terraform show -json`, Azure
    /// Resource Manager parameter files).
    private static var wrappedValue: String {
        let metadata = #""(?:sensitive|type|description|nullable|metadata)"[ \t]*+:[ \t]*+(?:true|false|null|"[^"\r\n]{0,80}+")[ \t]*+,\s{0,80}+"#
        return #":[ \t]*+\{\s{0,80}+(?:\#(metadata)){0,4}+"value"[ \t]*+:[ \t]*+()""# + Detector.valueStartMark + #"((?:[^"\\\r\n]|\\.)++)""#
    }

    /// `"functionKeys": {"default": "v", "ci": "v2"}`: an object of named secrets under a
    /// plural name (`az functionapp keys list`, `az webapp deployment list-publishing-credentials`),
    /// from the first member's value to the last's. Its members' names are anyone's, so the
    /// validator takes only values that look generated.
    private static var objectMembers: String {
        let member = #""(?:[^"\\\r\n]|\\.){1,80}+"[ \t]*+:[ \t]*+"#
        let value = #""(?:[^"\\\r\n]|\\.)++""#
        return #":[ \t]*+\{\s{0,80}+\#(member)()"# + Detector.valueStartMark + #"(\#(value)(?:[ \t]*+,\s{0,80}+\#(member)\#(value))*+)(?=\s*+\})"#
    }

    /// `name:` or `name =` (a backslash may continue the line), then one quoted value alone on the next line.
    private static var valueOnNextLine: String {
        let n = listItemBytes
        let v = Detector.valueStartMark
        return #"(?::|:?=)[ \t]*+\\?\r?\n[ \t]*+()(?|"\#(v)((?:[^"\\\r\n]|\\.)++)"|'\#(v)([^'\r\n]{1,\#(n)}+)')(?=[ \t]*+[,;]?[ \t]*+(?:\r?\n|$))"#
    }
}

extension SecretNames {
    /// The match validator of `secret-list`: the name's parts say it holds secrets, and one
    /// item at least has the shape of its value. A quoted item is judged as a quoted value; a
    /// bare one must also hold letters and digits or look generated (`[p for p in x]`,
    /// `[password, publickey]` stay).
    static let listFitsName: MaskRule.MatchValidator = { match, value, mayGrow in
        let before = match[match.startIndex..<value.startIndex]
        let name = before.prefix { Validators.isWord($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
        if nameParts(name).contains(where: notSecretParts.contains) { return false }
        let shape = shape(ofName: name)
        let flow = before.contains(UInt8(ascii: "["))
        // A quoted value alone on its line arrives without its quotes: one quoted item.
        let unquoted = before.last.map { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") } ?? false
        // `keys: [KeyComponent<ObjectType, Resolver>]`: an array's element type, not its items.
        if flow, !unquoted, CodeShapes.isTypeAnnotation(value) { return false }
        let items = unquoted ? [(text: value, quoted: true)] : listItems(value, flow: flow)
        // An object's members (the span opens with its first value's quote, after the brace):
        // every other item is a value, which must look generated.
        if !flow, value.first == UInt8(ascii: "\""), before.contains(UInt8(ascii: "{")) {
            return stride(from: 0, to: items.count, by: 2).contains { RandomToken.looksRandom(items[$0].text) }
        }
        return items.contains { item in
            // `"required": ["MasterUsername"]`, `tokens: [if, else]`: names and words, not values.
            if ValueShape.isIdentifier(item.text) { return false }
            // `["Africa/Abidjan"]`, `["write:pets"]`, `[.caseSensitiveKey]`: time zones, scopes, members.
            if ValueShape.isSlashedNames(item.text) || CodeShapes.isScope(item.text) || CodeShapes.isMember(item.text) { return false }
            if item.quoted { return shape.accepts(item.text, mayGrow: mayGrow, phrase: true) }
            let hasLetter = item.text.contains(where: Validators.isLetter)
            let hasDigit = item.text.contains(where: ValueShape.isDigit)
            return (hasLetter && hasDigit && shape.accepts(item.text, mayGrow: mayGrow)) || RandomToken.looksRandom(item.text)
        }
    }

    /// The items of a list span: quoted
    /// strings without their quotes, and bare runs without the dashes, commas and comments
    /// between them.
    static func listItems(_ span: ArraySlice<UInt8>, flow: Bool) -> [(text: ArraySlice<UInt8>, quoted: Bool)] {
        var items: [(text: ArraySlice<UInt8>, quoted: Bool)] = []
        let quote: Set<UInt8> = [UInt8(ascii: "\""), UInt8(ascii: "'")]
        let separators: Set<UInt8> = [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"),
                                      UInt8(ascii: ","), UInt8(ascii: "-")]
        var i = span.startIndex
        while i < span.endIndex {
            let byte = span[i]
            if separators.contains(byte), !(byte == UInt8(ascii: "-") && flow) {
                i += 1
                continue
            }
            if quote.contains(byte) {
                var j = i + 1
                while j < span.endIndex, span[j] != byte {
                    j += span[j] == UInt8(ascii: "\\") && byte == UInt8(ascii: "\"") ? 2 : 1
                }
                items.append((span[(i + 1)..<min(j, span.endIndex)], true))
                i = j + 1
                continue
            }
            if byte == UInt8(ascii: "#") {
                while i < span.endIndex, span[i] != UInt8(ascii: "\n") { i += 1 }
                continue
            }
            var j = i
            while j < span.endIndex, span[j] != UInt8(ascii: "\n"), span[j] != UInt8(ascii: "\r"), !(flow && span[j] == UInt8(ascii: ",")) { j += 1 }
            var end = j
            while end > i, span[end - 1] == UInt8(ascii: " ") || span[end - 1] == UInt8(ascii: "\t") { end -= 1 }
            items.append((span[i..<end], false))
            i = j
        }
        return items
    }
}

/// The values of a tuple assignment (`user, pass := "u", "p"`, Go's `const a, b string =
/// "x", "y"`, Python's `user, password = "u", "p"`): the value at the secret-bearing name's
/// place. The match starts at that name, so which value is its own is counted from the end:
/// a name with `m` names after it takes the value with `m` values after it.
extension BuiltinDetectors {
    /// The most names after the secret-bearing one that a tuple may have.
    static let tupleNamesAfter = 3

    static let secretTuple = Detector(
        id: "secret-tuple",
        description: "The value at a secret-bearing name's place in a tuple assignment: user, pass := \"u\", \"p\"",
        // All of it past the name is looked ahead at, so the match is the name alone and the
        // search goes on after it: a later secret-bearing name of the same tuple
        // (`static_pw1, static_pw2 := "a", "b"`) is found as well.
        pattern: SecretNames.namePattern + "(?=(?|" + (0...tupleNamesAfter).map { tupleShape(after: $0) }.joined(separator: "|") + "))",
        group: 1,
        // Prose hits are ruled out on the bytes after the name: a comma or an assignment, or
        // a Go type word (`pass string = "v"`) the gate skips before it asks for `=`.
        prefilter: Prefilter(
            keywords: SecretNames.keywords, caseless: true,
            gate: JointGate(
                nameClass: SecretNames.nameClass, longestName: SecretNames.nameRest,
                joint: "(?|" + (0...tupleNamesAfter).map { tupleShape(after: $0, typeAfterName: false) }.joined(separator: "|") + ")",
                alwaysTried: [],
                word: JointGate.Word(first: "[A-Za-z_]", rest: tupleTypeRest, longest: 64, joint: tupleShape(after: 0, goType: false)))),
        matchValidator: SecretNames.tupleValueFitsName,
        marksValueStart: true,
        examples: [
            #"user, pass := "deploy", "«Wq7-Lz3Kx9»""#, #"const apiToken, region string = "«Tz9Lq4Wk7Rm2Xb8V»", "eu-west-1""#,
            #"host, db_password, port = 'db1', '«Rb2Tm5-Vn8»', 5432"#,
            #"const deployPassword1, deployPassword2 string = "«Lz3Kx9-Wq7»", "«Tm5Vn8-Rb2»""#,
        ],
        counterexamples: [
            #"user, pass := "deploy", "${DEPLOY_PASSWORD}""#, #"token, err := "abc", nil"#,
            #"user, password := os.Getenv("U"), os.Getenv("P")"#, #"pass, fail = "ok", "no""#,
        ])

    /// The bytes of a Go type after its first (`string`, `[]byte`, `*pkg.Config`).
    private static let tupleTypeRest = #"[A-Za-z0-9_.\[\]*]"#

    /// The shape for a secret-bearing name with `after` names after it: the names, a Go type,
    /// the assignment, values, then the masked one and `after` more, and the line's end. With
    /// no name after it, values must come before its own (alone, it is `secret-field`'s).
    /// `goType: false` leaves the Go type out, and `typeAfterName: false` only where it would
    /// follow the name (no name after it): the branches `JointGate` takes apart.
    private static func tupleShape(after: Int, goType withType: Bool = true, typeAfterName: Bool = true) -> String {
        let ident = #"[A-Za-z_][A-Za-z0-9_]*+"#
        // A bare or single-quoted value is bounded, so an endless run after `password=` is
        // no partial tuple holding the name: the name detector holds only the value.
        let value = #"(?:"(?:[^"\\\r\n]|\\.)*+"|'[^'\r\n]{0,\#(listItemBytes)}+'|[A-Za-z0-9_.]{1,\#(listItemBytes)}+)"#
        let comma = #"[ \t]*+,[ \t]*+"#
        let names = String(repeating: comma + ident, count: after)
        let values = String(repeating: comma + value, count: after)
        let before = after == 0 ? #"(?:\#(value)\#(comma))++"# : #"(?:\#(value)\#(comma))*"#
        let goType = withType && (after > 0 || typeAfterName) ? #"(?:[ \t]++[A-Za-z_]"# + tupleTypeRest + "*+)?" : ""
        // Where the value may start, so a stream writes `api_key = '` at once (`MaskRule.valueStartProbe`).
        let v = Detector.valueStartMark
        return names + goType + #"[ \t]*+:?=[ \t]*+"# + before
            + #"(?|""# + v + #"((?:[^"\\\r\n]|\\.)++)"|'"# + v + #"([^'\r\n]++)')"# + values + #"[ \t]*+(?=[;)]?[ \t]*+(?:#|//|\r?\n|$))"#
    }
}

extension SecretNames {
    /// The match validator of `secret-tuple`: the name's parts say it holds a secret and its
    /// quoted value has the shape the name asks for.
    static let tupleValueFitsName: MaskRule.MatchValidator = { match, value, mayGrow in
        let name = match.prefix { Validators.isWord($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
        if nameParts(name).contains(where: notSecretParts.contains) { return false }
        return shape(ofName: name).accepts(value, mayGrow: mayGrow, phrase: true)
    }
}
