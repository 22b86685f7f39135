import Testing
@testable import MaskrunEngine

/// The engine's first pass (issue 13): the keyword pass finds exactly what a naive search for
/// every keyword finds, and keyword-less rules searched with `maxReach` find what partial
/// matching everywhere finds, however the input is split.
@Suite struct FirstPassTests {
    static let rules: [MaskRule] = BuiltinDetectors.all.map {
        MaskRule(detector: $0, replacement: .template(Replacement.defaultTemplate))
    } + [
        MaskRule(id: "shared-keyword", regex: try! PCRE2Regex("ghp_x"), replacement: .drop,
                 prefilter: Prefilter(keywords: ["ghp_", "abc"], caseless: false)),
        MaskRule(id: "caseless-long", regex: try! PCRE2Regex("(?i)averylongkeyword"), replacement: .drop,
                 prefilter: Prefilter(keywords: ["AVeryLongKeyword"], caseless: true, lead: 2)),
    ]

    /// Every (rule, start) where a keyword occurs in `text[from...]`, or its beginning fills the
    /// text to the end; found by comparing every keyword at every position.
    static func naiveOccurrences(_ text: [UInt8], from: Int, rules: [MaskRule]) -> Set<[Int]> {
        var found = Set<[Int]>()
        for (index, rule) in rules.enumerated() {
            guard let prefilter = rule.prefilter else { continue }
            for keyword in prefilter.keywordBytes {
                for start in from..<max(from, text.count) {
                    let available = min(keyword.count, text.count - start)
                    let same = (0..<available).allSatisfy { offset in
                        let a = text[start + offset], b = keyword[offset]
                        return prefilter.caseless ? a.lowercasedASCII == b.lowercasedASCII : a == b
                    }
                    if same { found.insert([index, start]) }
                }
            }
        }
        return found
    }

    static func found(_ index: KeywordIndex, _ text: [UInt8], from: Int, base: Int) -> Set<[Int]> {
        var hits = KeywordHits(ruleCount: rules.count)
        index.occurrences(in: text, from: from, base: base, into: &hits, scratch: index.makeScratch())
        var found = Set<[Int]>()
        // Keywords only: shapes are checked through the rules that use them, below.
        for rule in rules.indices where rules[rule].prefilter != nil {
            let offsets = Array(hits.offsets(rule: rule))
            #expect(offsets == offsets.sorted() && Set(offsets).count == offsets.count, "rule \(rule): not ascending")
            for offset in offsets { found.insert([rule, offset - base]) }
        }
        return found
    }

    /// Random text made of keyword pieces (whole, cut, case-flipped), letters and odd bytes.
    static func randomText(_ random: inout SplitMix64, keywords: [[UInt8]]) -> [UInt8] {
        var text: [UInt8] = []
        let length = Int.random(in: 0...400, using: &random)
        while text.count < length {
            switch Int.random(in: 0..<4, using: &random) {
            case 0:
                let keyword = keywords.randomElement(using: &random)!
                let cut = Int.random(in: 1...keyword.count, using: &random)
                text += keyword[..<cut].map { Bool.random(using: &random) ? $0.flippedCaseASCII : $0 }
            case 1:
                text += keywords.randomElement(using: &random)!
            case 2:
                text.append(UInt8.random(in: 0...255, using: &random))
            default:
                text += Array("xyz_-=: \n".utf8).shuffled(using: &random).prefix(3)
            }
        }
        return text
    }

    @Test func vectorscanRunsHere() {
        // CI installs libvectorscan-dev; without it the hashed scan would be all that is tested.
        #expect(!KeywordIndex(rules: Self.rules).databases.isEmpty)
    }

    @Test func keywordPassFindsWhatANaiveSearchFinds() {
        let vectorscan = KeywordIndex(rules: Self.rules)
        let hashed = KeywordIndex(rules: Self.rules, useVectorscan: false)
        let keywords = Self.rules.compactMap(\.prefilter).flatMap(\.keywordBytes)
        var random = SplitMix64(state: 13)
        for round in 0..<60 {
            let text = Self.randomText(&random, keywords: keywords)
            let from = Int.random(in: 0...text.count, using: &random)
            let base = Int.random(in: 0...1_000_000, using: &random)
            let expected = Self.naiveOccurrences(text, from: from, rules: Self.rules)
            let byVectorscan = Self.found(vectorscan, text, from: from, base: base)
            let byHash = Self.found(hashed, text, from: from, base: base)
            #expect(byVectorscan == expected, "round \(round): vectorscan missed \(expected.subtracting(byVectorscan).sorted { $0.lexicographicallyPrecedes($1) }.prefix(3)), extra \(byVectorscan.subtracting(expected).sorted { $0.lexicographicallyPrecedes($1) }.prefix(3))")
            #expect(byHash == expected, "round \(round): hashed scan differs")
            if byVectorscan != expected || byHash != expected { return }
        }
    }

