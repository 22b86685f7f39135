/// Separates what a terminal draws from what only moves or decorates it, as output arrives,
/// so rules match the text a person sees (SPEC §3): a secret coloured or split by SGR/CSI
/// sequences (`jq -C`, `grep --color`) is still found, and so is one that a pager or `man`
/// rewrites as it goes. What is not text is kept as runs and written back around the
/// replacement.
///
/// Recognised (ECMA-48, 7-bit): CSI (`ESC [` … final byte, cursor movement included),
/// two-byte and intermediate `ESC` sequences (`ESC 7`, `ESC ( B`, `ESC \`), and the
/// introducers of OSC, DCS, SOS, PM and APC strings. The payload of those strings stays
/// text, so a URL in an OSC 8 hyperlink or a title is masked like any other output.
/// Terminal rewrites: a character then backspace (`X\bX` bold, `_\bX` underline, ` \b` at
/// less's line wrap) is an overstrike run and the text is the character after it; a
/// carriage return followed by the line's text again (a redraw) is a rewrite run.
struct EscapeSplitter {
    /// What goes right before text offset `at` and is not text itself.
    struct Run {
        enum Kind {
            /// An escape sequence, a lone backspace or carriage return: written as it is.
            case escape
            /// A character and the backspace that draws over it: carries a character of the
            /// text after it, so it is dropped inside a masked span.
            case overstrike
            /// A carriage return and the line's text drawn again: carries the line's text,
            /// so it is written from the masked line, never as it came.
            case rewrite
        }
        var at: Int
        var bytes: [UInt8]
        var kind = Kind.escape
    }

    private enum State: Equatable {
        case text
        /// After ESC.
        case escape
        /// After ESC [.
        case controlSequence
        /// After ESC and one or more intermediate bytes.
        case intermediate
        /// After a carriage return: a line feed, or the line drawn again, may follow.
        case carriageReturn
        /// Comparing what follows a carriage return with the line's text (from text offset
        /// `lineStart`, `length` bytes long).
        case rewrite(lineStart: Int, length: Int)
    }

    private var state = State.text
    /// The unfinished escape sequence's bytes so far.
    private(set) var unfinished: [UInt8] = []
    /// A carriage return and the bytes after it that repeat the line so far.
    private var rewriting: [UInt8] = []
    /// The input's last character, kept back until the next byte says whether a backspace
    /// draws over it.
    private var pendingText: [UInt8] = []

    /// A sequence longer than this is not one a terminal would act on; it is written as is.
    static let longest = 64
    /// A redraw of a line longer than this is treated as new text.
    static let longestRewrite = 4096

    private static let escapeByte: UInt8 = 0x1B
    static let backspace: UInt8 = 0x08
    private static let carriageReturn: UInt8 = 0x0D
    private static let lineFeed: UInt8 = 0x0A

    /// Bytes taken but not yet placed as text or runs.
    var holdsBytes: Bool { !unfinished.isEmpty || !rewriting.isEmpty || !pendingText.isEmpty }

    /// Hands over the kept-back last character when nothing else is held (no unfinished
    /// sequence or redraw), so the caller can make it text at once and put it back with
    /// `keepBack` should a backspace open the next input after all. Nil otherwise.
    mutating func takeKeptBackCharacter() -> [UInt8]? {
        guard !pendingText.isEmpty, unfinished.isEmpty, rewriting.isEmpty, state == .text else { return nil }
        defer { pendingText.removeAll() }
        return pendingText
    }

    /// Keeps `character` back again as the input's last one (see `takeKeptBackCharacter`): the
    /// next input's backspace then makes it an overstrike run, as if both had come at once.
    mutating func keepBack(_ character: [UInt8]) {
        pendingText = character
    }

