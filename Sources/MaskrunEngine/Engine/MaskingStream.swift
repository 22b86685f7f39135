/// Masks one byte stream as it arrives (SPEC §4).
///
/// Each rule is searched with PCRE2 partial matching: where the input ends inside a
/// possible match, the bytes from that match's start are held back until more input
/// decides it, so the output is the same however the stream is split into reads.
/// `flush()` releases held bytes after a pause; the released text stays as context, so
/// the rest of a secret that arrives later is still masked.
///
/// Rules see the text without terminal escape sequences (`EscapeSplitter`); "stream
/// offsets" below count text bytes only. The sequences are written back where they were,
/// those inside a masked span right after its replacement, so colours stay intact.
///
/// The force unwraps here are invariants, none reachable from input: `groups[0]` of a
/// match is the whole match, which PCRE2 always sets; `prefilter!`, `maxReach!` and
/// `anchoredRegex!` are taken only on the path chosen because the rule has them (`leads`,
/// shapes); `templateCache[rule]!` is filled on the line before; `hold[$0]!` follows its
/// nil check.
public final class MaskingStream {
    public let engine: MaskingEngine
    private let scratch = MatchScratch()
    /// Vectorscan's scan state for the keyword pass (nil where it cannot run).
    private let keywordScratch: VectorscanDatabase.Scratch?
    /// Per rule: how many bytes before a keyword its matches may start, nil without keywords
    /// (read on every feed for every rule, so kept out of `MaskRule`).
    private let leads: [Int?]
    /// Per rule: the bytes its lead consists of, for a token whose keyword comes after its
    /// start (`Prefilter.leadBytes`); nil for every other rule.
    private let leadBytes: [ByteSet?]
    /// Per rule: whether it is tried only at keyword or shape hits, which the pass must then
    /// search for from the rule's resume point.
    private let usesHits: [Bool]

    /// Retained text: some already-written context, then the bytes not yet written.
    private var buffer: [UInt8] = []
    private var splitter = EscapeSplitter()
    /// Escape sequences not yet written, each placed before a text offset.
    private var escapes: [EscapeSplitter.Run] = []
    /// Escape bytes written so far, to turn text offsets into raw-stream offsets.
    private var writtenEscapeBytes = 0
    /// Bytes of input taken so far, escape sequences included.
    public private(set) var bytesIn = 0
    /// Stream offset of `buffer[0]`.
    private var base = 0
    /// Stream offset up to which output has been produced.
    private var emitted = 0
    /// Per rule: the stream offset where its next search starts.
    private var resume: [Int]
    /// Per rule: where a partial match starts, if the input ends inside one.
    private var hold: [Int?]
    /// Per rule: its hold covers only the beginning of one of its keywords (and lead bytes),
    /// cut off by the end of the input: public constant text, no secret byte yet.
    private var holdIsKeywordStart: [Bool]
    /// Per rule with a value-start probe: for its hold at `start`, with the input ending at
    /// `end`, where a value can start at the earliest (`valueStart`). What lies before is a
    /// name and its joint, public text, and is written at once (a `Password: ` prompt).
    private var valueFrom: [(start: Int, end: Int, from: Int)?]
    /// Where the last read's text began (a stream offset), and whether it was a lone small
    /// read: at most `loneReadBytes` of text when nothing was pending (a typed key's echo,
    /// or a line editor's redraw after it: zsh prints a suggestion after the key).
    private var lastReadStart = 0
    private var lastReadWasLoneSmall = false
    /// The last read's final character, made text at once (`feed`); empty when there was none.
    private var committedLast: [UInt8] = []
    static let loneReadBytes = 128
    /// Spans decided to be masked and not yet written (stream offsets).
    private var spans: [Span] = []
    /// Where prefiltered rules' keywords occur, found once per read.
    private var keywordHits: KeywordHits
    /// Masking events since the last `takeEvents()`.
    private var events: [MaskEvent] = []
    /// Whether masking events are kept for `takeEvents()`; off when nothing records them.
    public var recordsEvents = true
    /// Template replacements by rule, rendered once (they do not depend on the value).
    private var templateCache: [Int: [UInt8]] = [:]
    /// Values masked so far, masked again wherever they recur (`LearnedValues`).
    private var learned = LearnedValues()
    /// Values learned by the session's other streams too (see `SharedLearnedValues`), and how
    /// many of them this stream has taken.
    public var sharedLearned: SharedLearnedValues?
    private var sharedTaken = 0
    /// Set during an idle flush's final search: a value that runs to the end may still grow.
    private var flushing = false

    private struct Span {
        var range: Range<Int>
        /// Index into `engine.rules`, or nil for an engine error.
        var rule: Int?
        /// It carries on a value whose beginning was already written masked by the same rule
        /// (keys typed after a `Password: ` prompt): shown as one `*` per character, so the
        /// mask grows instead of repeating.
        var continued = false
        /// Where the secret began when its beginning was already written (`redrawColumns`):
        /// it may then be redrawn in place.
        var shownFrom: Int?
    }

    /// The terminal's width when output goes to a terminal that takes backspace and `ESC [ K`;
    /// nil (the default) never redraws. A secret recognised only after its beginning was
    /// written (typed key by key, each echoed after the flush window) is then redrawn in
    /// place, masked, when that is safe: the cursor is still right after those characters
    /// on the same line, the line holds only printable ASCII and stays narrower than the
    /// terminal. Otherwise the rest is masked as usual.
    public var redrawColumns: Int?

