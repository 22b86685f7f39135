/// A built-in detector: a documented secret format, with examples its own test runs.
public struct Detector: Sendable {
    public enum Confidence: String, Sendable, Comparable {
        case high, medium, low
        public static func < (a: Confidence, b: Confidence) -> Bool {
            let order: [Confidence] = [.low, .medium, .high]
            return order.firstIndex(of: a)! < order.firstIndex(of: b)!
        }
    }

    /// Where a detector belongs in the catalogue (one source file each).
    public enum Family: String, Sendable, CaseIterable {
        case cloud
        case sourceHosts = "source-hosts"
        case registries
        case messaging
        case payments
        case ai
        case databases
        case infrastructure
        case saas
        case privateKeys = "private-keys"
        case web
        case fields
        case personalData = "personal-data"
    }

    public let id: String
    public let description: String
    public let confidence: Confidence
    /// Set when the detector is listed in `BuiltinDetectors.all`.
    public private(set) var family: Family = .fields
    /// PCRE2 pattern (byte mode, multi-line). Written when first read: a rule compiles it
    /// at its first candidate, and writing every detector's pattern at start-up was a
    /// third of maskrun's start-up.
    public var pattern: String { makePattern() }
    private var makePattern: @Sendable () -> String
    /// The capture group that is masked; 0 for the whole match.
    public let group: Int
    /// Output that must be masked: the secret between `«` and `»`.
    public let examples: [String]
    /// Output that must pass unchanged.
    public let counterexamples: [String]
    /// Where the pattern can match at all (see `Prefilter` for the contract). Nil only for a
    /// format with no literal part at all (a card number, an address): such a pattern is
    /// searched everywhere, so it must start with a narrow character class.
    public let prefilter: Prefilter?
    /// A check on the masked bytes (checksum, entropy) that a match must also pass.
    public private(set) var validator: MaskRule.Validator?
    /// The literal beginnings of a `prefixed` token, from which a cut-short one is still
    /// recognised (`BuiltinDetectors.truncated`).
    public private(set) var tokenPrefixes: [String] = []
    /// For a pattern searched everywhere (no `prefilter`): the most bytes any match attempt
    /// inspects, counted from where it starts, lookahead included (see `MaskRule.maxReach`).
    /// Set it only for a pattern with no unbounded repetition, and with room to spare.
    public let maxReach: Int?
    /// With `maxReach`: Vectorscan patterns one of which every match contains (see `Shape`).
    public let shapes: [Shape]
    /// A check on the whole match and the masked bytes (a value judged by its name).
    public let matchValidator: MaskRule.MatchValidator?
    /// Whether a value this detector masks is learned (SPEC §3, known values), so its later
    /// occurrences and their encodings are masked without the context that found it. False
    /// only for personal data found without context (an address, a card number): the
    /// detector itself finds every later bare occurrence, and learning thousands of them
    /// (a JSON log under `builtin: all`) was a third of the filter's time. Provider tokens
    /// are learned: their base64 or URL-encoded form later is theirs alone to give away.
    public let learnsValues: Bool
    /// The pattern with a callout `(?C1)` where a masked value starts (see
    /// `MaskRule.valueStartProbe`), so a stream may write what is held before it (a name
    /// and its joint, a `Password: ` prompt) at once. Nil for most detectors.
    public var valueStartProbe: String? { hasValueStartProbe ? makeProbe() : nil }
    /// Set when the pattern text marks its value starts (`marksValueStart`).
    public let hasValueStartProbe: Bool
    private var makeProbe: @Sendable () -> String

    public init(
        id: String, description: String, confidence: Confidence = .high,
        pattern: @autoclosure @escaping @Sendable () -> String, group: Int = 0, prefilter: Prefilter?, maxReach: Int? = nil, shapes: [Shape] = [], validator: MaskRule.Validator? = nil,
        matchValidator: MaskRule.MatchValidator? = nil, marksValueStart: Bool = false, learnsValues: Bool = true,
        examples: [String], counterexamples: [String] = []
    ) {
        self.id = id
        self.learnsValues = learnsValues
        // `marksValueStart`: the text has `(?C1)` before each place the masked group opens
        // (and before a positive lookahead there, which may read past the input's end):
        // without them it is the pattern, with them the probe. One text for both.
        hasValueStartProbe = marksValueStart
        makeProbe = pattern
        if marksValueStart {
            self.makePattern = { @Sendable in Detector.removingValueStartMarks(pattern()) }
        } else {
            self.makePattern = pattern
        }
        self.matchValidator = matchValidator
        self.prefilter = prefilter
        self.maxReach = maxReach
        self.shapes = shapes
        self.validator = validator
        self.description = description
        self.confidence = confidence
        self.group = group
        self.examples = examples
        self.counterexamples = counterexamples
    }

    /// Where a pattern marks a masked value's start (`marksValueStart`): a PCRE2 callout,
    /// which only the probe's matching acts on.
    static let valueStartMark = "(?C1)"

