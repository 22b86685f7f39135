@preconcurrency import Crypto

/// The compiled, immutable masking configuration: rules, allow list and hash key.
/// Share one engine between streams; each stream keeps its own state (`MaskingStream`).
public final class MaskingEngine: Sendable {
    public let rules: [MaskRule]
    public let allow: AllowList
    let hashKey: SymmetricKey
    public let limits: StreamLimits
    let keywordIndex: KeywordIndex
    /// Where the built-in patterns' PCRE2 code is kept between runs; only the catalogue's
    /// patterns use it (`PCRE2Regex.isPublic`), never a policy's.
    let codeCache: VectorscanCache?

    /// `hashKey`: a configured key makes `hash` replacements correlate across sessions;
    /// without one each engine draws a random key, so they correlate within a session only.
    /// `vectorscanCache`: where the first pass's compiled databases may be kept (public
    /// keywords and shapes only), and the built-in patterns' PCRE2 code (`PCRE2CodeCache`);
    /// without one they are compiled every time.
    public init(
        rules: [MaskRule], allow: AllowList = AllowList(), hashKey: [UInt8]? = nil,
        limits: StreamLimits = StreamLimits(), vectorscanCache: VectorscanCache? = nil
    ) {
        self.rules = rules
        self.allow = allow
        self.hashKey = hashKey.map { SymmetricKey(data: $0) } ?? SymmetricKey(size: .bits256)
        self.limits = limits
        keywordIndex = KeywordIndex(rules: rules, cache: vectorscanCache)
        codeCache = vectorscanCache
    }

    /// The keyed fingerprint of a value, as the audit log records it.
    public func fingerprint(of value: some Collection<UInt8>) -> String {
        Fingerprint.hex(of: value, key: hashKey)
    }

    /// Masks a whole input at once (for tests, `policy test` and small inputs).
    public func mask(_ input: [UInt8]) -> [UInt8] {
        let stream = MaskingStream(engine: self)
        return stream.feed(input) + stream.finish()
    }
}

/// Bounds that keep a stream's memory independent of the output's size and line length.
public struct StreamLimits: Sendable {
    /// The most bytes held back waiting for a possible secret to complete; past it the
    /// possible secret is masked from its start until its rule's match or its line ends
    /// (fail closed), never released.
    public var maxHeld: Int
    /// Bytes kept before the scan position so lookbehind and `^` see real context.
    public var lookbehind: Int
    /// How far back, after a flush, a secret's beginning may lie and still be masked later.
    public var retainedAfterFlush: Int

    public init(maxHeld: Int = 32 * 1024, lookbehind: Int = 256, retainedAfterFlush: Int = 4096) {
        self.maxHeld = maxHeld
        self.lookbehind = lookbehind
        self.retainedAfterFlush = retainedAfterFlush
    }
}

/// One masked span, as the audit log (SPEC §5) records it. Never holds the value itself.
public struct MaskEvent: Sendable, Equatable {
    public let ruleID: String
    /// Byte offset of the span in the raw stream.
    public let offset: Int
    public let length: Int
    public let replacementKind: String
    /// Keyed fingerprint of the value (`MaskingEngine.fingerprint`).
    public let fingerprint: String
}
