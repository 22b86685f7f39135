import Testing
@testable import MaskrunEngine

/// The learned-value search (`LiteralFormIndex`: a window at every fourth byte, then the
/// starts it leaves by their first eight bytes) finds what comparing every form at every
/// position finds: the same occurrences, the same hold, the same resume point.
@Suite struct LearnedValuesTests {
    struct Form {
        let bytes: [UInt8]
        let rule: Int
        let from: Int
    }

    /// The search, spelled out: at each position every form is compared; a form cut off by
    /// the end stops the search unless `final`; else the longest whole form that counts
    /// there is taken and the search goes on after it.
    static func naive(_ forms: [Form], _ text: [UInt8], from: Int, base: Int, final: Bool) -> (found: [[Int]], hold: Int?, resume: Int) {
        var found: [[Int]] = []
        var position = from
        var hold: Int?
        while position < text.count {
            var best: Form?
            var cut = false
            for form in forms {
                let available = min(form.bytes.count, text.count - position)
                guard Array(text[position..<(position + available)]) == Array(form.bytes[..<available]) else { continue }
                if available < form.bytes.count {
                    cut = true
                } else if form.from <= base + position, form.bytes.count > (best?.bytes.count ?? 0) {
                    best = form
                }
            }
            if cut && !final {
                hold = base + position
                break
            }
            if let best {
                found.append([position, position + best.bytes.count, best.rule])
                position += best.bytes.count
            } else {
                position += 1
            }
        }
        return (found, hold, hold ?? base + text.count)
    }

    @Test func searchFindsWhatComparingEveryFormFinds() {
        var random = SplitMix64(state: 1310)
        let alphabet = Array("abAB01+/=%_-".utf8)
        for round in 0..<120 {
            var learned = LearnedValues()
            var forms: [Form] = []
            var seen = Set<[UInt8]>()
            var pool: [[UInt8]] = []
            for step in 0..<12 {
                if pool.isEmpty || Int.random(in: 0..<3, using: &random) == 0 {
                    let length = Int.random(in: 8...20, using: &random)
                    let value = (0..<length).map { _ in alphabet.randomElement(using: &random)! }
                    let rule = Int.random(in: 0..<5, using: &random), end = Int.random(in: 0...300, using: &random)
                    learned.learn(ArraySlice(value), rule: rule, end: end)
                    if seen.insert(value).inserted {
                        forms += LearnedValues.forms(of: value).map { Form(bytes: $0, rule: rule, from: end) }
                        pool += LearnedValues.forms(of: value)
                    }
                }
                var text: [UInt8] = []
                for _ in 0..<Int.random(in: 0...12, using: &random) {
                    switch Int.random(in: 0..<4, using: &random) {
                    case 0, 1 where !pool.isEmpty:
                        let form = pool.randomElement(using: &random)!
                        text += Bool.random(using: &random) ? form : Array(form.prefix(Int.random(in: 1...form.count, using: &random)))
                    default:
                        text += (0..<Int.random(in: 1...6, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
                    }
                }
                let from = Int.random(in: 0...text.count, using: &random)
                let base = Int.random(in: 0...200, using: &random)
                let final = Bool.random(using: &random)
                let expected = Self.naive(forms, text, from: from, base: base, final: final)
                let got = learned.search(text, from: from, base: base, final: final).map {
                    [$0.range.lowerBound, $0.range.upperBound, $0.rule]
                }
                guard got == expected.found, learned.hold == expected.hold, learned.resume == expected.resume else {
                    Issue.record("round \(round) step \(step): got \(got) hold \(String(describing: learned.hold)) resume \(learned.resume), expected \(expected)")
                    return
                }
            }
        }
    }

    /// The index alone, against a naive scan, with many literals sharing beginnings (as
    /// learned addresses share `10.0.`), texts longer than a probe's reach, and every start
    /// position, so each alignment of an occurrence to the probes is met.
    @Test func indexFindsEveryOccurrenceANaiveScanFinds() {
        var random = SplitMix64(state: 613)
        let alphabet = Array("ab01.:".utf8)
        for round in 0..<60 {
            var index = LiteralFormIndex()
            var literals: [[UInt8]] = []
            let count = [1, 3, 40, 300].randomElement(using: &random)!
            let shared = (0..<Int.random(in: 0...7, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            for _ in 0..<count {
                let length = Int.random(in: 8...24, using: &random)
                var literal = Bool.random(using: &random) ? shared : []
                while literal.count < length { literal.append(alphabet.randomElement(using: &random)!) }
                literals.append(literal)
                index.insert(literal)
            }
            var text: [UInt8] = []
            while text.count < 400 {
                if Int.random(in: 0..<3, using: &random) == 0 {
                    text += literals.randomElement(using: &random)!
                } else {
                    text.append(alphabet.randomElement(using: &random)!)
                }
            }
            for from in 0...min(text.count, 12) {
                var expected: [[Int]] = []
                for start in from..<text.count {
                    for (number, literal) in literals.enumerated()
                    where start + literal.count <= text.count && Array(text[start..<start + literal.count]) == literal {
                        expected.append([start, number])
                    }
                }
                var got: [[Int]] = []
                text.withUnsafeBufferPointer { bytes in index.forEachOccurrence(in: bytes, from: from) { got.append([$0, $1]) } }
                guard got.sorted(by: { $0.lexicographicallyPrecedes($1) }) == expected else {
                    Issue.record("round \(round) from \(from): got \(got.count) occurrences, expected \(expected.count)")
                    return
                }
            }
        }
    }
}
