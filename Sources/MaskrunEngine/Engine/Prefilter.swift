/// Literal anchors that every match of a rule contains, so the rule's pattern is tried only
/// where one occurs instead of at every byte (the keyword prefilter).
///
/// The contract a detector keeps: every match starts between `lead` bytes before an
/// occurrence of one of `keywords` and that occurrence, and the masked part of a match
/// never starts before it. Detector tests check the examples through this path, and the
/// streaming tests compare it with searching everywhere.
public struct Prefilter: Sendable {
    public let keywords: [String]
    public let caseless: Bool
    /// How many bytes before a keyword a match may start.
    public let lead: Int
    /// All keywords as one PCRE2 pattern: JIT finds the next occurrence fast.
    let finder: PCRE2Regex

    public init(keywords: [String], caseless: Bool = false, lead: Int = 0) {
        self.keywords = keywords
        self.caseless = caseless
        self.lead = lead
        let forms = keywords.map { Array($0.utf8) }
        // Escaped literals always compile.
        finder = try! PCRE2Regex(LiteralValues.pattern(for: forms), caseless: caseless)
    }

    /// Positions (ascending, from `start`) where a match may start in `text`: near each
    /// keyword occurrence, and near a keyword's beginning cut off by the end of the text.
    func candidates(in text: [UInt8], from start: Int, notAtStart: Bool, scratch: MatchScratch) -> [Int] {
        var result: [Int] = []
        var position = start
        while position < text.count {
            let found: Int
            switch scratch.match(finder, in: text, from: position, partial: true, notAtStart: notAtStart) {
            case .match(let groups): found = groups[0]!.lowerBound
            case .partial(let partialStart): found = partialStart
            case .noMatch, .failure: return result
            }
            for candidate in max(start, found - lead, result.last.map { $0 + 1 } ?? start)...found {
                result.append(candidate)
            }
            position = found + 1
        }
        return result
    }
}