    /// Vectorscan 5.4.9 drops some whole literals near the end of a scan, for some keyword
    /// sets (a detector's alone, as a policy may leave it: Facebook's `1|9`, AWS's `A3T`) and
    /// not others, on this machine's CPU. A keyword at every place near the end of texts of
    /// many lengths is still found, with each detector alone and with each catalogue.
    @Test func aKeywordNearTheEndIsAlwaysFound() {
        func rules(_ detectors: [Detector]) -> [MaskRule] { detectors.map { MaskRule(detector: $0, replacement: .drop) } }
        let keyworded = BuiltinDetectors.all.filter { $0.prefilter != nil }
        var sets = keyworded.map { (name: $0.id, rules: rules([$0])) }
        sets += [("default", rules(BuiltinDetectors.defaults)), ("all", rules(BuiltinDetectors.all))]
        for set in sets {
            let index = KeywordIndex(rules: set.rules)
            let scratch = index.makeScratch()
            var hits = KeywordHits(ruleCount: set.rules.count)
            var missed: [String] = []
            for (rule, keyword) in set.rules.enumerated().compactMap({ ($0, $1.prefilter?.keywordBytes.last) }) {
                guard let keyword else { continue }
                for length in stride(from: keyword.count, through: 200, by: 29) {
                    for end in max(keyword.count, length - 70)...length {
                        var text = [UInt8](repeating: UInt8(ascii: "."), count: length)
                        text.replaceSubrange((end - keyword.count)..<end, with: keyword)
                        index.occurrences(in: text, from: 0, base: 0, into: &hits, scratch: scratch)
                        if !hits.offsets(rule: rule).contains(end - keyword.count) {
                            missed.append("\(set.rules[rule].id) at \(end - length)")
                        }
                    }
                }
            }
            #expect(missed.isEmpty, "\(set.name): \(missed.count) keywords missed, \(missed.prefix(3))")
        }
    }

    /// Card numbers, IBANs, SSNs, emails and IP addresses, well formed or nearly so, long runs
    /// that make the patterns read far, and separators between them.
    static func keywordlessText(_ random: inout SplitMix64) -> [UInt8] {
        let pieces = ["4355785419473367", "5380 0743 6244 5375", "3720-881234-48081", "316-75-7413",
                      "DE43851379693598805118", "GB61 2677 3238 3058 7614 93", "alice.smith+news@example.org",
                      "bob@a.b.c.d.e.f.g.example.co.uk", "203.0.113.42", "10.1.2.3", "2001:db8:85a3::8a2e:370:7334",
                      "fe80:0:0:0:202:b3ff:fe1e:8329", "2026-11-25", "1.2.3.4.5"]
        var text: [UInt8] = []
        for _ in 0..<Int.random(in: 1...40, using: &random) {
            switch Int.random(in: 0..<5, using: &random) {
            case 0, 1:
                text += Array(pieces.randomElement(using: &random)!.utf8)
            case 2:
                let digits = Int.random(in: 1...30, using: &random)
                text += (0..<digits).map { _ in UInt8(ascii: "0") + UInt8.random(in: 0...9, using: &random) }
            case 3:
                let alphabet = Array("0123456789abcdefABCDEF:.@- ".utf8)
                text += (0..<Int.random(in: 1...20, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            default:
                text += Array([" ", "\n", "-", ".", ":", "@", "x", "/"].randomElement(using: &random)!.utf8)
            }
        }
        return text
    }

    @Test func keywordlessRulesFindWhatPartialMatchingEverywhereFinds() {
        func engine(firstPass: Bool) -> MaskingEngine {
            MaskingEngine(rules: BuiltinDetectors.all.filter { $0.prefilter == nil }.map {
                MaskRule(detector: $0, replacement: .template(Replacement.defaultTemplate), usePrefilter: firstPass)
            })
        }
        let fast = engine(firstPass: true), everywhere = engine(firstPass: false)
        #expect(fast.rules.contains { $0.maxReach != nil })
        var random = SplitMix64(state: 1313)
        for round in 0..<150 {
            let input = Self.keywordlessText(&random)
            let expected = everywhere.mask(input)
            var sizes: [Int] = []
            while sizes.reduce(0, +) < input.count { sizes.append(Int.random(in: 1...48, using: &random)) }
            if let difference = firstDifference(feedInPieces(fast, input, sizes: sizes), expected) {
                Issue.record("round \(round): \(difference)")
                return
            }
            if let difference = firstDifference(feedInPieces(everywhere, input, sizes: sizes), expected) {
                Issue.record("round \(round), partial everywhere: \(difference)")
                return
            }
        }
    }
}

extension UInt8 {
    var lowercasedASCII: UInt8 { (0x41...0x5A).contains(self) ? self | 0x20 : self }
    var flippedCaseASCII: UInt8 { (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) ? self ^ 0x20 : self }
}
