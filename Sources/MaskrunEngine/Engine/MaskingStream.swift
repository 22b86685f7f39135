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
public final class MaskingStream {
    public let engine: MaskingEngine
    private let scratch = MatchScratch()

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
    /// Spans decided to be masked and not yet written (stream offsets).
    private var spans: [Span] = []
    /// Per prefiltered rule: where its keywords occur (stream offsets), found once per read.
    private var keywordHits: [[Int]] = []
    /// Masking events since the last `takeEvents()`.
    private var events: [MaskEvent] = []
    /// Whether masking events are kept for `takeEvents()`; off when nothing records them.
    public var recordsEvents = true
    /// Template replacements by rule, rendered once (they do not depend on the value).
    private var templateCache: [Int: [UInt8]] = [:]
    /// Values masked so far, masked again wherever they recur (`LearnedValues`).
    private var learned = LearnedValues()

    private struct Span {
        var range: Range<Int>
        /// Index into `engine.rules`, or nil for an engine error.
        var rule: Int?
    }

    static let engineErrorID = "engine-error"

    /// Writes a masked span in place of `Replacement`, e.g. to show matches in `policy test`.
    public typealias Renderer = (_ ruleID: String, _ value: ArraySlice<UInt8>) -> [UInt8]
    private let renderer: Renderer?

    public init(engine: MaskingEngine, renderer: Renderer? = nil) {
        self.engine = engine
        self.renderer = renderer
        resume = Array(repeating: 0, count: engine.rules.count)
        keywordHits = Array(repeating: [], count: engine.rules.count)
        hold = Array(repeating: nil, count: engine.rules.count)
        holdIsKeywordStart = Array(repeating: false, count: engine.rules.count)
    }

    /// True when everything held back is the beginning of a keyword cut off by the end of the
    /// input (typing "g" that might become "ghp_…"): it holds no secret byte, so a caller may
    /// release it after a much shorter pause than `flush_after` without leaking anything;
    /// the rest of a secret that follows is still masked, as after any flush.
    public var holdsOnlyKeywordStart: Bool {
        guard hasPending, spans.isEmpty else { return false }
        return learned.hold == nil && hold.indices.allSatisfy { hold[$0] == nil || holdIsKeywordStart[$0] }
    }

    /// Bytes held in memory (context and pending), for tests of the memory bound.
    var retainedBytes: Int { buffer.count }

    /// Input received but not yet written out.
    public var hasPending: Bool {
        base + buffer.count > emitted || !escapes.isEmpty || !splitter.unfinished.isEmpty
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
        splitter.split(bytes, text: &buffer, textBase: base, runs: &escapes)
        findKeywords()
        for index in engine.rules.indices { scan(rule: index, final: false) }
        scanLearned(final: false)
        let end = base + buffer.count
        var output = emit(upTo: hold.reduce(min(end, learned.hold ?? end)) { min($0, $1 ?? end) })
        let heldEscapes = escapes.reduce(0) { $0 + $1.bytes.count }
        if end - emitted + heldEscapes > engine.limits.maxHeld { output += flush() }
        trim()
        return output
    }

    /// Releases everything held back (after `flush_after` of silence). Complete matches at the
    /// end are masked now; a secret that continues later is masked when its rest arrives.
    public func flush() -> [UInt8] {
        for index in engine.rules.indices {
            let start = resume[index]
            scan(rule: index, final: true)
            // Search again from the same place, as if more input were coming, so the rule's
            // next search starts where an unfinished secret starts, in the retained context.
            resume[index] = start
            scan(rule: index, final: false)
        }
        let learnedStart = learned.resume
        scanLearned(final: true)
        learned.resume = learnedStart
        scanLearned(final: false)
        let output = emit(upTo: base + buffer.count, releasingAll: true)
        trim()
        return output
    }

    /// The input has ended: mask what completes at the end and release everything.
    public func finish() -> [UInt8] {
        for index in engine.rules.indices { scan(rule: index, final: true) }
        scanLearned(final: true)
        let output = emit(upTo: base + buffer.count, releasingAll: true)
        trim()
        return output
    }

    // MARK: - Searching

    /// Finds keyword occurrences from the earliest place a prefiltered rule searches from.
    private func findKeywords() {
        let index = engine.keywordIndex
        guard !index.isEmpty else { return }
        var from = base + buffer.count
        for (rule, start) in resume.enumerated() where engine.rules[rule].prefilter != nil {
            from = min(from, max(start, base))
        }
        keywordHits = index.occurrences(in: buffer, from: from - base, ruleCount: engine.rules.count)
            .map { hits in hits.map { $0 + base } }
    }

