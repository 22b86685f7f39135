/// A command to run under a pty, and how its terminal is set up.
public struct PTYCommand: Equatable, Sendable {
    /// argv; `arguments[0]` is looked up in PATH (execvp) unless it contains a slash.
    public var arguments: [String]
    /// The child's whole environment; nil inherits maskrun's. Its PATH is the one
    /// searched, as with env(1).
    public var environment: [String: String]?
    /// The pty's initial size; nil copies maskrun's terminal (stdin, else stdout, else stderr),
    /// or uses `WindowSize.fallback` when there is none.
    public var windowSize: WindowSize?
    /// Whether the pty turns "\n" into "\r\n" (ONLCR). nil: only when maskrun's stdout
    /// is a terminal, so that output redirected to a file or pipe keeps its own line
    /// endings while the child still sees a terminal.
    public var translatesNewlines: Bool?
    /// Without a terminal on stdin, set pagers to `cat` and turn off terminal prompts in
    /// the child's environment where the user has not set them (`NonInteractiveEnvironment`).
    public var nonInteractiveDefaults: Bool

    public init(
        _ arguments: [String], environment: [String: String]? = nil,
        windowSize: WindowSize? = nil, translatesNewlines: Bool? = nil,
        nonInteractiveDefaults: Bool = true
    ) {
        self.arguments = arguments
        self.environment = environment
        self.windowSize = windowSize
        self.translatesNewlines = translatesNewlines
        self.nonInteractiveDefaults = nonInteractiveDefaults
    }
}

/// maskrun's own descriptors that a session reads from and writes to. They are not
/// owned (never closed), and their file status flags are never changed, because they
/// are shared with the shell. Tests point them at pipes, files or a pty of their own.
public struct SessionStreams: Equatable, Sendable {
    public var input: Int32
    public var output: Int32
    public var error: Int32

    public init(input: Int32 = 0, output: Int32 = 1, error: Int32 = 2) {
        self.input = input
        self.output = output
        self.error = error
    }

    /// fds 0, 1 and 2.
    public static let standard = SessionStreams()

    /// True when one pty carries both the child's stdout and stderr: maskrun's stdout
    /// and stderr are the same terminal, file or pipe. Otherwise stderr is a separate pipe.
    public var sharesOneOutput: Bool { isSameOutput(output, error) }

    /// True when maskrun's stdout is the terminal its stdin is: only then may the
    /// terminal's output processing be turned off (raw output). With `| tee` or `> log`
    /// it stays on, so that what other programs print there is not staircased.
    public var outputIsInputTerminal: Bool { isSameTerminal(input, output) }

    /// Whether the pty turns "\n" into "\r\n" (ONLCR) unless a command says otherwise:
    /// only when maskrun's stdout is a terminal, so that a file or pipe gets the
    /// command's own line endings while the command still sees a terminal.
    public var translatesNewlines: Bool { isTerminal(fd: output) }
}
