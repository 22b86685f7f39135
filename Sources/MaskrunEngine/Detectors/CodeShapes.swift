/// Values that are program text or markup rather than data: what source files, API
/// documentation and man pages put after a secret-bearing name (`password: bool = False`,
/// `_baseSig: UnsafeMutablePointer<ECDSA_SIG>`, `--passphrase \fIstring\fR`), and names that
/// are file names (`tests/Test-auth-basic.py: Add a test`). Nothing a program prints as a
/// secret has these shapes.
enum CodeShapes {
    /// A roff font escape (`\fI`, `\fB`, `\fR`, `\f(CW`, `\f[I]`) at the value's start: a man
    /// page's source, where an italic word is the option's metavariable.
    static func isRoffMarkup(_ value: ArraySlice<UInt8>) -> Bool {
        guard value.count >= 3, value.first == UInt8(ascii: "\\") else { return false }
        let second = value[value.startIndex + 1], third = value[value.startIndex + 2]
        return second == UInt8(ascii: "f") && "IBRPC123456789([".utf8.contains(third)
    }

    /// Python's and Swift's builtin types written lower case, as annotations use them.
    static let lowerCaseTypes: Set<String> = ["bool", "str", "int", "float", "bytes", "dict", "list", "tuple", "set",
                                              "object", "any", "none", "optional"]

    /// A type annotation with something only a type has: a default (`bool = False`,
    /// `int | None = None`), a union (`_PasswordType | None`) or generic arguments
    /// (`UnsafeMutablePointer<ECDSA_SIG>`, `Optional[str]`). A bare capitalised word
    /// (`SuperSecret`) is no such thing: it may be a password.
    static func isTypeAnnotation(_ value: ArraySlice<UInt8>) -> Bool {
        let text = String(decoding: value, as: UTF8.self)
        var rest = Substring(text)
        var hasDefault = false
        if let equals = rest.range(of: " = ") {
            let defaultValue = rest[equals.upperBound...]
            guard !defaultValue.isEmpty, !defaultValue.contains(" ") else { return false }
            rest = rest[..<equals.lowerBound]
            hasDefault = true
        }
        let members = rest.components(separatedBy: " | ")
        guard !members.isEmpty else { return false }
        var generic = false
        for (index, member) in members.enumerated() {
            guard let type = typeExpression(Substring(member)) else { return false }
            generic = generic || type.generic
            // The first member says it is a type: a capitalised or `_`-led identifier, or a builtin.
            if index == 0, !type.capitalised, !lowerCaseTypes.contains(type.head.lowercased()) { return false }
        }
        return hasDefault || members.count >= 2 || generic
    }

    /// `Name`, `Module.Name`, `Name<A, B>`, `Name[A]`, each optionally `?` or `!`: its head
    /// identifier, whether that is capitalised (or `_Capitalised`), and whether it has arguments.
    private static func typeExpression(_ member: Substring) -> (head: Substring, capitalised: Bool, generic: Bool)? {
        var body = member
        while let last = body.last, last == "?" || last == "!" { body.removeLast() }
        let isIdentifierCharacter: (Character) -> Bool = { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ".") }
        let head = body.prefix(while: isIdentifierCharacter)
        guard let first = head.first, first.isLetter || first == "_" else { return nil }
        let afterUnderscores = head.drop { $0 == "_" }
        let capitalised = afterUnderscores.first?.isUppercase == true && afterUnderscores.contains(where: \.isLowercase)
        let arguments = body.dropFirst(head.count)
        if arguments.isEmpty { return (head, capitalised, false) }
        guard let open = arguments.first, let close = arguments.last,
              (open == "<" && close == ">") || (open == "[" && close == "]") else { return nil }
        let inner = arguments.dropFirst().dropLast()
        guard !inner.isEmpty, inner.allSatisfy({ isIdentifierCharacter($0) || ", <>[]?".contains($0) }) else { return nil }
        return (head, capitalised, true)
    }

    /// Extensions of source, build and documentation files: a name ending in one
    /// (`css-tokens.h`, `Test-proxied-https-auth.px`) is a file, not a setting. Data files
    /// (`credentials.json`, `secret.yaml`, `.env`) are left out: a Secret's data key is such
    /// a name, with the file's content as its value.
    static let sourceExtensions: Set<String> = [
        "c", "h", "cc", "cpp", "cxx", "hpp", "hh", "m", "mm", "py", "pyi", "pl", "pm", "px", "t", "rb", "js", "mjs",
        "cjs", "ts", "tsx", "jsx", "go", "rs", "java", "kt", "scala", "swift", "sh", "bash", "zsh", "fish", "ps1",
        "bat", "md", "rst", "adoc", "texi", "html", "htm", "css", "scss", "in", "am", "ac", "m4", "mk", "cmake", "o",
        "so", "dll", "dylib", "a", "lo", "la", "php", "lua", "el", "vim", "sql", "po", "pot", "1", "3", "5", "8",
    ]

    /// Whether `name` (a secret-bearing name as written) ends in `.ext` of a source file.
    static func isFileName(_ name: ArraySlice<UInt8>) -> Bool {
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot > name.startIndex else { return false }
        let ext = String(decoding: name[(dot + 1)...], as: UTF8.self)
        return sourceExtensions.contains(ext.lowercased()) && ext.allSatisfy { $0.isLowercase || $0.isNumber }
    }

    /// An OAuth scope (`read:org`, `write:packages`, `delete:pets`): a verb, a colon, a name.
    static func isScope(_ value: ArraySlice<UInt8>) -> Bool {
        guard let colon = value.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let verb = String(decoding: value[..<colon], as: UTF8.self)
        let object = value[(colon + 1)...]
        return ["read", "write", "delete", "create", "update", "list", "manage"].contains(verb)
            && !object.isEmpty && ValueShape.isIdentifier(object)
    }

    /// An implicit member (`.volumeSupportsCaseSensitiveNamesKey`, Swift's enum cases and
    /// static members): a dot, then an identifier.
    static func isMember(_ value: ArraySlice<UInt8>) -> Bool {
        value.count >= 2 && value.first == UInt8(ascii: ".")
            && (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(value[value.startIndex + 1])
            && value.dropFirst().allSatisfy { Validators.isLetter($0) || ValueShape.isDigit($0) || $0 == UInt8(ascii: "_") }
    }
}