    /// A possible match longer than the bound on held bytes (`StreamLimits.maxHeld`): it was
    /// replaced from its start, and what follows is masked until the rule's match ends or,
    /// when that can no longer be told, until the end of the line. Fail closed, memory bounded.
    private struct Overflow {
        var rule: Int
        /// The match's first bytes, ending before a line break where there is one, and ...
        var head: [UInt8]
        /// ... the stream offset of the recent text searched after them: the rule is matched
        /// against `head` + recent text, which for the long values of real secrets (a key
        /// block, a value running to the line's end) matches as the whole would.
        var windowStart: Int
        /// Where the head ended in the stream: the text was not yet joined while the recent
        /// text starts there.
        let headEnd: Int
        /// False once the rule's match can no longer be followed: mask to the line's end.
        var followsRule = true
        /// The head ends at a line's end and the recent text starts at a line's start (tried
        /// when joining them inside lines does not match: a long line of key-value pairs).
        var joinsAtLines = false
        /// Where the replacement stands in the raw stream, and the value's fingerprint.
        var rawStart: Int
        var fingerprint: String
    }
    private var overflow: Overflow?
    /// The end and rule of the last masked span written (for `Span.continued`).
    private var lastMasked: (end: Int, rule: Int?)?
    /// A replacement was written since the last line feed: a redraw of the line (`\r` and
    /// its text again) is then written from the masked line, never as it came.
    private var maskedOnLine = false
    /// What was written since the last line feed (up to `lineOutputLimit`), nil if more.
    private var lineOutput: [UInt8]? = []
    private static let lineOutputLimit = 4096

    static let engineErrorID = "engine-error"

    /// Writes a masked span in place of `Replacement`, e.g. to show matches in `policy test`.
    public typealias Renderer = (_ ruleID: String, _ value: ArraySlice<UInt8>) -> [UInt8]
    private let renderer: Renderer?

    public init(engine: MaskingEngine, renderer: Renderer? = nil) {
        self.engine = engine
        self.renderer = renderer
        resume = Array(repeating: 0, count: engine.rules.count)
        keywordHits = KeywordHits(ruleCount: engine.rules.count)
        keywordScratch = engine.keywordIndex.makeScratch()
        scratch.codeCache = engine.codeCache
        leads = engine.rules.map { $0.prefilter?.lead }
        leadBytes = engine.rules.map { $0.prefilter?.leadBytes }
        usesHits = engine.rules.indices.map { engine.rules[$0].prefilter != nil || engine.keywordIndex.shapeWindow[$0] > 0 }
        hold = Array(repeating: nil, count: engine.rules.count)
        holdIsKeywordStart = Array(repeating: false, count: engine.rules.count)
        valueFrom = Array(repeating: nil, count: engine.rules.count)
    }

    /// True when everything held back is the beginning of a keyword cut off by the end of the
    /// input (typing "g" that might become "ghp_…"): it holds no secret byte, so a caller may
    /// release it after a much shorter pause than `flush_after` without leaking anything;
    /// the rest of a secret that follows is still masked, as after any flush.
    public var holdsOnlyKeywordStart: Bool {
        guard hasPending, spans.isEmpty, overflow == nil else { return false }
        // A hold at the very end holds nothing yet.
        let end = base + buffer.count
        return learned.hold == nil && hold.indices.allSatisfy { (heldFrom(rule: $0, end: end) ?? end) >= end || holdIsKeywordStart[$0] }
    }

    /// Where rule `index` holds bytes back from: its hold's start, or later where its probe
    /// found that no value can start before (`valueFrom`); nil without a hold.
    private func heldFrom(rule index: Int, end: Int) -> Int? {
        guard let start = hold[index] else { return nil }
        if let value = valueFrom[index], value.start == start, value.end == end { return value.from }
        return start
    }

    /// The longest hold whose value start is looked for: a prompt's name and joint are short,
    /// and a longer hold keeps its bytes from its start, so what is retained stays bounded.
    static let valueStartWindow = 1024

    /// True when all that is held came in the last read, a lone small one (a typed key's
    /// echo), and is held only as the possible start of a token whose keyword comes later
    /// (`Prefilter.leadBytes`) or the start of a keyword. That hold is for program output,
    /// whose reads may cut a token before its keyword; an echo is shown at once, and the
    /// rest of a token typed after it is masked from its keyword, as after any flush.
    public var holdsOnlyEchoedLookBack: Bool {
        guard hasPending, lastReadWasLoneSmall, emitted >= lastReadStart, spans.isEmpty, overflow == nil,
            learned.hold == nil
        else { return false }
        let end = base + buffer.count
        return hold.indices.allSatisfy { (heldFrom(rule: $0, end: end) ?? end) >= end || holdIsKeywordStart[$0] || leadBytes[$0] != nil }
    }

    /// Bytes held in memory (context and pending), for tests of the memory bound.
    var retainedBytes: Int { buffer.count }

    /// Input received but not yet written out.
    public var hasPending: Bool {
        base + buffer.count > emitted || !escapes.isEmpty || splitter.holdsBytes
    }

    /// The masking events since the last call.
    public func takeEvents() -> [MaskEvent] {
        defer { events.removeAll(keepingCapacity: true) }
        return events
    }

    /// Takes the next read; returns what can be written now.
    public func feed(_ bytes: some Collection<UInt8>) -> [UInt8] {
        feed(ArraySlice(bytes))
    }

    private func feed(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        bytesIn += bytes.count
        if !committedLast.isEmpty, bytes.first == EscapeSplitter.backspace { retractCommittedLast() }
        committedLast = []
        let quietBefore = !hasPending
        lastReadStart = base + buffer.count
        splitter.split(bytes, text: &buffer, textBase: base, runs: &escapes)
        // The read's last character becomes text now, so the rules judge a prompt as it
        // stands (`password:`, `Enter PIN:`, `$ `) and it is written at once when none holds
        // it: see `drawsOnlyItself` and `holdsNoSecretByte`.
        if overflow == nil, let last = splitter.takeKeptBackCharacter() {
            if Self.drawsOnlyItself(last) {
                buffer += last
                committedLast = last
            } else {
                splitter.keepBack(last)
            }
        }
        lastReadWasLoneSmall = quietBefore && base + buffer.count - lastReadStart <= Self.loneReadBytes
        var output = process(final: false)
        if overflow == nil, holdsNoSecretByte, let last = splitter.takeKeptBackCharacter() {
            buffer += last
            committedLast = last
            output += process(final: false)
        }
        trim()
        return output
    }

    /// Whether a backspace after `last`, the read's last character, which the splitter keeps
    /// back for one, could only draw the same character again (bold, `X\bX`), so that the
    /// text reads the same either way: not a space (`less` draws over ` ` at a line wrap) or
    /// `_` (underline, `_\bX`), whose next character may be any. Such a character is made text
    /// at once; should a backspace follow after all, it is taken out again
    /// (`retractCommittedLast`).
    static func drawsOnlyItself(_ last: [UInt8]) -> Bool {
        last != [UInt8(ascii: " ")] && last != [UInt8(ascii: "_")]
    }

