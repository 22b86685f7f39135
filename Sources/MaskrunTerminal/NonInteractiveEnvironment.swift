import MaskrunSystem

/// What a command's environment gets when maskrun has no terminal on stdin (CI, cron, an
/// agent): the command still sees a terminal on stdout, so git, man and systemctl would
/// start `less`, which waits for a key that can never come. As CI runners do, pagers are
/// set to `cat` and git's credential prompt is turned off, each only where the user's
/// environment does not set it already. `MASKRUN_CI_DEFAULTS=0` turns this off.
public enum NonInteractiveEnvironment {
    /// Each variable and the value it gets when unset.
    public static let defaults: [(name: String, value: String)] = [
        ("PAGER", "cat"),
        ("GIT_PAGER", "cat"),
        ("MANPAGER", "cat"),
        ("SYSTEMD_PAGER", "cat"),
        ("AWS_PAGER", "cat"),
        ("GH_PAGER", "cat"),
        // git asks for a username or password on the terminal; fail instead of waiting.
        ("GIT_TERMINAL_PROMPT", "0"),
    ]

    /// The variable that turns the defaults off when set to `0`.
    public static let switchName = "MASKRUN_CI_DEFAULTS"

    /// `environment` with the defaults added where missing, unless switched off.
    public static func applied(to environment: [String: String]) -> [String: String] {
        if environment[switchName] == "0" { return environment }
        var result = environment
        for (name, value) in defaults where result[name] == nil {
            result[name] = value
        }
        return result
    }
}

/// maskrun's own environment, as `NAME=value` pairs read from environ(7). An entry
/// without `=` is skipped; the first of duplicate names wins, as getenv(3) does.
func currentEnvironment() -> [String: String] {
    var result: [String: String] = [:]
    var cursor = environ
    while let entry = cursor.pointee {
        let text = String(cString: entry)
        if let equals = text.firstIndex(of: "=") {
            let name = String(text[..<equals])
            if result[name] == nil { result[name] = String(text[text.index(after: equals)...]) }
        }
        cursor += 1
    }
    return result
}
