/// `--audit FILE`: JSON Lines, one object per masked span, then one summary line (SPEC §5).
///
/// ```
/// {"type": "mask", "time": "2025-03-14T09:26:53.104211Z", "elapsed": 0.104211, "stream": "stdout", "rule": "github-token", "offset": 6, "length": 40, "replacement": "template", "fingerprint": "3f9a0c6e1b2d"}
/// {"type": "summary", "time": "2025-03-14T09:26:54.000002Z", "start": "2025-03-14T09:26:53.000000Z", "duration": 1.000002, "command": "sh deploy.sh", "exit_status": 0, "masked": 1, "rules": {"github-token": 1}, "bytes_in": 120, "bytes_out": 95, "recording_errors": []}
/// ```
/// - `offset` and `length` count bytes of the stream as the command wrote it (before
///   masking), per stream; `stream` is `stdout`, `stderr`, or `stdin` for `filter`.
/// - `fingerprint` is the keyed HMAC the `hash` replacement uses: equal values give equal
///   fingerprints within a session (or across sessions with a configured key), and the
///   value cannot be recovered from it. The value itself is never written.
/// - `command` in the summary is the masked command line.
/// - `recording_errors` lists recordings that failed after the start (a full disk):
///   their file, the call and the errno text.
public final class AuditLog {
    private let sink: ByteSink
    /// The session's start, microseconds since the Unix epoch.
    private let startMicroseconds: Int64
    public var path: String { sink.path }

    public init(sink: ByteSink, startMicroseconds: Int64) {
        self.sink = sink
        self.startMicroseconds = startMicroseconds
    }

    /// One masked span.
    public struct Event: Sendable, Equatable {
        public var time: Duration
        public var stream: RecordedStream
        public var rule: String
        public var offset: Int
        public var length: Int
        public var replacement: String
        public var fingerprint: String
        /// The notebook cell (the request's `msg_id`) whose output held the span, for kernels.
        public var cell: String?

        public init(time: Duration, stream: RecordedStream, rule: String, offset: Int, length: Int, replacement: String, fingerprint: String, cell: String? = nil) {
            self.time = time
            self.stream = stream
            self.rule = rule
            self.offset = offset
            self.length = length
            self.replacement = replacement
            self.fingerprint = fingerprint
            self.cell = cell
        }
    }

    /// How the session went, for the last line.
    public struct Summary: Sendable {
        public var duration: Duration
        public var command: String?
        public var exitStatus: Int32
        /// Masked spans per rule id.
        public var rules: [String: Int]
        public var bytesIn: Int
        public var bytesOut: Int
        public var recordingErrors: [String]

        public init(duration: Duration, command: String?, exitStatus: Int32, rules: [String: Int], bytesIn: Int, bytesOut: Int, recordingErrors: [String]) {
            self.duration = duration
            self.command = command
            self.exitStatus = exitStatus
            self.rules = rules
            self.bytesIn = bytesIn
            self.bytesOut = bytesOut
            self.recordingErrors = recordingErrors
        }
    }

    public func record(_ event: Event) throws(RecordingError) {
        let line = JSONText.object([
            ("type", JSONText.quoted("mask")),
            ("time", JSONText.quoted(timestamp(at: event.time))),
            ("elapsed", Array(JSONText.seconds(microseconds: event.time.microseconds).utf8)),
            ("stream", JSONText.quoted(event.stream.rawValue)),
            ("rule", JSONText.quoted(event.rule)),
            ("offset", JSONText.number(event.offset)),
            ("length", JSONText.number(event.length)),
            ("replacement", JSONText.quoted(event.replacement)),
            ("fingerprint", JSONText.quoted(event.fingerprint)),
        ] + (event.cell.map { [("cell", JSONText.quoted($0))] } ?? []))
        try sink.write(line + [0x0A])
    }

    /// Writes the summary line and closes the file.
    public func finish(_ summary: Summary) throws(RecordingError) {
        var members: [(String, [UInt8])] = [
            ("type", JSONText.quoted("summary")),
            ("time", JSONText.quoted(timestamp(at: summary.duration))),
            ("start", JSONText.quoted(timestamp(at: .zero))),
            ("duration", Array(JSONText.seconds(microseconds: summary.duration.microseconds).utf8)),
        ]
        if let command = summary.command { members.append(("command", JSONText.quoted(command))) }
        members += [
            ("exit_status", JSONText.number(summary.exitStatus)),
            ("masked", JSONText.number(summary.rules.values.reduce(0, +))),
            ("rules", JSONText.object(summary.rules.sorted { $0.key < $1.key }.map { ($0.key, JSONText.number($0.value)) })),
            ("bytes_in", JSONText.number(summary.bytesIn)),
            ("bytes_out", JSONText.number(summary.bytesOut)),
            ("recording_errors", JSONText.array(summary.recordingErrors.map { JSONText.quoted($0) })),
        ]
        try sink.write(JSONText.object(members) + [0x0A])
        try sink.close()
    }

    public func abandon() {
        try? sink.close()
    }

    private func timestamp(at elapsed: Duration) -> String {
        UTCTime.iso8601(microseconds: startMicroseconds + elapsed.microseconds)
    }
}