    /// Nothing held is a secret's byte (no hold, or only a keyword's beginning, or a name and
    /// its joint before where a value can start): a kept-back space or `_` may then be made
    /// text at once, since what its coming releases is public whatever follows it.
    private var holdsNoSecretByte: Bool {
        escapes.isEmpty && spans.isEmpty && (emitted == base + buffer.count || holdsOnlyKeywordStart)
    }

    /// The escape splitter keeps a read's last character back until the next byte says
    /// whether a backspace draws over it (`X\bX`, `_\bX`); `feed` makes it text at once
    /// instead, and when a backspace does open the next read, this takes it out of the text
    /// again and hands it back to the splitter, so the rules see the same text however the
    /// stream was split (SPEC §4), and a prompt never waits for the flush window for its
    /// last character. Written already (nothing held it), it stays written: the backspace
    /// that follows draws over it on the screen, as it would have.
    private func retractCommittedLast() {
        let count = committedLast.count
        let end = base + buffer.count
        let start = end - count
        let written = emitted == end && (lastMasked?.end ?? Int.min) <= start
        guard overflow == nil, buffer.count >= count, buffer[(buffer.count - count)...].elementsEqual(committedLast),
            escapes.last.map({ $0.at <= start }) ?? true, written || emitted <= start
        else { return }
        buffer.removeLast(count)
        if written {
            // Its bytes are no text any more but part of the backspace's run, already out.
            emitted = start
            writtenEscapeBytes += count
        } else {
            splitter.keepBack(committedLast)
        }
        for index in resume.indices {
            resume[index] = min(resume[index], start)
            hold[index] = hold[index].map { min($0, start) }
        }
        learned.resume = min(learned.resume, start)
        learned.hold = learned.hold.map { min($0, start) }
        // A span decided with the character in it keeps what lies before it (masking more,
        // never less).
        spans = spans.compactMap { span in
            guard span.range.upperBound > start else { return span }
            var clipped = span
            clipped.range = span.range.lowerBound..<max(span.range.lowerBound, start)
            return clipped.range.isEmpty ? nil : clipped
        }
    }

    /// Searches and writes what the input so far decides. Past the bound on held bytes the
    /// held possible match is masked (fail closed), never released.
    /// `final`: the input ends here.
    private func process(final: Bool) -> [UInt8] {
        var output: [UInt8] = []
        while true {
            if overflow != nil {
                continueOverflow(final: final, into: &output)
                if overflow != nil { break }
            }
            findKeywords()
            for index in engine.rules.indices { scan(rule: index, final: final) }
            takeSharedValues()
            scanLearned(final: final)
            let end = base + buffer.count
            let held = hold.indices.reduce(min(end, learned.hold ?? end)) { min($0, heldFrom(rule: $1, end: end) ?? end) }
            output += emit(upTo: final ? end : held, releasingAll: final)
            guard !final, let start = overflowingHold() else { break }
            beginOverflow(at: start, into: &output)
        }
        noteLine(output)
        return output
    }

    /// Releases everything held back (after `flush_after` of silence). Complete matches at the
    /// end are masked now; a secret that continues later is masked when its rest arrives.
    /// A value longer than the bound stays masked to its end.
    public func flush() -> [UInt8] {
        splitter.commit(text: &buffer)
        if overflow != nil {
            var output: [UInt8] = []
            continueOverflow(final: false, into: &output)
            noteLine(output)
            if overflow != nil {
                output += splitter.takeUnfinished()
                trim()
                return output
            }
            output += process(final: false)
            return output + flush()
        }
        // The character kept back may begin a keyword.
        findKeywords()
        for index in engine.rules.indices {
            let start = resume[index]
            flushing = true
            scan(rule: index, final: true)
            flushing = false
            // Search again from the same place, as if more input were coming, so the rule's
            // next search starts where an unfinished secret starts, in the retained context.
            resume[index] = start
            scan(rule: index, final: false)
        }
        takeSharedValues()
        let learnedStart = learned.resume
        scanLearned(final: true)
        learned.resume = learnedStart
        scanLearned(final: false)
        let output = emit(upTo: base + buffer.count, releasingAll: true)
        noteLine(output)
        trim()
        return output
    }

    /// The input has ended: mask what completes at the end and release everything.
    public func finish() -> [UInt8] {
        splitter.commit(text: &buffer)
        let output = process(final: true)
        trim()
        return output
    }

    // MARK: - Searching

    /// Finds keyword occurrences from the earliest place a prefiltered rule searches from.
    private func findKeywords() {
        let index = engine.keywordIndex
        guard !index.isEmpty else { return }
        var from = base + buffer.count
        for (rule, start) in resume.enumerated() where usesHits[rule] {
            from = min(from, max(start, base))
        }
        index.occurrences(in: buffer, from: from - base, base: base, into: &keywordHits, scratch: keywordScratch)
    }

