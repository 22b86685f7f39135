extension MaskRule {
    /// A rule masking literal values in all their printed forms (`LiteralValues.forms`).
    /// Returns nil when there are no values.
    public static func literal(id: String, values: [[UInt8]], minimumLength: Int, replacement: Replacement) -> MaskRule? {
        let forms = values.flatMap { LiteralValues.forms(of: $0, minimumLength: minimumLength) }
        guard !forms.isEmpty else { return nil }
        // Escaped literals always compile (and should one not, its matches fail closed).
        let regex = PCRE2Regex(deferred: LiteralValues.pattern(for: forms))
        // Every match is one of the forms, starting where it starts: they are the keywords.
        let prefilter = forms.allSatisfy { $0.count >= 3 } ? Prefilter(keywordBytes: forms, keywordsArePublic: false) : nil
        return MaskRule(id: id, regex: regex, replacement: replacement, prefilter: prefilter)
    }
}