    /// Finds rule `index`'s matches from its resume point to the end of the buffer.
    /// `final`: the input ends here, so a match that touches the end is complete.
    private func scan(rule index: Int, final: Bool) {
        if let prefilter = engine.rules[index].prefilter {
            scan(rule: index, final: final, near: prefilter)
            return
        }
        let rule = engine.rules[index]
        let end = base + buffer.count
        var position = max(resume[index], base)
        hold[index] = nil
        while position < end {
            switch scratch.match(
                rule.regex, in: buffer, from: position - base, partial: !final, notAtStart: base > 0)
            {
            case .noMatch:
                resume[index] = end
                return
            case .partial(let start):
                hold[index] = base + start
                resume[index] = base + start
                return
            case .match(let groups):
                position = decide(match: groups, rule: index)
            case .failure:
                position = recoverFromFailure(rule: index, at: position)
            }
        }
        resume[index] = position
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
        for hit in keywordHits[index] {
            for start in max(hit - prefilter.lead, previous + 1)...hit {
            previous = start
            guard start >= position else { continue }
            switch scratch.match(
                rule.anchoredRegex!, in: buffer, from: start - base, partial: !final, notAtStart: base > 0)
            {
            case .noMatch:
                continue
            case .partial:
                hold[index] = start
                resume[index] = start
                holdIsKeywordStart[index] = isKeywordStart(hit: hit, rule: index)
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
    }

    /// Whether the text from keyword occurrence `hit` to the end is a proper beginning of one
    /// of the rule's keywords.
    private func isKeywordStart(hit: Int, rule index: Int) -> Bool {
        guard let prefilter = engine.rules[index].prefilter else { return false }
        let tail = buffer[(hit - base)...]
        return prefilter.keywords.contains { keyword in
            let bytes = Array(keyword.utf8)
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
            decide(position..<lineEnd, rule: nil)
            return lineEnd
        }
    }

    /// Records the masked part of a match (its mask group, or all of it when the group did
    /// not take part); returns where the rule's search goes on.
    private func decide(match groups: [Range<Int>?], rule index: Int) -> Int {
        let whole = groups[0]!
        let group = engine.rules[index].maskGroup
        let masked = group < groups.count ? (groups[group] ?? whole) : whole
        if let check = engine.rules[index].matchValidator, !check(buffer[whole], buffer[masked]) {
            return base + whole.lowerBound + 1
        }
        if !masked.isEmpty { decide(masked.lowerBound + base..<masked.upperBound + base, rule: index) }
        return base + max(whole.upperBound, whole.lowerBound + 1)
    }

    /// Records a span to mask, unless the allow list keeps it or it was already written.
    private func decide(_ range: Range<Int>, rule: Int?) {
        let value = buffer[(range.lowerBound - base)..<(range.upperBound - base)]
        if let rule {
            if let validator = engine.rules[rule].validator, !validator(value) { return }
            if engine.allow.allows(value, scratch: scratch) { return }
        }
        let clipped = max(range.lowerBound, emitted)..<range.upperBound
        guard !clipped.isEmpty else { return }
        spans.append(Span(range: clipped, rule: rule))
        if let rule { learned.learn(value, rule: rule, end: range.upperBound) }
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
        if let cut = spans.first(where: { $0.range.lowerBound < limit && limit < $0.range.upperBound }) {
            limit = cut.range.lowerBound
        }
        var output: [UInt8] = []
        output.reserveCapacity(limit - emitted)
        var written = 0
        for span in spans {
            guard span.range.upperBound <= limit else { break }
            writeText(upTo: span.range.lowerBound, into: &output)
            writeEscapes(through: span.range.lowerBound, into: &output)
            let rawStart = span.range.lowerBound + writtenEscapeBytes
            let value = buffer[(span.range.lowerBound - base)..<(span.range.upperBound - base)]
            let replaced = replacement(for: span, value: value)
            output += replaced.bytes
            // Sequences between the secret's characters follow its replacement.
            writeEscapes(through: span.range.upperBound - 1, into: &output)
            emitted = span.range.upperBound
            replaced.record(rawStart, span.range.upperBound + writtenEscapeBytes - rawStart)
            written += 1
        }
        spans.removeFirst(written)
        writeText(upTo: limit, into: &output)
        writeEscapes(through: limit, into: &output)
        if releasingAll {
            let unfinished = splitter.takeUnfinished()
            output += unfinished
            writtenEscapeBytes += unfinished.count
        }
        return output
    }

    /// Writes text from `emitted` up to `end`, with the escape sequences placed inside it.
    private func writeText(upTo end: Int, into output: inout [UInt8]) {
        var used = 0
        for run in escapes {
            guard run.at < end else { break }
            output += buffer[(emitted - base)..<(run.at - base)]
            output += run.bytes
            writtenEscapeBytes += run.bytes.count
            emitted = run.at
            used += 1
        }
        escapes.removeFirst(used)
        output += buffer[(emitted - base)..<(end - base)]
        emitted = end
    }

    /// Writes the escape sequences placed at or before text offset `position`.
    private func writeEscapes(through position: Int, into output: inout [UInt8]) {
        var used = 0
        for run in escapes {
            guard run.at <= position else { break }
            output += run.bytes
            writtenEscapeBytes += run.bytes.count
            used += 1
        }
        escapes.removeFirst(used)
    }

    /// Sorts spans and merges overlapping ones; the earliest (then longest) names the merge.
    private func mergeSpans() {
        guard spans.count > 1 else { return }
        spans.sort {
            ($0.range.lowerBound, -$0.range.upperBound, $0.rule ?? -1)
                < ($1.range.lowerBound, -$1.range.upperBound, $1.rule ?? -1)
        }
        var merged: [Span] = [spans[0]]
        for span in spans.dropFirst() {
            if span.range.lowerBound < merged[merged.count - 1].range.upperBound {
                let last = merged[merged.count - 1]
                let upper = max(last.range.upperBound, span.range.upperBound)
                // An engine error anywhere in a merged span names the whole span.
                let rule = (last.rule == nil || span.rule == nil) ? nil : last.rule
                merged[merged.count - 1] = Span(range: last.range.lowerBound..<upper, rule: rule)
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
        let keepFrom = max(needed, emitted - limits.retainedAfterFlush - limits.lookbehind, base)
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