    /// Appends `bytes`' text to `text` and the rest to `runs`, each run placed at the text
    /// offset it precedes (`textBase + text.count` when it ended).
    mutating func split(_ bytes: ArraySlice<UInt8>, text: inout [UInt8], textBase: Int, runs: inout [Run]) {
        var index = bytes.startIndex
        // Text appended from here on may still be drawn over by a backspace.
        let retractable = text.count
        if !pendingText.isEmpty, index < bytes.endIndex {
            if bytes[index] == Self.backspace {
                add(pendingText + [Self.backspace], at: textBase + text.count, kind: .overstrike, to: &runs)
                index += 1
            } else {
                text += pendingText
            }
            pendingText.removeAll()
        }
        while index < bytes.endIndex {
            if state == .text {
                // Plain text up to the next special byte goes over in one piece.
                let stop = Self.firstSpecial(in: bytes, from: index)
                text.append(contentsOf: bytes[index..<stop])
                index = stop
                guard index < bytes.endIndex else { break }
                let byte = bytes[index]
                index += 1
                switch byte {
                case Self.escapeByte:
                    state = .escape
                    unfinished.append(byte)
                case Self.backspace:
                    drawOver(text: &text, textBase: textBase, runs: &runs, notBefore: retractable)
                default:
                    state = .carriageReturn
                    rewriting = [byte]
                }
                continue
            }
            let byte = bytes[index]
            var consumed = true
            switch state {
            case .text:
                break  // not reached: text is handled above
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
                    consumed = false
                }
            case .controlSequence, .intermediate:
                guard (0x20...0x7E).contains(byte), unfinished.count < Self.longest else {
                    // Malformed or overlong: what came so far is written as it is.
                    end(at: textBase + text.count, runs: &runs)
                    consumed = false
                    break
                }
                unfinished.append(byte)
                let isFinal = state == .controlSequence ? (0x40...0x7E).contains(byte) : (0x30...0x7E).contains(byte)
                if isFinal { end(at: textBase + text.count, runs: &runs) }
            case .carriageReturn:
                consumed = afterCarriageReturn(byte, text: &text, textBase: textBase, runs: &runs)
            case .rewrite(let lineStart, let length):
                let matched = rewriting.count - 1
                let compared = lineStart + matched - textBase
                if compared >= 0, compared < text.count, byte == text[compared] {
                    rewriting.append(byte)
                    if matched + 1 == length {
                        add(rewriting, at: textBase + text.count, kind: .rewrite, to: &runs)
                        rewriting.removeAll()
                        state = .text
                    }
                } else {
                    // Not the same text: the carriage return and what followed are text.
                    text += rewriting
                    rewriting.removeAll()
                    state = .text
                    consumed = false
                }
            }
            if consumed { index += 1 }
        }
        keepBackLastCharacter(text: &text, textBase: textBase, runs: runs, notBefore: retractable)
    }

    /// The byte after a carriage return: a line feed ends the line as text; otherwise the
    /// comparison with the line's text begins. Returns whether `byte` was used.
    private mutating func afterCarriageReturn(_ byte: UInt8, text: inout [UInt8], textBase: Int, runs: inout [Run]) -> Bool {
        if byte == Self.lineFeed {
            text += [Self.carriageReturn, Self.lineFeed]
            rewriting.removeAll()
            state = .text
            return true
        }
        let searchFrom = max(0, text.count - Self.longestRewrite - 1)
        let lineFeed = text[searchFrom...].lastIndex(of: Self.lineFeed)
        if lineFeed == nil && searchFrom > 0 {
            // A line too long to compare: the carriage return is text.
            text += rewriting
            rewriting.removeAll()
            state = .text
            return false
        }
        let lineStart = lineFeed.map { $0 + 1 } ?? 0
        if lineStart == text.count || runs.last?.at == textBase + text.count {
            // At a line's start, or after a sequence: it carries no text.
            add(rewriting, at: textBase + text.count, kind: .escape, to: &runs)
            rewriting.removeAll()
            state = .text
            return false
        }
        state = .rewrite(lineStart: textBase + lineStart, length: text.count - lineStart)
        return false
    }

    /// A backspace: the character before it, if it is still text of this input, becomes an
    /// overstrike run with it; otherwise the backspace is a run of its own.
    private mutating func drawOver(text: inout [UInt8], textBase: Int, runs: inout [Run], notBefore lower: Int) {
        let offset = textBase + text.count
        // Never across a run: what it stands before stays where it is.
        let lower = max(lower, (runs.last?.at ?? textBase) - textBase)
        if runs.last?.at != offset, let start = Self.lastCharacterStart(text, notBefore: lower), Self.isDrawn(text[start]) {
            let character = Array(text[start...])
            text.removeSubrange(start...)
            add(character + [Self.backspace], at: textBase + text.count, kind: .overstrike, to: &runs)
        } else {
            add([Self.backspace], at: offset, kind: .escape, to: &runs)
        }
    }

    /// Keeps the input's last character out of the text until the next input (or a flush)
    /// shows whether a backspace follows it.
    private mutating func keepBackLastCharacter(text: inout [UInt8], textBase: Int, runs: [Run], notBefore lower: Int) {
        let lower = max(lower, (runs.last?.at ?? textBase) - textBase)
        guard state == .text, runs.last?.at != textBase + text.count,
            let start = Self.lastCharacterStart(text, notBefore: lower), Self.isDrawn(text[start])
        else { return }
        pendingText = Array(text[start...])
        text.removeSubrange(start...)
    }

    /// Where the last (UTF-8) character of `text` begins, if it lies at or after `lower`.
    private static func lastCharacterStart(_ text: [UInt8], notBefore lower: Int) -> Int? {
        guard text.count > lower else { return nil }
        var start = text.count - 1
        while start > lower, text.count - start < 4, (0x80...0xBF).contains(text[start]) { start -= 1 }
        return start
    }

    /// A byte that starts a character a terminal draws (not a control character).
    private static func isDrawn(_ byte: UInt8) -> Bool { byte >= 0x20 && byte != 0x7F }

    /// The index of the first ESC, backspace or carriage return in `bytes` from `from`.
    private static func firstSpecial(in bytes: ArraySlice<UInt8>, from: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return bytes.endIndex }
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
            let belowSpecial = UInt64(escapeByte + 1) &* ones
            var index = from - bytes.startIndex
            while index < buffer.count {
                // Eight bytes at a time: the special bytes are control characters, so a word
                // with no byte below ESC + 1 (most text) holds none. (Such a byte exists
                // exactly when this is not zero.)
                if index + 8 <= buffer.count {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    if (word &- belowSpecial) & ~word & high == 0 {
                        index += 8
                        continue
                    }
                }
                let stop = min(index + 8, buffer.count)
                while index < stop {
                    let byte = buffer[index]
                    if byte <= escapeByte && (byte == escapeByte || byte == backspace || byte == carriageReturn) {
                        return bytes.startIndex + index
                    }
                    index += 1
                }
            }
            return bytes.endIndex
        }
    }

    /// The bytes of an unfinished escape sequence, handed out to be written (on a flush);
    /// the sequence's remaining bytes are still recognised when they arrive.
    mutating func takeUnfinished() -> [UInt8] {
        defer { unfinished.removeAll() }
        return unfinished
    }

    /// Before a flush or the end: a kept-back character and an undecided redraw become text,
    /// so rules see them before they are written.
    mutating func commit(text: inout [UInt8]) {
        text += pendingText
        pendingText.removeAll()
        if !rewriting.isEmpty {
            text += rewriting
            rewriting.removeAll()
            state = .text
        }
    }

    private mutating func end(at offset: Int, runs: inout [Run]) {
        add(unfinished, at: offset, kind: .escape, to: &runs)
        unfinished.removeAll(keepingCapacity: true)
        state = .text
    }

    /// Adds a run, joining escape sequences that stand at the same place.
    private func add(_ bytes: [UInt8], at offset: Int, kind: Run.Kind, to runs: inout [Run]) {
        if kind == .escape, let last = runs.last, last.at == offset, last.kind == .escape {
            runs[runs.count - 1].bytes += bytes
        } else {
            runs.append(Run(at: offset, bytes: bytes, kind: kind))
        }
    }
}
