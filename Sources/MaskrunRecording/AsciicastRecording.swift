/// `--log-format cast` (the default): asciicast v2, so that `asciinema play`, `asciinema
/// cat` and `maskrun replay` play it.
///
/// ```
/// {"version": 2, "width": 80, "height": 24, "timestamp": 1700000000, "command": "make test", "env": {"SHELL": "/bin/bash", "TERM": "xterm-256color"}}
/// [0.012345, "o", "building...\r\n"]
/// [1.500000, "r", "100x40"]
/// [2.000001, "m", "exit 0"]
/// ```
/// - Times have microsecond precision and never go backwards.
/// - Output is text: each stream is repaired to UTF-8 on its own (`UTF8Repair`), so a
///   character split between reads stays whole and invalid bytes become U+FFFD, as in
///   asciinema's own recordings. `--log-format text` keeps the exact bytes.
/// - Output events end lines as a terminal shows them: "\n" becomes "\r\n" (what a
///   terminal's ONLCR does) in streams that did not come through one, such as output
///   recorded without a terminal, so a cast made in CI replays as one made on a terminal.
/// - Output read in one large batch becomes several events of at most 4 KiB, each ending
///   at a line break where one is near, with the same time: a disk that fills keeps the
///   first lines whole, and players stream them as asciinema's own per-read events.
/// - The header is written at the first event, when the window size is known.
/// - The last line is a marker event (`"m"`) with maskrun's exit status, `exit N`;
///   players skip markers, or show them as chapter points.
/// - Appending (`--append`) to a recording adds events after its last one, as
///   `asciinema rec --append` does: no second header, times carry on from the last
///   event, and an `"r"` event when the window size differs from the header's.
public final class AsciicastRecording: SessionRecording {
    private let sink: ByteSink
    private let info: SessionInfo
    public var path: String { sink.path }
    private var repairs: [RecordedStream: UTF8Repair] = [:]
    /// Width and height in the header, or last recorded; nil until the header is written.
    private var size: (columns: Int, rows: Int)?
    private let offset: Int64
    private var lastTime: Int64 = 0

    /// What asciinema uses when it knows no size, and what `filter` records.
    public static let defaultSize = (columns: 80, rows: 24)

    /// `appendingTo`: the state of an existing recording to continue, or nil for a new one.
    public init(sink: ByteSink, info: SessionInfo, appendingTo existing: AsciicastContinuation? = nil) {
        self.sink = sink
        self.info = info
        if let existing {
            size = (existing.width, existing.height)
            offset = existing.lastTime
        } else {
            offset = 0
        }
        lastTime = offset
    }

    public func resized(columns: Int, rows: Int, at time: Duration) throws(RecordingError) {
        guard let size else {
            try writeHeader(columns: columns, rows: rows)
            return
        }
        guard size != (columns, rows) else { return }
        self.size = (columns, rows)
        try event(time, "r", JSONText.quoted("\(columns)x\(rows)"))
    }

    public func output(_ bytes: [UInt8], from stream: RecordedStream, at time: Duration) throws(RecordingError) {
        let bytes = info.terminalLineEndings.contains(stream) ? bytes : Self.terminalLineEndings(bytes)
        let text = repairs[stream, default: UTF8Repair()].repair(bytes)
        for piece in Self.eventPieces(text) {
            try event(time, "o", JSONText.quoted(utf8: Array(piece)))
        }
    }

    /// Largest output event, in bytes of UTF-8 text.
    static let eventLimit = 4096

    /// `text` cut into pieces of at most `eventLimit` bytes, each ending after its last
    /// line break if it has one, else at a character boundary.
    static func eventPieces(_ text: [UInt8]) -> [ArraySlice<UInt8>] {
        var pieces: [ArraySlice<UInt8>] = []
        var start = 0
        while start < text.count {
            var end = min(start + eventLimit, text.count)
            if end < text.count {
                if let newline = text[start..<end].lastIndex(of: 0x0A) {
                    end = newline + 1
                } else {
                    while end > start + 1, text[end] & 0xC0 == 0x80 { end -= 1 }
                }
            }
            pieces.append(text[start..<end])
            start = end
        }
        return pieces
    }

    public func finish(exitStatus: Int32, at time: Duration) throws(RecordingError) {
        for stream in RecordedStream.allCases {
            if let rest = repairs[stream]?.finish(), !rest.isEmpty {
                try event(time, "o", JSONText.quoted(utf8: rest))
            }
        }
        try event(time, "m", JSONText.quoted("exit \(exitStatus)"))
        try sink.close()
    }

    public func abandon() {
        try? sink.close()
    }

    /// Every "\n" as "\r\n", as a terminal's output processing (ONLCR) writes it.
    static func terminalLineEndings(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(0x0A) else { return bytes }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + bytes.count / 16)
        for byte in bytes {
            if byte == 0x0A { result.append(0x0D) }
            result.append(byte)
        }
        return result
    }

    private func writeHeader(columns: Int, rows: Int) throws(RecordingError) {
        size = (columns, rows)
        var members: [(String, [UInt8])] = [
            ("version", JSONText.number(2)),
            ("width", JSONText.number(columns)),
            ("height", JSONText.number(rows)),
            ("timestamp", JSONText.number(info.timestamp)),
        ]
        if let command = info.command { members.append(("command", JSONText.quoted(command))) }
        if !info.environment.isEmpty {
            members.append(("env", JSONText.object(info.environment.map { ($0.name, JSONText.quoted($0.value)) })))
        }
        try sink.write(JSONText.object(members) + [0x0A])
    }

    private func event(_ time: Duration, _ type: String, _ data: [UInt8]) throws(RecordingError) {
        if size == nil { try writeHeader(columns: Self.defaultSize.columns, rows: Self.defaultSize.rows) }
        lastTime = max(lastTime, offset + time.microseconds)
        let line = Array("[\(JSONText.seconds(microseconds: lastTime)), \"\(type)\", ".utf8) + data + Array("]\n".utf8)
        try sink.write(line)
    }
}
