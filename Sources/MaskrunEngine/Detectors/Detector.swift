/// A built-in detector: a documented secret format, with examples its own test runs.
public struct Detector: Sendable {
    public enum Confidence: String, Sendable, Comparable {
        case high, medium, low
        public static func < (a: Confidence, b: Confidence) -> Bool {
            let order: [Confidence] = [.low, .medium, .high]
            return order.firstIndex(of: a)! < order.firstIndex(of: b)!
        }
    }

    public let id: String
    public let description: String
    public let confidence: Confidence
    /// PCRE2 pattern (byte mode, multi-line).
    public let pattern: String
    /// The capture group that is masked; 0 for the whole match.
    public let group: Int
    /// Output that must be masked: the secret between `«` and `»`.
    public let examples: [String]
    /// Output that must pass unchanged.
    public let counterexamples: [String]
    /// Where the pattern can match at all (see `Prefilter` for the contract).
    public let prefilter: Prefilter
    /// A check on the masked bytes (checksum, entropy) that a match must also pass.
    public let validator: MaskRule.Validator?

    public init(
        id: String, description: String, confidence: Confidence = .high, pattern: String,
        group: Int = 0, prefilter: Prefilter, validator: MaskRule.Validator? = nil,
        examples: [String], counterexamples: [String] = []
    ) {
        self.id = id
        self.prefilter = prefilter
        self.validator = validator
        self.description = description
        self.confidence = confidence
        self.pattern = pattern
        self.group = group
        self.examples = examples
        self.counterexamples = counterexamples
    }

    /// A detector for secret-bearing key names, using the `field:` rule's shapes.
    /// `keywords`: the key names' literal beginnings, lower case.
    static func field(
        id: String, description: String, keyPattern: String, keyCaptureCount: Int = 0,
        keywords: [String], examples: [String], counterexamples: [String] = []
    ) -> Detector {
        let built = FieldPattern.build(keyPattern: keyPattern, keyCaptureCount: keyCaptureCount)
        // A `--flag value` match starts at the dashes; the others at the key.
        return Detector(
            id: id, description: description, pattern: built.pattern, group: built.valueGroup,
            prefilter: Prefilter(keywords: keywords + "abcdefghijklmnopqrstuvwxyz".map { "--\($0)" }, caseless: true),
            examples: examples, counterexamples: counterexamples)
    }
}
