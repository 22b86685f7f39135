import CPCRE2
import Foundation

/// A regular expression compiled once by PCRE2 (with JIT where available), matched on bytes.
///
/// Patterns are compiled in byte mode (no `PCRE2_UTF`), so invalid UTF-8 and binary output
/// can be searched; `(?i)` folds ASCII letters only.
public final class PCRE2Regex: @unchecked Sendable {
    /// The source text, for messages and `policy show`.
    public var pattern: String {
        lock.lock()
        defer { lock.unlock() }
        return resolvedPattern()
    }
    /// Writes the pattern's text when it is first needed (`init(deferred:)`): most built-in
    /// patterns are never needed, and building their text was a third of maskrun's start-up.
    private var source: (@Sendable () -> String)?
    private var text = ""
    private let options: UInt32
    /// Whether the pattern is public text (the detector catalogue's), so its compiled code
    /// may be kept between runs (`PCRE2CodeCache`); never for a policy's patterns.
    let isPublic: Bool

    /// A pattern PCRE2 rejected, with PCRE2's own message and the byte offset it points at.
    public struct CompileError: Error, Equatable {
        public let message: String
        public let offset: Int
    }

    private enum State {
        /// Not compiled yet (`init(deferred:)`).
        case pending
        case compiled(OpaquePointer)
        case failed(CompileError)
    }

    /// Guards compilation; a stream may share the pattern with another thread's.
    private let lock = NSLock()
    private var state: State
    /// Per mode, whether JIT compilation was tried (with `lock` held).
    private var jitTried: Set<MatchMode> = []
    /// Words read without the lock on every match. `ready`: the code once it is compiled, 0
    /// before; after how many tries JIT compilation pays (`jitAfter`, set before the code is
    /// published); then per mode, how many matches ran before JIT compilation (`tries`), and
    /// its state (`jitState`: bit 1 set once JIT compilation was tried, bit 0 when that
    /// succeeded).
    /// Allocated after the last point an init can throw: a class whose init throws is not
    /// deinitialised, so words allocated before that would leak.
    private let ready: UnsafeMutablePointer<UInt>
    private var jitAfter: UnsafeMutablePointer<UInt> { ready + 1 }
    private func tries(_ mode: MatchMode) -> UnsafeMutablePointer<UInt> { ready + 2 + mode.rawValue }
    private func jitState(_ mode: MatchMode) -> UnsafeMutablePointer<UInt> { ready + 4 + mode.rawValue }

    private static func zeroWord() -> UnsafeMutablePointer<UInt> {
        let words = UnsafeMutablePointer<UInt>.allocate(capacity: 6)
        words.initialize(repeating: 0, count: 6)
        return words
    }

    /// Complete or partial matching (`PCRE2_PARTIAL_HARD`): PCRE2 makes machine code for each
    /// separately, and most patterns run many tries in one of them only (anchored tries near
    /// keywords are partial until the input ends), so each is compiled when its own tries pay.
    enum MatchMode: Int, Hashable {
        case complete = 0, partial = 1

        var jitOption: UInt32 { self == .complete ? PCRE2_JIT_COMPLETE : PCRE2_JIT_PARTIAL_HARD }
    }

    /// Matches run by PCRE2's interpreter before the pattern is compiled to machine code.
    /// Most built-in patterns get a few candidates in a whole stream, and JIT compiling each
    /// at its first was a third of the default policy's instructions on 5 MB of logs (the
    /// name detector's alone some 30 M). Measured with callgrind on log text, 64 to 128
    /// tries cost least; a number of tries, not one per byte of pattern, since a large
    /// pattern's interpreted tries cost more too. The answers are the same either way; a try
    /// the interpreter gives up on (its depth and heap limits) is run again as machine code.
    static let interpretedTries: UInt = 64

