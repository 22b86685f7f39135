/// Turns a byte stream that should be UTF-8 into valid UTF-8, read by read.
///
/// A character split between two reads is held back until its rest arrives, so a
/// recording never shows a replacement character where the output had none. Each
/// ill-formed sequence becomes one U+FFFD, by the "maximal subpart" practice of Unicode
/// (§3.9) that WHATWG's decoder and Python's `errors="replace"` follow: the byte that
/// breaks a sequence is not swallowed but read again. So an incomplete character just
/// before a masked span gives `\u{FFFD}[MASKED:rule]`, the replacement intact.
public struct UTF8Repair: Sendable {
    /// The start of a character that the last read ended inside (at most 3 bytes).
    private var pending: [UInt8] = []

    public init() {}

    public static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// The valid UTF-8 for `bytes`; with `final`, an incomplete character at the end
    /// becomes U+FFFD instead of being held.
    public mutating func repair(_ bytes: some Collection<UInt8>, final: Bool = false) -> [UInt8] {
        let data = pending.isEmpty ? Array(bytes) : pending + bytes
        pending = []
        // The usual case, valid UTF-8 perhaps cut inside its last character: the standard
        // library's validation is much faster than the loop below. Holding the cut-off
        // bytes gives the same result as the loop, since the rest ends on a character.
        let end = final ? data.count : Self.endOfLastWholeCharacter(data)
        if String(validating: data[..<end], as: UTF8.self) != nil {
            pending = Array(data[end...])
            return end == data.count ? data : Array(data[..<end])
        }
        return repairSlowly(data, final: final)
    }

    /// Where the last character of `data` would end if it is cut off: the index of its
    /// lead byte when fewer bytes follow than it announces, else the end.
    private static func endOfLastWholeCharacter(_ data: [UInt8]) -> Int {
        var index = data.count
        while index > max(0, data.count - 4) {
            index -= 1
            let byte = data[index]
            if byte & 0xC0 == 0x80 { continue }  // a continuation byte: look further back
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            return data.count - index < length ? index : data.count
        }
        return data.count
    }

    /// Byte by byte, replacing each ill-formed sequence.
    private mutating func repairSlowly(_ data: [UInt8], final: Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(data.count)
        var index = 0
        let count = data.count
        while index < count {
            let lead = data[index]
            if lead < 0x80 {
                output.append(lead)
                index += 1
                continue
            }
            guard let shape = Self.shape(of: lead) else {
                output += Self.replacement
                index += 1
                continue
            }
            var next = index + 1
            var matched = 0
            while matched < shape.continuations {
                if next == count {
                    if final {
                        output += Self.replacement
                    } else {
                        pending = Array(data[index...])
                    }
                    return output
                }
                let byte = data[next]
                let range = matched == 0 ? shape.second : 0x80...0xBF
                guard range.contains(byte) else { break }
                next += 1
                matched += 1
            }
            if matched == shape.continuations {
                output += data[index..<next]
            } else {
                output += Self.replacement
            }
            index = next
        }
        return output
    }

    /// Ends the stream: an incomplete character left over becomes U+FFFD.
    public mutating func finish() -> [UInt8] {
        repair([], final: true)
    }

    /// How many continuation bytes a lead byte takes and which second bytes are
    /// allowed (the narrower ranges rule out overlong forms, surrogates and values
    /// past U+10FFFF). Nil for bytes that cannot start a character.
    private static func shape(of lead: UInt8) -> (continuations: Int, second: ClosedRange<UInt8>)? {
        switch lead {
        case 0xC2...0xDF: return (1, 0x80...0xBF)
        case 0xE0: return (2, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: return (2, 0x80...0xBF)
        case 0xED: return (2, 0x80...0x9F)
        case 0xF0: return (3, 0x90...0xBF)
        case 0xF1...0xF3: return (3, 0x80...0xBF)
        case 0xF4: return (3, 0x80...0x8F)
        default: return nil
        }
    }
}