    /// `pattern` without its value-start marks, byte by byte: Foundation's search
    /// (`replacingOccurrences`) compares composed characters, which on the name detector's
    /// 23 KB of pattern cost millions of instructions at its first candidate.
    static func removingValueStartMarks(_ pattern: String) -> String {
        let mark = Array(valueStartMark.utf8)
        var bytes = Array(pattern.utf8)
        var kept = 0, index = 0
        while index < bytes.count {
            if bytes[index] == mark[0], index + mark.count <= bytes.count, bytes[index..<(index + mark.count)].elementsEqual(mark) {
                index += mark.count
                continue
            }
            bytes[kept] = bytes[index]
            kept += 1
            index += 1
        }
        return String(decoding: bytes[..<kept], as: UTF8.self)
    }

    /// Files this detector to `family`. A provider format's match must also not be a stand-in
    /// (`ValueShape.isStandIn`: `Bearer XXXXXXXXXXXX`, `sha256~XXXX_PUT_YOUR_TOKEN_HERE`,
    /// `AIzaaaaaaaa…`), one check for the whole catalogue. Names judge their values with
    /// `ValueShape` already; key blocks and personal data are judged by their structure.
    func inFamily(_ family: Family) -> Detector {
        var copy = self
        copy.family = family
        let make = makePattern
        copy.makePattern = { Detector.boundaryAfterEscapes(make()) }
        let probe = makeProbe
        copy.makeProbe = { Detector.boundaryAfterEscapes(probe()) }
        if ![.fields, .privateKeys, .personalData].contains(family) {
            copy.validator = validator.map { check -> MaskRule.Validator in
                { @Sendable value in !ValueShape.isStandIn(value, format: true) && check(value) }
            } ?? { @Sendable value in !ValueShape.isStandIn(value, format: true) }
        }
        return copy
    }

    /// A token that begins with one of `prefixes` (the prefilter's keywords; the match starts
    /// at the prefix) followed by `body`, not glued to a letter or digit before it nor to
    /// a character of `tail` after it. The whole token is masked.
    ///
    /// `keptPrefix`: for a prefix whose first three bytes are common text ("sha" of
    /// "sha256~", "lin" of "lin_api_"), the keywords are the prefixes without that many
    /// leading bytes, and only the body is masked (the prefix stays, as a scheme does).
    ///
    /// A body of a few repeated characters (`ghp_xxxx…`, `glpat-XXXX-XXXX`) is a placeholder
    /// in documentation, not a token, and stays (`Validators.notFiller`).
    /// `truncatable`: a prefix that is also ordinary text (`live_`, `test_`) is left out of
    /// `truncated-secret`, which would otherwise mask `test_connection_pool…`.
    static func prefixed(
        id: String, description: String, confidence: Confidence = .high, prefixes: [String],
        body: String, tail: String = "A-Za-z0-9_-", caseless: Bool = false, keptPrefix: Int = 0,
        truncatable: Bool = true,
        validator: MaskRule.Validator? = nil, examples: [String], counterexamples: [String] = []
    ) -> Detector {
        let filler = Validators.notFiller(afterAnyOf: keptPrefix > 0 ? [] : prefixes, caseless: caseless)
        var detector = Detector(
            id: id, description: description, confidence: confidence,
            pattern: prefixedPattern(prefixes: prefixes, body: body, tail: tail, caseless: caseless, keptPrefix: keptPrefix),
            group: keptPrefix > 0 ? 1 : 0,
            prefilter: Prefilter(keywords: prefixes.map { String($0.dropFirst(keptPrefix)) }, caseless: caseless, lead: keptPrefix),
            validator: validator.map { check -> MaskRule.Validator in { @Sendable value in filler(value) && check(value) } } ?? filler,
            examples: examples, counterexamples: counterexamples)
        if keptPrefix == 0 && !caseless && truncatable { detector.tokenPrefixes = prefixes.filter { $0.utf8.count >= 4 } }
        return detector
    }

    /// `prefixed`'s pattern.
    private static func prefixedPattern(prefixes: [String], body: String, tail: String, caseless: Bool, keptPrefix: Int) -> String {
        let alternatives = prefixes.map(Detector.escape).joined(separator: "|")
        let masked = keptPrefix > 0 ? "(\(body))" : body
        // A prefix of twelve bytes or more is no file name's tail, so it starts a token after a
        // dotted word too (`${{ secrets.pypi-AgEIcHlwaS5vcmc… }}`: a token pasted as a reference's name).
        let distinctive = prefixes.allSatisfy { $0.utf8.count >= 12 }
        let start = distinctive ? #"(?:(?<=\\[nrt])|(?<![A-Za-z0-9]))"# : Detector.tokenStart
        let pattern = start + "(?:\(alternatives))\(masked)" + Detector.notFollowedBy(tail) + Detector.notFileName
        return caseless ? "(?i)" + pattern : pattern
    }