    /// Compiles `pattern` now; `^` and `$` match at line starts and ends, as in log output.
    /// (`pcre2_compile`)
    public init(_ pattern: String, caseless: Bool = false) throws(CompileError) {
        text = pattern
        options = PCRE2_MULTILINE | (caseless ? PCRE2_CASELESS : 0)
        isPublic = false
        switch PCRE2Regex.compile(pattern, options: options) {
        case .success(let code): state = .compiled(code)
        case .failure(let error): throw error
        }
        ready = PCRE2Regex.zeroWord()
    }

    /// A pattern compiled at its first match, not at start-up: most of the built-in
    /// detectors' patterns never get a candidate. For patterns known to compile (the
    /// built-in ones are tested to, escaped literals always do); should one not, every
    /// match of it is a `.failure`, which the stream fails closed on (masks the line), and
    /// nothing traps.
    /// `pattern` is evaluated when the pattern is first needed.
    /// `isPublic`: the pattern is the catalogue's, not a policy's (see `PCRE2CodeCache`).
    public init(deferred pattern: @autoclosure @escaping @Sendable () -> String, caseless: Bool = false, isPublic: Bool = false) {
        source = pattern
        options = PCRE2_MULTILINE | (caseless ? PCRE2_CASELESS : 0)
        self.isPublic = isPublic
        state = .pending
        ready = PCRE2Regex.zeroWord()
    }

    /// A pattern for `MatchScratch.earliestCallout`, compiled at its first use: PCRE2's
    /// start-up optimisations are off, since they may decide that no match is possible (a
    /// character a match needs is missing) without trying the paths whose callouts count.
    /// (`PCRE2_NO_START_OPTIMIZE`, `PCRE2_NO_DOTSTAR_ANCHOR`)
    public init(deferredProbe pattern: @autoclosure @escaping @Sendable () -> String, isPublic: Bool = false) {
        source = pattern
        options = PCRE2_MULTILINE | PCRE2_NO_START_OPTIMIZE | PCRE2_NO_DOTSTAR_ANCHOR
        self.isPublic = isPublic
        state = .pending
        ready = PCRE2Regex.zeroWord()
    }

    /// The pattern's text, written now if it was deferred; with `lock` held.
    private func resolvedPattern() -> String {
        if let source {
            text = source()
            self.source = nil
        }
        return text
    }

    deinit {
        ready.deallocate()
        if case .compiled(let code) = state { pcre2_code_free_8(code) }
    }

    private static func compile(_ pattern: String, options: UInt32) -> Result<OpaquePointer, CompileError> {
        var errorCode: Int32 = 0
        var errorOffset: Int = 0
        let bytes = Array(pattern.utf8)
        let compiled = bytes.withUnsafeBufferPointer { buffer in
            pcre2_compile_8(buffer.baseAddress, buffer.count, options, &errorCode, &errorOffset, nil)
        }
        guard let compiled else { return .failure(CompileError(message: message(for: errorCode), offset: errorOffset)) }
        return .success(compiled)
    }

    /// Number of capture groups in the pattern (0 for one that does not compile).
    /// (`PCRE2_INFO_CAPTURECOUNT`)
    public var captureCount: Int {
        guard case .success(let code) = compiled() else { return 0 }
        var count: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
        return Int(count)
    }

    /// The longest lookbehind of the pattern in bytes, `\b` counting one (nil for a pattern
    /// that does not compile). (`PCRE2_INFO_MAXLOOKBEHIND`)
    var maxLookbehind: Int? {
        guard case .success(let code) = compiled() else { return nil }
        var length: UInt32 = 0
        pcre2_pattern_info_8(code, UInt32(PCRE2_INFO_MAXLOOKBEHIND), &length)
        return Int(length)
    }

