/// The recording formats of `--log-format` (SPEC §5).
public enum RecordingFormat: String, Sendable, CaseIterable {
    /// asciicast v2: a JSON header line, then `[seconds, "o", text]` events.
    case cast
    /// The output bytes as they were written, nothing added.
    case text
}

/// Which stream bytes came from: the command's stdout (which carries its stderr too when
/// both go to one terminal) or its separate stderr; for `filter`, its standard input.
public enum RecordedStream: String, Sendable, CaseIterable {
    case stdout, stderr, stdin
}

/// What a session recording is told, in order: the window size at start and after each
/// change, the output as it is written, and the end. Times are since the session began.
/// Implementations write through a `ByteSink` and know nothing of terminals or masking.
public protocol SessionRecording: AnyObject {
    /// The file written, for messages.
    var path: String { get }
    func resized(columns: Int, rows: Int, at time: Duration) throws(RecordingError)
    func output(_ bytes: [UInt8], from stream: RecordedStream, at time: Duration) throws(RecordingError)
    /// Records how the command ended (maskrun's exit status) and closes the file.
    func finish(exitStatus: Int32, at time: Duration) throws(RecordingError)
    /// Closes without writing more, after a failure.
    func abandon()
}

/// The facts an asciicast header carries.
public struct SessionInfo: Sendable {
    /// The command line as one string (for the masked recording, already masked); nil
    /// for `filter`, which records a stream rather than a command.
    public var command: String?
    /// The session's start, seconds since the Unix epoch.
    public var timestamp: Int
    /// TERM and SHELL, when set: what asciinema records, and no more (other variables
    /// may hold secrets).
    public var environment: [(name: String, value: String)]
    /// The streams whose bytes already end lines with "\r\n" because they came through
    /// a terminal's output processing (the pty's ONLCR when maskrun's stdout is a
    /// terminal). Casts add the "\r" to the others, so that they replay right.
    public var terminalLineEndings: Set<RecordedStream>

    public init(
        command: String?, timestamp: Int, environment: [(name: String, value: String)],
        terminalLineEndings: Set<RecordedStream> = []
    ) {
        self.command = command
        self.timestamp = timestamp
        self.environment = environment
        self.terminalLineEndings = terminalLineEndings
    }

    /// The environment entries an asciicast header keeps.
    public static func headerEnvironment(_ environment: [String: String]) -> [(name: String, value: String)] {
        ["SHELL", "TERM"].compactMap { name in environment[name].map { (name, $0) } }
    }
}

/// `--log-format text`: the bytes exactly as written, in the order they came, both
/// streams together. No timing, no size, no exit status: a byte-exact transcript that
/// `cat` shows and `cmp` can compare.
public final class TextRecording: SessionRecording {
    private let sink: ByteSink
    public var path: String { sink.path }

    public init(sink: ByteSink) {
        self.sink = sink
    }

    public func resized(columns: Int, rows: Int, at time: Duration) throws(RecordingError) {}

    public func output(_ bytes: [UInt8], from stream: RecordedStream, at time: Duration) throws(RecordingError) {
        if !bytes.isEmpty { try sink.write(bytes) }
    }

    public func finish(exitStatus: Int32, at time: Duration) throws(RecordingError) {
        try sink.close()
    }

    public func abandon() {
        try? sink.close()
    }
}
