#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Separates terminal escape sequences from text as output arrives, so rules match the text a
/// person sees: a secret coloured or split by SGR/CSI sequences (`jq -C`, `grep --color`)
/// is still found, and the sequences are written back around the replacement (SPEC §3).
///
/// Recognised (ECMA-48, 7-bit): CSI (`ESC [` … final byte), two-byte and intermediate
/// `ESC` sequences (`ESC 7`, `ESC ( B`, `ESC \`), and the introducers of OSC, DCS, SOS, PM
/// and APC strings. The payload of those strings stays text, so a URL in an OSC 8
/// hyperlink or a title is masked like any other output.
struct EscapeSplitter {
    /// A run of escape bytes that goes right before text offset `at`.
    struct Run {
        var at: Int
        var bytes: [UInt8]
    }

    private enum State {
        case text
        /// After ESC.
        case escape
        /// After ESC [.
        case controlSequence
        /// After ESC and one or more intermediate bytes.
        case intermediate
    }

    private var state = State.text
    /// The unfinished sequence's bytes so far.
    private(set) var unfinished: [UInt8] = []

    /// A sequence longer than this is not one a terminal would act on; it is written as is.
    static let longest = 64

    private static let escapeByte: UInt8 = 0x1B

    /// Appends `bytes`' text to `text` and their escape sequences to `runs`, each run placed
    /// at the text offset it precedes (`textBase + text.count` when it ended).
    mutating func split(_ bytes: ArraySlice<UInt8>, text: inout [UInt8], textBase: Int, runs: inout [Run]) {
        var rest = bytes
        while !rest.isEmpty {
            // Plain text up to the next ESC goes over in one piece.
            if state == .text {
                let escape = Self.firstEscape(in: rest)
                text.append(contentsOf: rest[rest.startIndex..<escape])
                rest = rest[escape...]
                guard let byte = rest.popFirst() else { return }
                state = .escape
                unfinished.append(byte)
                continue
            }
            let byte = rest.removeFirst()
            switch state {
            case .text:
                text.append(byte)  // not reached: text is handled above
            case .escape:
                switch byte {
                case UInt8(ascii: "["):
                    unfinished.append(byte)
                    state = .controlSequence
                case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "X"), UInt8(ascii: "^"), UInt8(ascii: "_"):
                    // A string's introducer; its payload is text.
                    unfinished.append(byte)
                    end(at: textBase + text.count, runs: &runs)
                case 0x20...0x2F:
                    unfinished.append(byte)
                    state = .intermediate
                case 0x30...0x7E:
                    unfinished.append(byte)
                    end(at: textBase + text.count, runs: &runs)
                default:
                    // A lone ESC; the byte after it starts afresh.
                    end(at: textBase + text.count, runs: &runs)
                    split([byte][...], text: &text, textBase: textBase, runs: &runs)
                }
            case .controlSequence, .intermediate:
                guard (0x20...0x7E).contains(byte), unfinished.count < Self.longest else {
                    // Malformed or overlong: what came so far is written as it is.
                    end(at: textBase + text.count, runs: &runs)
                    split([byte][...], text: &text, textBase: textBase, runs: &runs)
                    continue
                }
                unfinished.append(byte)
                let isFinal = state == .controlSequence ? (0x40...0x7E).contains(byte) : (0x30...0x7E).contains(byte)
                if isFinal { end(at: textBase + text.count, runs: &runs) }
            }
        }
    }

    /// The index of the first ESC in `bytes`, or its end (memchr(3)).
    private static func firstEscape(in bytes: ArraySlice<UInt8>) -> Int {
        bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress, let hit = memchr(base, Int32(escapeByte), raw.count) else {
                return bytes.endIndex
            }
            return bytes.startIndex + (UnsafeRawPointer(hit) - base)
        }
    }

    /// The bytes of an unfinished sequence, handed out to be written (on a flush); the
    /// sequence's remaining bytes are still recognised when they arrive.
    mutating func takeUnfinished() -> [UInt8] {
        defer { unfinished.removeAll() }
        return unfinished
    }

    private mutating func end(at offset: Int, runs: inout [Run]) {
        if let last = runs.last, last.at == offset {
            runs[runs.count - 1].bytes += unfinished
        } else {
            runs.append(Run(at: offset, bytes: unfinished))
        }
        unfinished.removeAll(keepingCapacity: true)
        state = .text
    }
}