    /// The compiled pattern, compiling it first if need be; with `jitFor`, also to machine code
    /// for that mode, after its first tries, not at start-up: JIT compiling every rule took
    /// most of maskrun's start-up. JIT is an optimisation: when it is unavailable the
    /// interpreter gives the same answers. (`pcre2_jit_compile`)
    /// `cache`: where a public pattern's code is looked for before compiling, and kept after.
    func compiled(jitFor mode: MatchMode? = nil, cache: VectorscanCache? = nil) -> Result<OpaquePointer, CompileError> {
        lock.lock()
        defer { lock.unlock() }
        let code: OpaquePointer
        switch state {
        case .compiled(let compiledCode):
            code = compiledCode
        case .failed(let error):
            return .failure(error)
        case .pending:
            let codeCache = isPublic ? cache : nil
            let identity = codeCache.map { _ in PCRE2CodeCache.identity(pattern: resolvedPattern(), options: options) }
            let key = identity.map { PCRE2CodeCache.key(identity: $0) }
            if let codeCache, let identity, let key, let kept = PCRE2CodeCache.load(identity: identity, key: key, from: codeCache) {
                code = kept
                state = .compiled(code)
                break
            }
            switch PCRE2Regex.compile(resolvedPattern(), options: options) {
            case .success(let compiledCode):
                code = compiledCode
                state = .compiled(code)
                if let codeCache, let identity, let key { PCRE2CodeCache.store(code, identity: identity, key: key, in: codeCache) }
            case .failure(let error):
                state = .failed(error)
                return .failure(error)
            }
        }
        publishInterpreted(code)
        if let mode, !jitTried.contains(mode) {
            jitTried.insert(mode)
            // Adds this mode's machine code; another mode's, made before, is left as it is.
            let made = pcre2_jit_compile_8(code, mode.jitOption) == 0
            maskrun_store_release(jitState(mode), 2 | (made ? 1 : 0))
        }
        return .success(code)
    }

    /// Publishes the code, for the interpreter until a mode's JIT code is made; with `lock` held.
    private func publishInterpreted(_ code: OpaquePointer) {
        guard maskrun_load_acquire(ready) == 0 else { return }
        jitAfter.pointee = PCRE2Regex.interpretedTries
        maskrun_store_release(ready, UInt(bitPattern: Int(bitPattern: UnsafeRawPointer(code))))
    }

    /// The code ready to match in `mode`, and whether it runs as machine code, without taking
    /// the lock once it is compiled (the common case). Interpreted for the mode's first
    /// `jitAfter` tries, then JIT compiled for it (`compiled(jitFor:)`).
    @inline(__always)
    func readyCode(_ mode: MatchMode, cache: VectorscanCache? = nil) -> Result<(OpaquePointer, jit: Bool), CompileError> {
        let word = maskrun_load_acquire(ready)
        guard word != 0, let code = OpaquePointer(bitPattern: word) else { return compiled(cache: cache).map { ($0, false) } }
        let jit = maskrun_load_acquire(jitState(mode))
        if jit & 2 != 0 { return .success((code, jit & 1 != 0)) }
        if maskrun_fetch_add_relaxed(tries(mode), 1) < jitAfter.pointee { return .success((code, false)) }
        return compiled(jitFor: mode).map { ($0, false) }
    }

    /// The code compiled to machine code for `mode` now, and whether that succeeded (for a
    /// try the interpreter gave up on).
    func machineCode(_ mode: MatchMode) -> (OpaquePointer, jit: Bool)? {
        guard case .success(let code) = compiled(jitFor: mode) else { return nil }
        return (code, maskrun_load_acquire(jitState(mode)) & 1 != 0)
    }

    /// PCRE2's text for an error code. (`pcre2_get_error_message`)
    static func message(for code: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let length = pcre2_get_error_message_8(code, &buffer, buffer.count)
        guard length > 0 else { return "PCRE2 error \(code)" }
        return String(decoding: buffer[0..<Int(length)], as: UTF8.self)
    }

    /// Whether the pattern matches the empty string (such a pattern would mask nothing useful).
    public var matchesEmpty: Bool {
        let scratch = MatchScratch()
        let empty: [UInt8] = []
        if case .match = scratch.match(self, in: empty, from: 0, partial: false) { return true }
        return false
    }