    /// Finds rule `index`'s matches from its resume point to the end of the buffer.
    /// `final`: the input ends here, so a match that touches the end is complete.
    private func scan(rule index: Int, final: Bool) {
        if let lead = leads[index] {
            if keywordHits.isEmpty(rule: index) {
                // No keyword: nothing to try, as the loop below would find (the common case).
                hold[index] = nil
                holdIsKeywordStart[index] = false
                resume[index] = max(resume[index], base, base + buffer.count - lead)
                if !final { holdLookBack(rule: index) }
            } else {
                scan(rule: index, final: final, near: engine.rules[index].prefilter!)
            }
            return
        }
        let rule = engine.rules[index]
        let end = base + buffer.count
        var position = max(resume[index], base)
        hold[index] = nil
        // Attempts starting before `partialFrom` cannot reach the end of the input, so partial
        // and complete matching agree there; complete matching keeps PCRE2's fast search.
        let partialFrom = final ? Int.max : rule.maxReach.map { end - $0 } ?? Int.min
        let window = engine.keywordIndex.shapeWindow[index]
        if window > 0 && keywordHits.shapesSearched {
            position = scan(rule: index, from: position, window: window, before: partialFrom)
            if final {
                resume[index] = end
                return
            }
            position = max(position, partialFrom)
        }
        while position < end {
            let partial = position >= partialFrom
            switch scratch.match(
                rule.regex, in: buffer, from: position - base, partial: partial, notAtStart: base > 0)
            {
            case .noMatch where !partial && !final:
                position = partialFrom
            case .noMatch:
                resume[index] = end
                return
            case .partial(let start):
                hold[index] = base + start
                resume[index] = base + start
                if let probe = rule.valueStartProbe {
                    valueFrom[index] = (base + start, end, valueStart(probe, from: base + start, end: end))
                }
                return
            case .match(let groups) where !partial && !final && base + groups[0]!.lowerBound >= partialFrom:
                // Near the end a longer or a partial match may win: search that part again.
                position = partialFrom
            case .match(let groups):
                position = decide(match: groups, rule: index)
            case .failure:
                position = recoverFromFailure(rule: index, at: position)
            }
        }
        resume[index] = position
    }

    /// Searches rule `index` (complete matching) only in the windows its shapes' hits leave,
    /// for matches starting before `limit`: the same matches as a complete search there, since
    /// every match lies in a window. Returns where the rule's search goes on.
    private func scan(rule index: Int, from start: Int, window: Int, before limit: Int) -> Int {
        let regex = engine.rules[index].regex
        let reach = engine.rules[index].maxReach!
        let end = base + buffer.count
        var position = start
        for hit in keywordHits.offsets(rule: index) {
            let windowEnd = hit + window
            let from = max(hit, position)
            guard from < windowEnd else { continue }
            guard from < limit else { break }
            // No attempt from inside the window reads past this, so the cut changes nothing.
            let length = min(end, windowEnd + reach) - base
            switch scratch.match(regex, in: buffer, from: from - base, partial: false, notAtStart: base > 0, length: length) {
            case .match(let groups) where base + groups[0]!.lowerBound < min(windowEnd, limit):
                position = decide(match: groups, rule: index)
            case .failure:
                position = recoverFromFailure(rule: index, at: from)
            case .match, .noMatch, .partial:
                continue
            }
        }
        return position
    }

    /// Like `scan(rule:final:)`, trying the pattern anchored only where the prefilter says a
    /// match may start. Finds the same matches and partial matches as searching everywhere.
    private func scan(rule index: Int, final: Bool, near prefilter: Prefilter) {
        let rule = engine.rules[index]
        let end = base + buffer.count
        var position = max(resume[index], base)
        hold[index] = nil
        holdIsKeywordStart[index] = false
        var previous = Int.min
        for hit in keywordHits.offsets(rule: index) {
            for start in max(hit - prefilter.lead, previous + 1)...hit {
            previous = start
            guard start >= position else { continue }
            if let gate = prefilter.gate, buffer.withUnsafeBufferPointer({ gate.rulesOut(at: start - base, in: $0) }) {
                continue
            }
            switch scratch.match(
                rule.anchoredRegex!, in: buffer, from: start - base, partial: !final, notAtStart: base > 0)
            {
            case .noMatch:
                continue
            case .partial:
                hold[index] = start
                resume[index] = start
                // Lead bytes of a token that masks them are no public text.
                let holdsLead = leadBytes[index] != nil && max(start, emitted) < hit
                holdIsKeywordStart[index] = !holdsLead && isKeywordStart(hit: hit, rule: index)
                if let probe = rule.valueStartProbe {
                    valueFrom[index] = (start, end, valueStart(probe, from: start, end: end))
                }
                return
            case .match(let groups):
                position = decide(match: groups, rule: index)
            case .failure:
                position = recoverFromFailure(rule: index, at: start)
            }
            }
        }
        // A keyword arriving next may have its lead bytes here, already searched.
        resume[index] = max(position, end - prefilter.lead)
        if !final { holdLookBack(rule: index) }
    }

    /// For a token whose keyword comes after its start (`Prefilter.leadBytes`): holds the
    /// input's last bytes from where such a token may begin, when they are all lead bytes and
    /// the pattern could match from there (a partial match), so a keyword in the next read
    /// masks the token whole. Bytes already written are not held: they cannot be taken back.
    private func holdLookBack(rule index: Int) {
        guard let bytes = leadBytes[index], let lead = leads[index] else { return }
        let end = base + buffer.count
        let earliest = max(emitted, resume[index], end - lead, base)
        var start = end
        while start > earliest && bytes.contains(buffer[start - 1 - base]) { start -= 1 }
        let anchored = engine.rules[index].anchoredRegex!
        while start < end {
            if case .partial = scratch.match(anchored, in: buffer, from: start - base, partial: true, notAtStart: base > 0) {
                hold[index] = start
                return
            }
            start += 1
        }
    }

    /// The earliest place a value can start in any match from `start` on that the input so
    /// far allows, by the rule's probe (every way of matching tried, see
    /// `MatchScratch.earliestCallout`); `end` when none can start before the input's end;
    /// `start` when that is not known or the hold is longer than `valueStartWindow`. No
    /// later input can move a value's start before it, so the bytes before it never become
    /// part of a masked value and may be written now (SPEC §4: no half secret is written).
    private func valueStart(_ probe: PCRE2Regex, from start: Int, end: Int) -> Int {
        guard end - start <= Self.valueStartWindow else { return start }
        switch scratch.earliestCallout(probe, in: buffer, from: start - base, notAtStart: base > 0) {
        case .at(let offset): return min(max(start, base + offset), end)
        case .none: return end
        case .unknown: return start
        }
    }

    /// Whether the text from keyword occurrence `hit` to the end is a proper beginning of one
    /// of the rule's keywords.
    private func isKeywordStart(hit: Int, rule index: Int) -> Bool {
        guard let prefilter = engine.rules[index].prefilter, prefilter.keywordsArePublic else { return false }
        let tail = buffer[(hit - base)...]
        return prefilter.keywordBytes.contains { bytes in
            guard tail.count < bytes.count else { return false }
            return zip(tail, bytes).allSatisfy { prefilter.caseless ? fold($0) == fold($1) : $0 == $1 }
        }
    }

