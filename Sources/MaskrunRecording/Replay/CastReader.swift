import Foundation

/// Reads an asciicast v2 recording line by line: the header, then events. Malformed
/// input is an error naming the file and line, so `maskrun replay` can say what is
/// wrong instead of crashing.
public final class CastReader {
    public struct Header: Sendable {
        public var width: Int
        public var height: Int
        /// `idle_time_limit`, which players use when the user gives none.
        public var idleTimeLimit: Double?
    }

    public struct Event: Sendable, Equatable {
        /// Seconds since the start of the recording.
        public var time: Double
        /// `o` output, `i` input, `r` resize, `m` marker.
        public var type: String
        public var data: String
    }

    public let header: Header
    private let reader: ByteReader
    private var lineNumber = 1
    private var path: String { reader.source.path }

    /// Longest line accepted: an event of one 64 KiB read, escaped, fits many times over.
    static let lineLimit = 16 * 1024 * 1024

    public init(source: ByteSource) throws(RecordingError) {
        reader = ByteReader(source)
        let path = source.path
        let notCast = RecordingError("\(path): not an asciicast v2 recording (text recordings are plain output: use cat)")
        guard let line = try reader.readLine(limit: 64 * 1024) else {
            throw RecordingError("\(path): empty file; not a recording")
        }
        guard let object = Self.parse(line) as? [String: Any], (object["version"] as? NSNumber)?.intValue == 2 else {
            throw notCast
        }
        guard let width = (object["width"] as? NSNumber)?.intValue, let height = (object["height"] as? NSNumber)?.intValue else {
            throw RecordingError("\(path):1: the asciicast header has no width and height")
        }
        header = Header(width: width, height: height, idleTimeLimit: (object["idle_time_limit"] as? NSNumber)?.doubleValue)
    }

    /// The next event; nil at the end. Blank lines are skipped.
    public func next() throws(RecordingError) -> Event? {
        while let line = try reader.readLine(limit: Self.lineLimit) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x0A || $0 == 0x0D || $0 == 0x20 }) { continue }
            guard let value = Self.parse(line) else {
                if line.last != 0x0A {
                    throw RecordingError("\(path):\(lineNumber): truncated: the last line is incomplete")
                }
                throw RecordingError("\(path):\(lineNumber): not an asciicast event (invalid JSON)")
            }
            guard let array = value as? [Any], array.count >= 3, let time = (array[0] as? NSNumber)?.doubleValue, time.isFinite, time >= 0,
                let type = array[1] as? String, let data = array[2] as? String
            else {
                throw RecordingError("\(path):\(lineNumber): not an asciicast event ([seconds, type, data])")
            }
            return Event(time: time, type: type, data: data)
        }
        return nil
    }

    private static func parse(_ line: [UInt8]) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed])
    }
}

/// Plays the output events of a recording with their timing (or without: `--cat`).
public enum CastPlayer {
    /// How to pace playback: gaps between output events longer than `idleLimit` are cut
    /// to it, then everything is divided by `speed` (as `asciinema play` does).
    public struct Pace: Sendable {
        public var speed: Double
        public var idleLimit: Double?

        public init(speed: Double = 1, idleLimit: Double? = nil) {
            self.speed = speed
            self.idleLimit = idleLimit
        }
    }

    /// Writes each `o` event's text with `write`, first waiting with `waitUntil(seconds
    /// since playback began)` when `pace` is given. Resize, input and marker events are
    /// skipped, and so is their time: gaps are measured between output events.
    public static func play(
        _ reader: CastReader, pace: Pace?, write: ([UInt8]) throws(RecordingError) -> Void,
        waitUntil: (Double) -> Void
    ) throws(RecordingError) {
        let idleLimit = pace?.idleLimit ?? reader.header.idleTimeLimit
        var previous = 0.0
        var due = 0.0
        while let event = try reader.next() {
            guard event.type == "o" else { continue }
            if let pace {
                var gap = max(0, event.time - previous)
                if let idleLimit, idleLimit > 0 { gap = min(gap, idleLimit) }
                due += gap / pace.speed
                waitUntil(due)
            }
            previous = max(previous, event.time)
            try write(Array(event.data.utf8))
        }
    }
}