    /// Whether the pattern matches all of `bytes`, start to end.
    public func matchesWhole(_ bytes: some Collection<UInt8>, scratch: MatchScratch) -> Bool {
        let subject = Array(bytes)
        if case .match = scratch.match(self, in: subject, from: 0, partial: false, anchoredWhole: true) {
            return true
        }
        return false
    }
}

/// The outcome of one search.
public enum MatchResult: Equatable {
    /// A complete match; `groups[n]` is group n's byte range, nil when it did not take part.
    case match(groups: [Range<Int>?])
    /// The subject ends inside a possible match that starts at `start`; more input decides it.
    case partial(start: Int)
    case noMatch
    /// PCRE2 gave up (match or depth limit, memory); the caller fails closed.
    case failure(message: String)
}

/// Per-stream state PCRE2 needs to match: match data, a match context with explicit limits,
/// and a JIT stack. Not shareable between threads; one per masking stream.
public final class MatchScratch {
    private let matchData: OpaquePointer
    private let context: OpaquePointer
    private let jitStack: OpaquePointer?
    /// For `earliestCallout`: the same limits, and a callout that lowers `earliest`.
    private let probeContext: OpaquePointer
    private let earliest: UnsafeMutablePointer<Int>
    /// Where the built-in patterns' compiled code is kept between runs (`PCRE2CodeCache`):
    /// a pattern compiled at its first match here looks there first. Set by the stream.
    var codeCache: VectorscanCache?