    /// PCRE2 gave up on a search from `position` (a match or depth limit). Fail closed, one line
    /// at a time: the line at `position` is searched alone, and masked as `engine-error` if
    /// that fails too; never passed through unmasked. Returns where searching goes on.
    private func recoverFromFailure(rule index: Int, at position: Int) -> Int {
        let end = base + buffer.count
        let newline = buffer[(position - base)...].firstIndex(of: UInt8(ascii: "\n"))
        let lineEnd = newline.map { base + $0 + 1 } ?? end
        let rule = engine.rules[index]
        let result = scratch.match(
            rule.regex, in: buffer, from: position - base, partial: false, notAtStart: base > 0,
            length: lineEnd - base)
        switch result {
        case .match(let groups) where newline != nil:
            return decide(match: groups, rule: index)
        case .noMatch where newline != nil:
            return lineEnd
        default:
            // The line break stays, so lines do not run together.
            var stop = newline.map { base + $0 } ?? end
            if newline != nil, stop > position, buffer[stop - 1 - base] == UInt8(ascii: "\r") { stop -= 1 }
            if stop > position { decide(position..<stop, rule: nil) }
            return lineEnd
        }
    }

    /// Records the masked part of a match (its mask group, or all of it when the group did
    /// not take part); returns where the rule's search goes on.
    private func decide(match groups: [Range<Int>?], rule index: Int) -> Int {
        let whole = groups[0]!
        let group = engine.rules[index].maskGroup
        var masked = group < groups.count ? (groups[group] ?? whole) : whole
        let mayGrow = flushing && whole.upperBound == buffer.count
        // A match longer than the bound is masked as a held one past the bound is (fail
        // closed, no validator asked), so the output does not depend on whether it came in
        // one read or in several.
        let long = whole.count > engine.limits.maxHeld
        if !long, let check = engine.rules[index].matchValidator, !check(buffer[whole], buffer[masked], mayGrow) {
            return base + whole.lowerBound + 1
        }
        if long {
            // As long as a value held past the bound: masked from where that would mask it,
            // so output does not depend on how the input was split into reads.
            let start = base + whole.lowerBound
            masked = (maskStart(rule: index, at: start, cut: start + engine.limits.maxHeld) - base)..<masked.upperBound
        }
        if !masked.isEmpty { decide(masked.lowerBound + base..<masked.upperBound + base, rule: index, failClosed: long) }
        return base + max(whole.upperBound, whole.lowerBound + 1)
    }

