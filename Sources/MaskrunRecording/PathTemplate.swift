/// Recording paths with placeholders, so that every run gets its own file:
/// `logs/{cmd}-{time}-{pid}.cast` → `logs/make-20250314T092653Z-4242.cast`.
///
/// - `{time}`: the session's start, UTC, `YYYYMMDDTHHMMSSZ` (sorts as text, has no
///   characters a shell or another OS would trip on).
/// - `{pid}`: maskrun's own process id (the command's is not known until it starts,
///   and the files are opened before that).
/// - `{cmd}`: the command's file name (`/usr/bin/make` → `make`), with anything but
///   letters, digits, `.`, `_` and `-` turned into `_`, at most 32 characters.
/// - A leading `~/` is the home directory.
public struct PathTemplate: Sendable {
    public let text: String

    public init(_ text: String) {
        self.text = text
    }

    /// The values placeholders stand for.
    public struct Values: Sendable {
        public var time: Int
        public var pid: Int32
        public var command: String
        public var home: String?

        /// `time`: seconds since the Unix epoch; `command`: argv[0] (or `filter`).
        public init(time: Int, pid: Int32, command: String, home: String?) {
            self.time = time
            self.pid = pid
            self.command = command
            self.home = home
        }
    }

    /// True when the path has `{time}` or `{pid}`, i.e. is meant to be new each run.
    public var isPerRun: Bool { text.contains("{time}") || text.contains("{pid}") }

    /// The path with its placeholders filled in. An unknown placeholder or a stray brace
    /// is an error, so that a typo does not become a file name.
    public func expand(_ values: Values) throws(RecordingError) -> String {
        var result = ""
        var rest = Substring(text)
        if rest.hasPrefix("~/") {
            guard let home = values.home, !home.isEmpty else {
                throw RecordingError("\(text): cannot expand ~ (HOME is not set)")
            }
            result = home
            rest = rest.dropFirst()
        }
        while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
            result += rest[..<open]
            guard rest[open] == "{", let close = rest[open...].firstIndex(of: "}") else {
                throw RecordingError("\(text): unmatched brace (placeholders are {time}, {pid} and {cmd})")
            }
            switch rest[rest.index(after: open)..<close] {
            case "time": result += UTCTime(unixSeconds: values.time).compact
            case "pid": result += String(values.pid)
            case "cmd": result += Self.commandName(values.command)
            case let other:
                throw RecordingError("\(text): unknown placeholder {\(other)} (placeholders are {time}, {pid} and {cmd})")
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// The command's file name, made safe to put in a path.
    static func commandName(_ command: String) -> String {
        let base = command.split(separator: "/").last.map(String.init) ?? ""
        var name = String(base.unicodeScalars.prefix(32).map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "_", "-": return Character(scalar)
            default: return "_"
            }
        })
        if name.isEmpty || name.allSatisfy({ $0 == "." }) { name = "command" }
        return name
    }
}
