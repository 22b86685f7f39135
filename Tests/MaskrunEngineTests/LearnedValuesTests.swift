import Testing
@testable import MaskrunEngine

/// The learned-value search (one Vectorscan database of the forms learned so far, a bitmap
/// for those learned since it was built) finds what comparing every form at every
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
            let threshold = [0, 40, 400, 4000].randomElement(using: &random)!
            var learned = LearnedValues(scanBeforeBuild: threshold)
            var bitmapOnly = LearnedValues(useVectorscan: false)
            var forms: [Form] = []
            var seen = Set<[UInt8]>()
            var pool: [[UInt8]] = []
            for step in 0..<12 {
                if pool.isEmpty || Int.random(in: 0..<3, using: &random) == 0 {
                    let length = Int.random(in: 8...20, using: &random)
                    let value = (0..<length).map { _ in alphabet.randomElement(using: &random)! }
                    let rule = Int.random(in: 0..<5, using: &random), end = Int.random(in: 0...300, using: &random)
                    learned.learn(ArraySlice(value), rule: rule, end: end)
                    bitmapOnly.learn(ArraySlice(value), rule: rule, end: end)
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
                for (name, found) in [("vectorscan", learned.search(text, from: from, base: base, final: final)),
                                      ("bitmap", bitmapOnly.search(text, from: from, base: base, final: final))] {
                    let hold = name == "vectorscan" ? learned.hold : bitmapOnly.hold
                    let resume = name == "vectorscan" ? learned.resume : bitmapOnly.resume
                    let got = found.map { [$0.range.lowerBound, $0.range.upperBound, $0.rule] }
                    guard got == expected.found, hold == expected.hold, resume == expected.resume else {
                        Issue.record("round \(round) step \(step) \(name): got \(got) hold \(String(describing: hold)) resume \(resume), expected \(expected)")
                        return
                    }
                }
            }
        }
    }
}
