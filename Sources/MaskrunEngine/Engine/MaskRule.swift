/// One compiled masking rule: a pattern, which part of a match to mask, and how.
public struct MaskRule: Sendable {
    /// Shown in replacements (`{rule}`), audit events and `policy test`.
    public let id: String
    public let regex: PCRE2Regex
    /// The capture group whose bytes are masked; 0 masks the whole match. When the group
    /// did not take part in a match, the whole match is masked.
    public let maskGroup: Int
    public let replacement: Replacement
    /// When set, the pattern is tried only near these keywords (built-in detectors).
    public let prefilter: Prefilter?
    /// The pattern as `\G(?:…)`, matching only where a search starts, for the tries near
    /// keywords. (PCRE2 runs its JIT code only when the anchoring is in the pattern;
    /// `PCRE2_ANCHORED` passed at match time falls back to the interpreter.)
    let anchoredRegex: PCRE2Regex?
    /// When set, a match is masked only if this accepts the masked bytes (a checksum such as
    /// Luhn or mod-97, or an entropy gate); a rejected match is left as it is.
    public let validator: Validator?
    /// For a rule searched everywhere: the most bytes any match attempt inspects from where
    /// it starts (lookahead included). An attempt that starts more than this before the end
    /// of the input cannot be cut by it, so those are searched without partial matching,
    /// which keeps PCRE2's fast start-of-match search; only the last `maxReach` bytes are
    /// searched with `PCRE2_PARTIAL_HARD`. Nil: every search is partial.
    public let maxReach: Int?
    /// For a rule with `maxReach` and no keywords: shapes every match contains, so it is tried
    /// only near them (see `Shape`).
    public let shapes: [Shape]
    /// When set, a match is masked only if this accepts the whole match and its masked part
    /// (slices of the same buffer): a value judged by the name it is assigned to.
    public let matchValidator: MatchValidator?
    /// The pattern with a callout before each opening of the masked group (compiled at its
    /// first use, see `PCRE2Regex(deferredProbe:)`): where a held possible match can start its
    /// value. What comes before that (a name and its joint, `Password: `) is public text, so
    /// a stream writes it at once instead of holding it for the flush window.
    public let valueStartProbe: PCRE2Regex?
    /// Whether the values this rule masks are learned (see `Detector.learnsValues`).
    public let learnsValues: Bool

    public typealias Validator = @Sendable (ArraySlice<UInt8>) -> Bool
    /// `mayGrow`: the value runs to the end of the input at an idle flush, so more of it may
    /// still come (keys typed after a `Password: ` prompt).
    public typealias MatchValidator = @Sendable (
        _ match: ArraySlice<UInt8>, _ value: ArraySlice<UInt8>, _ mayGrow: Bool) -> Bool

    public init(
        id: String, regex: PCRE2Regex, maskGroup: Int = 0, replacement: Replacement,
        prefilter: Prefilter? = nil, validator: Validator? = nil, matchValidator: MatchValidator? = nil,
        maxReach: Int? = nil, shapes: [Shape] = [], valueStartProbe: PCRE2Regex? = nil, learnsValues: Bool = true
    ) {
        self.valueStartProbe = valueStartProbe
        self.learnsValues = learnsValues
        // Unreachable from input: shapes and reaches come only from the built-in catalogue
        // (a policy's rules have neither), whose every entry the engine tests construct.
        precondition(shapes.isEmpty || maxReach != nil, "shapes need maxReach")
        self.shapes = shapes
        precondition(maxReach.map { $0 > 0 } ?? true, "maxReach must be positive")
        self.maxReach = maxReach
        self.id = id
        self.regex = regex
        self.maskGroup = maskGroup
        self.replacement = replacement
        self.prefilter = prefilter
        self.validator = validator
        self.matchValidator = matchValidator
        // Wrapping a pattern that compiles in a group keeps it valid and its group numbers;
        // compiled at the rule's first keyword hit.
        anchoredRegex = prefilter.map { _ in PCRE2Regex(deferred: "\\G(?:\(regex.pattern))", isPublic: regex.isPublic) }
    }
}

/// The values the policy says are never masked, even when a rule matches them.
public struct AllowList: Sendable {
    public var literals: Set<[UInt8]>
    public var patterns: [PCRE2Regex]

    public init(literals: Set<[UInt8]> = [], patterns: [PCRE2Regex] = []) {
        self.literals = literals
        self.patterns = patterns
    }

    func allows(_ value: ArraySlice<UInt8>, scratch: MatchScratch) -> Bool {
        if literals.contains(Array(value)) { return true }
        return patterns.contains { $0.matchesWhole(value, scratch: scratch) }
    }
}

extension MaskRule {
    /// Compiles a built-in detector into a rule. `usePrefilter: false` searches everywhere,
    /// always with partial matching (no keywords, no `maxReach`), for tests that check the
    /// first pass changes nothing. The pattern is compiled at its first candidate (see
    /// `PCRE2Regex.init(deferred:)`; the built-in patterns are tested to compile).
    public init(detector: Detector, replacement: Replacement, usePrefilter: Bool = true) {
        self.init(
            id: detector.id, regex: PCRE2Regex(deferred: detector.pattern, isPublic: true), maskGroup: detector.group,
            replacement: replacement, prefilter: usePrefilter ? detector.prefilter : nil,
            validator: detector.validator, matchValidator: detector.matchValidator, maxReach: usePrefilter ? detector.maxReach : nil,
            shapes: usePrefilter ? detector.shapes : [],
            // Written and compiled at its first use, as the pattern is.
            valueStartProbe: detector.hasValueStartProbe ? PCRE2Regex(deferredProbe: detector.valueStartProbe ?? "", isPublic: true) : nil,
            learnsValues: detector.learnsValues)
    }
}
