extension MaskRule {
    /// Rules masking literal values in all their printed forms (`LiteralValues.forms`), all
    /// with the id `id`. Empty when there are no values.
    ///
    /// The forms are split into several rules of bounded pattern size: PCRE2 refuses a
    /// compiled pattern over 64 KiB, and one alternation of a values file's few hundred
    /// values in all their forms is more than that (every match of it then failed closed,
    /// masking the rest of each line as `engine-error`).
    public static func literals(id: String, values: [[UInt8]], minimumLength: Int, replacement: Replacement) -> [MaskRule] {
        let forms = values.flatMap { LiteralValues.forms(of: $0, minimumLength: minimumLength) }
        var rules: [MaskRule] = []
        var group: [[UInt8]] = []
        var size = 0
        func close() {
            guard !group.isEmpty else { return }
            let chunk = group
            // Escaped literals always compile (and should one not, its matches fail closed).
            let regex = PCRE2Regex(deferred: LiteralValues.pattern(for: chunk))
            // Every match is one of the forms, starting where it starts: they are the keywords.
            let prefilter = chunk.allSatisfy { $0.count >= 3 } ? Prefilter(keywordBytes: chunk, keywordsArePublic: false) : nil
            rules.append(MaskRule(id: id, regex: regex, replacement: replacement, prefilter: prefilter))
            group = []
            size = 0
        }
        for form in forms {
            // An escaped byte takes at most four pattern bytes; one form alone is bounded
            // by the values' own length limit.
            if size > 0 && size + 4 * form.count + 1 > literalPatternBudget { close() }
            group.append(form)
            size += 4 * form.count + 1
        }
        close()
        return rules
    }

    /// Pattern bytes per literal rule, well under PCRE2's 64 KiB compiled-pattern limit.
    static let literalPatternBudget = 16 * 1024
}
