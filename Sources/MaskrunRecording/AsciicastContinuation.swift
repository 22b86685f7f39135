import Foundation

/// Where an existing asciicast recording left off, for `--append`: its size (from the
/// header) and the time of its last event, after which new events go.
public struct AsciicastContinuation: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// Microseconds.
    public var lastTime: Int64

    /// The latest last-event time appended to, in seconds; `replay` caps waits the same way.
    static let maximumSeconds = 1e9

    /// Reads the header and the last line of `file` (opened for appending). Nil when the
    /// file is empty, which then gets a header as a new one. A file that is not asciicast
    /// v2, or whose last line is cut off (a session killed mid-write), is refused rather
    /// than made unreadable by what would follow.
    public static func read(from file: RecordingFile) throws(RecordingError) -> AsciicastContinuation? {
        let size = file.initialSize
        guard size > 0 else { return nil }
        let path = file.path
        let notCast = RecordingError("\(path): cannot append: not an asciicast v2 recording")
        let head = try file.read(at: 0, limit: min(size, 64 * 1024))
        guard let newline = head.firstIndex(of: 0x0A),
            let header = try? JSONSerialization.jsonObject(with: Data(head[..<newline])) as? [String: Any],
            (header["version"] as? NSNumber)?.intValue == 2,
            let width = (header["width"] as? NSNumber)?.intValue, let height = (header["height"] as? NSNumber)?.intValue
        else { throw notCast }
        let last = try lastLine(of: file, size: size)
        guard last.last == 0x0A else {
            throw RecordingError("\(path): cannot append: its last line is incomplete (a session that was cut off)")
        }
        var time: Int64 = 0
        if last.first == UInt8(ascii: "[") {
            guard let event = try? JSONSerialization.jsonObject(with: Data(last)) as? [Any],
                let seconds = (event.first as? NSNumber)?.doubleValue, seconds.isFinite, seconds >= 0
            else { throw notCast }
            // The time is input: one past a billion seconds (31 years) is no recording's,
            // and `1e300` would trap in the conversion below.
            guard seconds <= maximumSeconds else {
                throw RecordingError("\(path): cannot append: its last event's time (\(seconds) s) is out of range")
            }
            time = Int64((seconds * 1_000_000).rounded())
        }
        return AsciicastContinuation(width: width, height: height, lastTime: time)
    }

    /// The file's last non-empty line, newline included, read backwards in 64 KiB steps.
    private static func lastLine(of file: RecordingFile, size: Int) throws(RecordingError) -> [UInt8] {
        var tail: [UInt8] = []
        var start = size
        while start > 0 {
            let step = min(64 * 1024, start)
            start -= step
            tail = try file.read(at: start, limit: step) + tail
            // The end of the line before the last: a newline that is not the final byte.
            var end = tail.count
            while end > 0 && (tail[end - 1] == 0x0A || tail[end - 1] == 0x0D) { end -= 1 }
            if let newline = tail[..<end].lastIndex(of: 0x0A) {
                return Array(tail[(newline + 1)...])
            }
            if tail.count > CastReader.lineLimit {
                throw RecordingError("\(file.path): cannot append: its last line is longer than \(CastReader.lineLimit) bytes")
            }
        }
        return tail
    }
}