    /// Limits chosen so a catastrophic pattern fails within milliseconds instead of hanging.
    /// (`pcre2_set_match_limit`, `pcre2_set_depth_limit`, `pcre2_set_heap_limit`)
    public init(matchLimit: UInt32 = 2_000_000, depthLimit: UInt32 = 10_000) {
        matchData = pcre2_match_data_create_8(64, nil)
        context = pcre2_match_context_create_8(nil)
        pcre2_set_match_limit_8(context, matchLimit)
        pcre2_set_depth_limit_8(context, depthLimit)
        pcre2_set_heap_limit_8(context, 64 * 1024)  // KiB
        jitStack = pcre2_jit_stack_create_8(32 * 1024, 1024 * 1024, nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
        probeContext = pcre2_match_context_create_8(nil)
        pcre2_set_match_limit_8(probeContext, matchLimit)
        pcre2_set_depth_limit_8(probeContext, depthLimit)
        pcre2_set_heap_limit_8(probeContext, 64 * 1024)
        earliest = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        earliest.initialize(to: Int.max)
        pcre2_set_callout_8(probeContext, { block, data in
            if let block, let data {
                let earliest = data.assumingMemoryBound(to: Int.self)
                earliest.pointee = min(earliest.pointee, Int(block.pointee.current_position))
            }
            return 1  // this path fails here; PCRE2 backtracks into the others
        }, earliest)
    }

    deinit {
        earliest.deallocate()
        pcre2_match_context_free_8(probeContext)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
        pcre2_match_context_free_8(context)
        pcre2_match_data_free_8(matchData)
    }

    /// Searches `subject` from byte `offset`. Bytes before `offset` are visible to lookbehind.
    /// With `partial`, a match that could still change with more input is reported as
    /// `.partial` (`PCRE2_PARTIAL_HARD`). `notAtStart`: the subject's first byte is not the
    /// start of the input (`PCRE2_NOTBOL`). `length`: search only the subject's first bytes.
    /// `anchored`: a match must start at `offset` (`PCRE2_ANCHORED`; this runs without the
    /// JIT, so it is for rare paths only). (`pcre2_match`)
    public func match(
        _ regex: PCRE2Regex, in subject: [UInt8], from offset: Int, partial: Bool,
        notAtStart: Bool = false, anchoredWhole: Bool = false, anchored: Bool = false, length: Int? = nil
    ) -> MatchResult {
        let code: OpaquePointer
        let jit: Bool
        let mode: PCRE2Regex.MatchMode = partial ? .partial : .complete
        switch regex.readyCode(mode, cache: codeCache) {
        case .success(let compiled): (code, jit) = compiled
        case .failure(let error): return .failure(message: "the pattern does not compile: \(error.message)")
        }
        var options: UInt32 = partial ? PCRE2_PARTIAL_HARD : 0
        if notAtStart { options |= PCRE2_NOTBOL }
        if anchoredWhole { options |= PCRE2_ANCHORED | PCRE2_ENDANCHORED }
        if anchored { options |= PCRE2_ANCHORED }
        func run(_ code: OpaquePointer, _ jit: Bool) -> Int32 {
            subject.withUnsafeBufferPointer { buffer -> Int32 in
                // PCRE2 wants a non-null pointer even for an empty subject.
                let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
                let length = length ?? buffer.count
                // JIT code directly, without pcre2_match's checks, for the options it takes (the
                // same code pcre2_match would run); anchoring options go through pcre2_match.
                if jit, !anchoredWhole, !anchored, offset <= length {
                    return pcre2_jit_match_8(code, base, length, offset, options, matchData, context)
                }
                return pcre2_match_8(code, base, length, offset, options, matchData, context)
            }
        }
        var rc = run(code, jit)
        // The interpreter's limits are not the machine code's: what it gives up on is run as
        // machine code, so the answer is the one JIT code gives.
        if rc < 0, rc != PCRE2_ERROR_NOMATCH, rc != PCRE2_ERROR_PARTIAL, !jit, let machine = regex.machineCode(mode), machine.jit {
            rc = run(machine.0, true)
        }
        let ovector = pcre2_get_ovector_pointer_8(matchData)!
        if rc == PCRE2_ERROR_NOMATCH { return .noMatch }
        if rc == PCRE2_ERROR_PARTIAL { return .partial(start: Int(ovector[0])) }
        if rc < 0 { return .failure(message: PCRE2Regex.message(for: rc)) }
        // PCRE2_UNSET, (PCRE2_SIZE)~0, as Swift imports size_t.
        let unset = Int(bitPattern: UInt.max)
        let pairs = rc == 0 ? 64 : Int(rc)
        var groups: [Range<Int>?] = []
        groups.reserveCapacity(pairs)
        for index in 0..<pairs {
            let start = ovector[2 * index], end = ovector[2 * index + 1]
            groups.append(start == unset ? nil : Int(start)..<Int(end))
        }
        return .match(groups: groups)
    }

    /// The earliest position at which any way of matching `probe` (a pattern with callouts,
    /// from `PCRE2Regex(deferredProbe:)`) from `offset` on reaches a callout, the ways that
    /// run into the end of `subject` included: every callout fails the path that reached it,
    /// so PCRE2 tries them all. `.unknown` when PCRE2 gave up (a limit), or a path matched
    /// without passing a callout. (`pcre2_match` with `PCRE2_PARTIAL_SOFT`, `pcre2_set_callout`)
    func earliestCallout(_ probe: PCRE2Regex, in subject: [UInt8], from offset: Int, notAtStart: Bool) -> CalloutReach {
        guard case .success(let code) = probe.compiled(cache: codeCache) else { return .unknown }
        earliest.pointee = Int.max
        let options = PCRE2_PARTIAL_SOFT | (notAtStart ? PCRE2_NOTBOL : 0)
        let rc = subject.withUnsafeBufferPointer { buffer -> Int32 in
            let base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
            return pcre2_match_8(code, base, buffer.count, offset, options, matchData, probeContext)
        }
        guard rc == PCRE2_ERROR_NOMATCH || rc == PCRE2_ERROR_PARTIAL else { return .unknown }
        return earliest.pointee == Int.max ? .none : .at(earliest.pointee)
    }
}

/// What `MatchScratch.earliestCallout` found.
enum CalloutReach: Equatable {
    /// The earliest callout any path reached, as an offset into the subject.
    case at(Int)
    /// No path reaches a callout.
    case none
    /// Nothing is known (PCRE2 gave up, or a path matched without a callout).
    case unknown
}