    /// A value recognised by the name it is assigned to: `NAME=value`, `NAME: value`,
    /// `"name": "value"`, `name = 'value'`, `NAME := value`, `name => value`. `names` is a
    /// pattern matched without case, starting at one of `keywords`; `value` is the masked
    /// value's pattern (case sensitive), which must not run on into `tail`. A keyword may sit
    /// `lead` bytes into the name, where its first three bytes are rarer than the name's
    /// ("ypal" of "paypal", not "pay" of "payment").
    static func assigned(
        id: String, description: String, confidence: Confidence = .high, names: String,
        keywords: [String], lead: Int = 0, value: String, tail: String = "A-Za-z0-9_-",
        validator: MaskRule.Validator? = nil, examples: [String], counterexamples: [String] = []
    ) -> Detector {
        return Detector(
            id: id, description: description, confidence: confidence,
            // The value may also be glued to the name with a dash (`dd-apikey-<hex>`, a key
            // pasted into a resource's or a file's name): the value's own format says it is one.
            pattern: #"(?<![A-Za-z0-9])(?i:"# + names + #")(?:[A-Za-z0-9_.-]{0,24}+["']?[ \t]*+(?::=|=>|[:=])[ \t]*+["']?|-)("#
                + value + ")" + Detector.notFollowedBy(tail),
            group: 1,
            prefilter: Prefilter(keywords: keywords, caseless: true, lead: lead), validator: validator,
            examples: examples, counterexamples: counterexamples)
    }

    /// Where a token may start: not glued to a letter or digit, nor to a dotted word before it
    /// (`video_box.ico-7a38…`, `xoxe.xoxp-…`: a file name, another format); right after a JSON
    /// or C escape (`"…\nghp_…"`), whose letter is no part of the token.
    static let tokenStart = #"(?:(?<=\\[nrt])|(?<![A-Za-z0-9])(?<![A-Za-z0-9]\.))"#

    /// `pattern` with its leading word boundary (`\b`, `(?<![A-Za-z0-9])`) also met right
    /// after a JSON or C escape: in `"…\nAKIA…"` the `n` is no part of the token, and a
    /// JSON log line holds many (`kubectl -o json`, structured logs).
    static func boundaryAfterEscapes(_ pattern: String) -> String {
        // On bytes: Foundation's `range(of:)` on the catalogue's largest patterns cost more
        // than PCRE2's compilation of them.
        let bytes = Array(pattern.utf8)
        func has(_ text: StaticString, at offset: Int) -> Bool {
            let count = text.utf8CodeUnitCount
            guard offset + count <= bytes.count else { return false }
            return (0..<count).allSatisfy { bytes[offset + $0] == text.utf8Start[$0] }
        }
        let head = has("(?i)", at: 0) ? 4 : 0
        let boundaryEnd: Int
        if has(#"\b"#, at: head) {
            boundaryEnd = head + 2
        } else if has("(?<![", at: head), let close = (head..<max(head, bytes.count - 1)).first(where: { has("])", at: $0) }) {
            boundaryEnd = close + 2
        } else {
            return pattern
        }
        let text = { (range: Range<Int>) in String(decoding: bytes[range], as: UTF8.self) }
        return text(0..<head) + #"(?:(?<=\\[nrt])|"# + text(head..<boundaryEnd) + ")" + text(boundaryEnd..<bytes.count)
    }

    /// A lookahead: the token is not a file's name (`…-7a388b69018576d24b59331fd60aab0c.png`,
    /// `app.js`): content hashes in asset names are public.
    static let notFileName = #"(?!\.(?:png|jpe?g|gif|svg|ico|webp|bmp|css|js|mjs|map|html?|json|txt|md|xml|ya?ml|woff2?|ttf|eot|pdf|zip|t?gz|tar|whl|jar|so|dll|exe|bin|log|lock|csv)(?![A-Za-z0-9]))"#

    /// A lookahead: the token does not run on into a character of `tail`. A `.` in `tail` still
    /// ends the token when what follows it is not part of one (a full stop).
    static func notFollowedBy(_ tail: String) -> String {
        guard !tail.isEmpty else { return "" }
        guard tail.contains(".") else { return "(?![\(tail)])" }
        return "(?![\(tail.filter { $0 != "." })]|\\.[\(tail)])"
    }

    /// `text` with PCRE2's special characters escaped.
    static func escape(_ text: String) -> String {
        // Byte by byte (the special characters are ASCII): comparing Characters took a
        // tenth of maskrun's start-up, building the catalogue.
        var escaped: [UInt8] = []
        escaped.reserveCapacity(text.utf8.count * 2)
        for byte in text.utf8 {
            if escapeSpecials.contains(byte) { escaped.append(UInt8(ascii: "\\")) }
            escaped.append(byte)
        }
        return String(decoding: escaped, as: UTF8.self)
    }

    private static let escapeSpecials = ByteSet("\\^$.|?*+()[]{}-/#~".utf8)
}