    /// Records a span to mask, unless the allow list keeps it or it was already written.
    /// `failClosed`: masked whatever the validator and the allow list say (see above).
    private func decide(_ range: Range<Int>, rule: Int?, failClosed: Bool = false) {
        let value = buffer[(range.lowerBound - base)..<(range.upperBound - base)]
        if let rule, !failClosed {
            if let validator = engine.rules[rule].validator, !validator(value) { return }
            if engine.allow.allows(value, scratch: scratch) { return }
        }
        let clipped = max(range.lowerBound, emitted)..<range.upperBound
        let continued = range.lowerBound < emitted && lastMasked?.end == emitted && lastMasked?.rule == rule
        let shownFrom = redrawColumns != nil && rule != nil && !continued && range.lowerBound < emitted
            && range.lowerBound >= base ? range.lowerBound : nil
        guard !clipped.isEmpty || (shownFrom != nil && !spans.contains { $0.range == clipped }) else { return }
        spans.append(Span(range: clipped, rule: rule, continued: continued, shownFrom: shownFrom))
        guard let rule, engine.rules[rule].learnsValues else { return }
        // Only a value that could stand alone as a secret is learned: not `XXXXXXXXXXXX` from a
        // Bearer header, not `wordpress` from a password field (it would mask the image name).
        // A quoted value's padding (`token = ' v '`) is no part of it.
        let isBlank: (UInt8) -> Bool = { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        let start = value.firstIndex { !isBlank($0) } ?? value.endIndex
        let token = value[start..<(value.lastIndex { !isBlank($0) }.map { $0 + 1 } ?? start)]
        // Past half the bound, a value its own rule finds alone (a provider's token) is not
        // learned: that rule masks its bare repeats anyway, and the room is kept
        // for values known only by their name, whose repeats nothing else finds. (A log
        // with thousands of tokens filled the bound, and later `export X=…; echo $X`
        // repeats were shown.)
        let roomy = !learned.isHalfFull
        if learned.learn(token, rule: rule, end: range.upperBound, admits: {
            // The PCRE2 try first: it is cheaper than the shape's judgement, and both must pass.
            (roomy || !self.findsAlone(rule: rule, $0)) && ValueShape.isLearnable($0)
        }) {
            sharedLearned?.add(Array(token), rule: rule)
        }
    }

    /// Whether rule `index` masks `value` standing alone, all of it.
    private func findsAlone(rule index: Int, _ value: ArraySlice<UInt8>) -> Bool {
        let rule = engine.rules[index]
        guard case .match(let groups) = scratch.match(rule.regex, in: Array(value), from: 0, partial: false) else { return false }
        let masked = rule.maskGroup < groups.count ? (groups[rule.maskGroup] ?? groups[0]) : groups[0]
        return masked == 0..<value.count
    }

    /// Takes the values the session's other streams learned since the last look: they count
    /// from what this stream has not written yet.
    private func takeSharedValues() {
        guard let shared = sharedLearned, sharedTaken < shared.values.count else { return }
        for (bytes, rule) in shared.values[sharedTaken...] { learned.learn(bytes[...], rule: rule, end: emitted) }
        sharedTaken = shared.values.count
    }

    // MARK: - Learned values

    /// Searches the learned values' forms from their resume point, like `scan(rule:final:)`;
    /// an occurrence is masked only after the place its value was learned.
    private func scanLearned(final: Bool) {
        let from = max(learned.resume, base) - base
        for occurrence in learned.search(buffer, from: from, base: base, final: final) {
            let range = max(base + occurrence.range.lowerBound, emitted)..<base + occurrence.range.upperBound
            if !range.isEmpty { spans.append(Span(range: range, rule: occurrence.rule)) }
        }
    }

    // MARK: - Writing

    /// Writes out input up to `requested` (moved back so no masked span is cut), masking
    /// spans and putting escape sequences back. `releasingAll`: also an unfinished one.
    private func emit(upTo requested: Int, releasingAll: Bool = false) -> [UInt8] {
        mergeSpans()
        var limit = max(requested, emitted)
        // A span ending where the held text starts may yet touch one found there: both are
        // then one replacement (`mergeSpans`), whatever the reads.
        if let cut = spans.first(where: {
            $0.range.lowerBound < limit && (limit < $0.range.upperBound || (!releasingAll && limit == $0.range.upperBound))
        }) {
            limit = cut.range.lowerBound
        }
        var output: [UInt8] = []
        output.reserveCapacity(limit - emitted)
        var written = 0
        for span in spans {
            guard span.range.upperBound <= limit else { break }
            writeText(upTo: span.range.lowerBound, into: &output)
            writeRuns(through: span.range.lowerBound, maskedFrom: span.range.lowerBound, into: &output)
            let rawStart = span.range.lowerBound + writtenEscapeBytes
            let value = buffer[(span.range.lowerBound - base)..<(span.range.upperBound - base)]
            let replaced = replacement(for: span, value: value)
            if let redraw = redrawn(span, output: output) {
                output += redraw
            } else if span.range.isEmpty {
                written += 1
                continue
            } else {
                output += replaced.bytes
            }
            maskedOnLine = true
            // Sequences between the secret's characters follow its replacement.
            writeRuns(through: span.range.upperBound - 1, maskedFrom: span.range.lowerBound, into: &output)
            emitted = span.range.upperBound
            lastMasked = (span.range.upperBound, span.rule)
            replaced.record(rawStart, span.range.upperBound + writtenEscapeBytes - rawStart)
            written += 1
        }
        spans.removeFirst(written)
        writeText(upTo: limit, into: &output)
        // A run that carries a character stays with the held text it stands before: a
        // masked span may start there.
        writeRuns(through: limit, maskedFrom: nil, keepingCharactersAt: releasingAll ? nil : limit, into: &output)
        if releasingAll {
            let unfinished = splitter.takeUnfinished()
            output += unfinished
            writtenEscapeBytes += unfinished.count
        }
        return output
    }

    /// Writes text from `emitted` up to `end`, with the runs placed inside it.
    private func writeText(upTo end: Int, into output: inout [UInt8]) {
        var used = 0
        for run in escapes {
            guard run.at < end else { break }
            appendText(upTo: run.at, into: &output)
            output += rendered(run, after: output)
            writtenEscapeBytes += run.bytes.count
            used += 1
        }
        escapes.removeFirst(used)
        appendText(upTo: end, into: &output)
    }

    private func appendText(upTo end: Int, into output: inout [UInt8]) {
        let text = buffer[(emitted - base)..<(end - base)]
        if maskedOnLine, text.contains(UInt8(ascii: "\n")) { maskedOnLine = false }
        output += text
        emitted = end
    }

    /// Writes the runs placed at or before text offset `position`. `maskedFrom`: they stand
    /// in a masked span from there, so those carrying its characters are left out.
    /// `keepingCharactersAt`: runs there that carry characters are not written yet.
    private func writeRuns(
        through position: Int, maskedFrom: Int?, keepingCharactersAt kept: Int? = nil, into output: inout [UInt8]
    ) {
        var used = 0
        for run in escapes {
            guard run.at <= position else { break }
            if run.at == kept && run.kind != .escape { break }
            used += 1
            writtenEscapeBytes += run.bytes.count
            if let maskedFrom {
                // Inside the span all go; at its start, a character drawn over by the same one
                // (bold) is the secret's own.
                if run.kind == .overstrike && run.at > maskedFrom { continue }
                if run.kind == .overstrike && run.at == maskedFrom && carriesItsOwnCharacter(run) { continue }
                if run.kind == .rewrite && run.at > maskedFrom { continue }
            }
            output += rendered(run, after: output)
        }
        escapes.removeFirst(used)
    }

    /// An overstrike that draws a character over itself (`X\bX`, bold).
    private func carriesItsOwnCharacter(_ run: EscapeSplitter.Run) -> Bool {
        let drawn = run.bytes.dropLast()
        let at = run.at - base
        guard at >= 0, at + drawn.count <= buffer.count else { return true }
        return buffer[at..<(at + drawn.count)].elementsEqual(drawn)
    }

    /// The bytes that redraw a secret whose beginning is on the screen, masked: backspaces
    /// over what was shown, the replacement of all of it, and `ESC [ K` when that is
    /// shorter. Nil when this is not safe (see `redrawColumns`).
    private func redrawn(_ span: Span, output: [UInt8]) -> [UInt8]? {
        guard let columns = redrawColumns, let shownFrom = span.shownFrom, let rule = span.rule, shownFrom >= base else {
            return nil
        }
        let printable: ClosedRange<UInt8> = 0x20...0x7E
        let shown = buffer[(shownFrom - base)..<(span.range.lowerBound - base)]
        guard !shown.isEmpty, shown.allSatisfy(printable.contains), let line = currentLine(after: output),
            line.count < columns, line.allSatisfy(printable.contains), line.suffix(shown.count).elementsEqual(shown)
        else { return nil }
        let whole = Span(range: shownFrom..<span.range.upperBound, rule: rule)
        let replacement = replacement(for: whole, value: buffer[(shownFrom - base)..<(span.range.upperBound - base)]).bytes
        guard line.count - shown.count + replacement.count < columns else { return nil }
        let eraseToEnd: [UInt8] = replacement.count < shown.count ? [0x1B, UInt8(ascii: "["), UInt8(ascii: "K")] : []
        return Array(repeating: 0x08, count: shown.count) + replacement + eraseToEnd
    }

    /// What was written since the last line feed, this call's `output` included; nil when
    /// that is more than is kept.
    private func currentLine(after output: [UInt8]) -> [UInt8]? {
        if let newline = output.lastIndex(of: UInt8(ascii: "\n")) { return Array(output[(newline + 1)...]) }
        return lineOutput.map { $0 + output }
    }

    /// A run's bytes as written. A redraw of a line that holds a replacement is written as
    /// the masked line again (or left out when that line is too long to keep).
    private func rendered(_ run: EscapeSplitter.Run, after output: [UInt8]) -> [UInt8] {
        guard run.kind == .rewrite, maskedOnLine else { return run.bytes }
        guard let line = currentLine(after: output), line.count <= Self.lineOutputLimit else { return [] }
        return [UInt8(ascii: "\r")] + line
    }

    /// Keeps the current line's output for `rendered`, after each call that wrote some.
    private func noteLine(_ output: [UInt8]) {
        guard !output.isEmpty else { return }
        if let newline = output.lastIndex(of: UInt8(ascii: "\n")) {
            lineOutput = Array(output[(newline + 1)...])
        } else if let line = lineOutput {
            lineOutput = line.count + output.count <= Self.lineOutputLimit ? line + output : nil
        }
        if let line = lineOutput, line.count > Self.lineOutputLimit { lineOutput = nil }
    }

    // MARK: - Past the bound on held bytes

    /// The earliest held possible match, when more is held than the bound allows.
    private func overflowingHold() -> Int? {
        let end = base + buffer.count
        let heldEscapes = escapes.reduce(0) { $0 + $1.bytes.count }
        guard end - emitted + heldEscapes > engine.limits.maxHeld else { return nil }
        return hold.compactMap { $0 }.min()
    }

    /// Where masking starts for rule `index`'s match from `start` that runs past `cut`: where
    /// its mask group starts when the rule matches up to `cut` (`password: ` stays), else
    /// where its probe says a value can start (the name and joint it wrote at once stay
    /// unmasked however the input was split), else at the match's start.
    private func maskStart(rule index: Int, at start: Int, cut: Int) -> Int {
        let rule = engine.rules[index]
        let result = scratch.match(
            rule.anchoredRegex ?? rule.regex, in: buffer, from: start - base, partial: false,
            notAtStart: base > 0, anchored: rule.anchoredRegex == nil, length: min(cut, base + buffer.count) - base)
        guard case .match(let groups) = result, let whole = groups[0], base + whole.upperBound == cut else {
            guard let probe = rule.valueStartProbe,
                case .at(let offset) = scratch.earliestCallout(probe, in: buffer, from: start - base, notAtStart: base > 0)
            else { return start }
            return min(max(start, base + offset), cut)
        }
        let masked = rule.maskGroup < groups.count ? (groups[rule.maskGroup] ?? whole) : whole
        return base + masked.lowerBound
    }

    /// Replaces the possible match held from `start` and everything after it, until
    /// `continueOverflow` finds its end.
    private func beginOverflow(at start: Int, into output: inout [UInt8]) {
        let index = hold.firstIndex { $0 == start }!
        let limits = engine.limits
        let end = base + buffer.count
        let cut = min(end, start + limits.maxHeld)
        var maskFrom = maskStart(rule: index, at: start, cut: cut)
        // Nothing another rule holds or decided is cut in two: masking starts before it.
        for (other, held) in hold.enumerated() where other != index {
            if let held, held >= start, held < maskFrom { maskFrom = held }
        }
        mergeSpans()
        for span in spans where span.range.lowerBound < maskFrom && span.range.upperBound > maskFrom {
            maskFrom = span.range.lowerBound
        }
        maskFrom = max(maskFrom, emitted)
        output += emit(upTo: maskFrom)
        maskFrom = emitted
        spans.removeAll()
        writeRuns(through: maskFrom, maskedFrom: maskFrom, into: &output)
        let value = buffer[(maskFrom - base)..<(max(maskFrom, cut) - base)]
        let rule = engine.rules[index]
        let bytes: [UInt8]
        if let renderer {
            bytes = renderer(rule.id, value)
        } else if case .partial = rule.replacement {
            // Its last characters are not known yet: the template stands in.
            bytes = Replacement.template(Replacement.defaultTemplate).render(ruleID: rule.id, value: value, key: engine.hashKey)
        } else {
            bytes = rule.replacement.render(ruleID: rule.id, value: value, key: engine.hashKey)
        }
        output += bytes
        maskedOnLine = true
        let headEnd = min(end, start + limits.maxHeld / 2)
        overflow = Overflow(
            rule: index, head: Array(buffer[(start - base)..<(headEnd - base)]), windowStart: headEnd, headEnd: headEnd,
            rawStart: maskFrom + writtenEscapeBytes, fingerprint: recordsEvents ? engine.fingerprint(of: value) : "")
        for other in hold.indices {
            hold[other] = nil
            holdIsKeywordStart[other] = false
        }
    }

    /// Masks what arrived while a long match lasts; ends the overflow where the rule's match
    /// ends, or at the end of the line once the match can no longer be followed.
    private func continueOverflow(final: Bool, into output: inout [UInt8]) {
        guard var state = overflow else { return }
        let end = base + buffer.count
        let rule = engine.rules[state.rule]
        while state.followsRule {
            let subject = state.head + buffer[(state.windowStart - base)...]
            switch scratch.match(
                rule.anchoredRegex ?? rule.regex, in: subject, from: 0, partial: !final,
                anchored: rule.anchoredRegex == nil)
            {
            case .partial:
                swallow(upTo: end, into: &output)
                let window = engine.limits.maxHeld / 2
                if end - state.windowStart > window {
                    var from = end - window
                    if state.joinsAtLines,
                        let newline = buffer[(from - base)...].firstIndex(of: UInt8(ascii: "\n")), newline + 1 < buffer.count
                    {
                        from = base + newline + 1
                    }
                    state.windowStart = from
                }
                overflow = state
                return
            case .match(let groups):
                let whole = groups[0]!
                let masked = rule.maskGroup < groups.count ? (groups[rule.maskGroup] ?? whole) : whole
                let stop = min(end, masked.upperBound - state.head.count + state.windowStart)
                endOverflow(at: max(stop, emitted), into: &output)
                return
            case .noMatch, .failure:
                if let joined = joinedAtLines(state, end: end) {
                    state = joined
                } else {
                    state.followsRule = false
                }
                overflow = state
            }
        }
        let from = emitted - base
        if let newline = buffer[from...].firstIndex(of: UInt8(ascii: "\n")) {
            var stop = base + newline
            if newline > from, buffer[newline - 1] == UInt8(ascii: "\r") { stop -= 1 }
            endOverflow(at: stop, into: &output)
        } else {
            swallow(upTo: end, into: &output)
            if final { endOverflow(at: end, into: &output) }
        }
    }

    /// The overflow with its head cut at its last line end and its recent text starting at a
    /// line, when its text was joined inside lines and that can still be changed.
    private func joinedAtLines(_ state: Overflow, end: Int) -> Overflow? {
        guard !state.joinsAtLines, state.windowStart != state.headEnd,
            let headLine = state.head.lastIndex(of: UInt8(ascii: "\n")), headLine > 0,
            let windowLine = buffer[(state.windowStart - base)...].firstIndex(of: UInt8(ascii: "\n")),
            base + windowLine + 1 < end
        else { return nil }
        var joined = state
        joined.head = Array(state.head[..<headLine])
        joined.windowStart = base + windowLine + 1
        joined.joinsAtLines = true
        return joined
    }

    /// Passes over masked text up to `position`, writing only the escape sequences in it.
    private func swallow(upTo position: Int, into output: inout [UInt8]) {
        guard position > emitted else { return }
        writeRuns(through: position - 1, maskedFrom: emitted, into: &output)
        emitted = position
    }

    private func endOverflow(at stop: Int, into output: inout [UInt8]) {
        guard let state = overflow else { return }
        swallow(upTo: stop, into: &output)
        overflow = nil
        lastMasked = (emitted, state.rule)
        if recordsEvents {
            let rule = engine.rules[state.rule]
            events.append(MaskEvent(
                ruleID: rule.id, offset: state.rawStart, length: emitted + writtenEscapeBytes - state.rawStart,
                replacementKind: rule.replacement.kind, fingerprint: state.fingerprint))
        }
        for index in resume.indices {
            resume[index] = max(resume[index], emitted)
            hold[index] = nil
        }
    }

    /// Sorts spans and merges overlapping and touching ones into their union, so two
    /// detections inside one value mask all of it as one replacement, never leaving a piece
    /// between or beside them; the earliest (then longest) names the merge.
    private func mergeSpans() {
        guard spans.count > 1 else { return }
        spans.sort {
            ($0.range.lowerBound, -$0.range.upperBound, $0.rule ?? -1)
                < ($1.range.lowerBound, -$1.range.upperBound, $1.rule ?? -1)
        }
        var merged: [Span] = [spans[0]]
        for span in spans.dropFirst() {
            let last = merged[merged.count - 1]
            let touches = span.range.lowerBound == last.range.upperBound && !span.range.isEmpty && !last.range.isEmpty
            if span.range.lowerBound < last.range.upperBound || touches {
                let upper = max(last.range.upperBound, span.range.upperBound)
                // An engine error anywhere in a merged span names the whole span.
                let rule = (last.rule == nil || span.rule == nil) ? nil : last.rule
                let shownFrom = [last.shownFrom, span.shownFrom].compactMap { $0 }.min()
                // Keys typed after a prompt stay one growing mask (`continued`, as the first one).
                merged[merged.count - 1] = Span(
                    range: last.range.lowerBound..<upper, rule: rule, continued: last.continued, shownFrom: shownFrom)
            } else {
                merged.append(span)
            }
        }
        spans = merged
    }

    /// The bytes standing in for a span, and how to record its event once its raw-stream
    /// position (escape sequences counted) is known.
    private func replacement(for span: Span, value: ArraySlice<UInt8>) -> (bytes: [UInt8], record: (Int, Int) -> Void) {
        let id: String
        let style: Replacement
        if let rule = span.rule {
            id = engine.rules[rule].id
            style = engine.rules[rule].replacement
        } else {
            id = MaskingStream.engineErrorID
            style = .template(Replacement.defaultTemplate)
        }
        // The keyed fingerprint costs an HMAC per span: only when someone takes the events.
        let fingerprint = recordsEvents ? engine.fingerprint(of: value) : ""
        let record = { (offset: Int, length: Int) in
            guard self.recordsEvents else { return }
            self.events.append(MaskEvent(
                ruleID: id, offset: offset, length: length, replacementKind: style.kind, fingerprint: fingerprint))
        }
        if let renderer { return (renderer(id, value), record) }
        if span.continued {
            if case .drop = style { return ([], record) }
            // One `*` per character (UTF-8 continuation bytes are not characters).
            let characters = value.reduce(0) { $0 + ((0x80...0xBF).contains($1) ? 0 : 1) }
            return (Array(repeating: UInt8(ascii: "*"), count: characters), record)
        }
        if case .template = style, let rule = span.rule {
            if templateCache[rule] == nil { templateCache[rule] = style.render(ruleID: id, value: value, key: engine.hashKey) }
            return (templateCache[rule]!, record)
        }
        return (style.render(ruleID: id, value: value, key: engine.hashKey), record)
    }

    /// Drops input no search can need again, keeping memory bounded.
    private func trim() {
        let limits = engine.limits
        let needed = min(emitted, resume.min() ?? emitted, learned.isEmpty ? emitted : learned.resume) - limits.lookbehind
        var keepFrom = max(needed, emitted - limits.retainedAfterFlush - limits.lookbehind, base)
        // A long match being followed still needs its recent text.
        if let overflow { keepFrom = max(base, min(keepFrom, overflow.windowStart - limits.lookbehind)) }
        let drop = keepFrom - base
        // Trim in large steps only: each trim moves the retained bytes.
        guard drop > 0, drop >= 16 * 1024 || drop * 2 >= buffer.count else { return }
        buffer.removeSubrange(0..<drop)
        base = keepFrom
        // A secret begun before the retained bytes is out of view; search on from here.
        for index in resume.indices { resume[index] = max(resume[index], base) }
        learned.resume = max(learned.resume, base)
    }
}
