import CFuzzDriver
import Foundation
import MaskrunEngine
import MaskrunPolicy
import MaskrunTestSupport

// libFuzzer target (a): the streaming engine under random policies and random splits.
//
// The first 8 bytes of an input seed a generator that writes a policy from a small grammar
// (regex and field rules, replacements, allow entries) and chooses the split points; the
// rest is the output stream. Three properties, each a crash when broken:
//   1. no trap, whatever the policy and the bytes;
//   2. the stream fed in any split gives exactly the output of the unsplit stream
//      (SPEC §4: chunking invariance);
//   3. a detector's example planted on a line of its own in the stream never reaches the
//      output, under the default policy, however the stream is split.

func fuzzEngine(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    var seed: UInt64 = 0
    for byte in input.prefix(8) { seed = seed << 8 | UInt64(byte) }
    let stream = Array(input.dropFirst(8))
    var random = SplitMix64(state: seed)

    let text = PolicyGrammar.policy(&random)
    if let engine = EngineCache.engine(for: text) {
        let whole = engine.mask(stream)
        for _ in 0..<2 {
            let split = feedSplit(engine, stream, &random)
            if split != whole {
                fatalError("chunking changed the output of policy:\n\(text)\nsplit \(split.count) bytes, whole \(whole.count) bytes")
            }
        }
    }

    // A planted secret of one detector, on a line of its own, at a random place.
    let planted = PlantedSecrets.all[Int(random.next() % UInt64(PlantedSecrets.all.count))]
    let at = stream.isEmpty ? 0 : Int(random.next() % UInt64(stream.count + 1))
    let withSecret = Array(stream[..<at]) + [0x0A] + planted.value + [0x0A] + Array(stream[at...])
    let masked = feedSplit(PlantedSecrets.engine, withSecret, &random)
    if contains(masked, planted.value) {
        fatalError("detector \(planted.detector): its example survived at offset \(at)")
    }
    return 0
}

/// The stream fed in random pieces (1 byte to a few KiB), then finished.
func feedSplit(_ engine: MaskingEngine, _ bytes: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
    let stream = MaskingStream(engine: engine)
    var output: [UInt8] = []
    var start = 0
    // Byte-sized pieces for short streams, where every boundary can be tried; longer ones
    // are cut into pieces of up to 2 KiB, which keeps an input's cost linear.
    let small = bytes.count <= 1024 && random.next() % 2 == 0
    while start < bytes.count {
        let length = 1 + Int(random.next() % (small ? 8 : 2048))
        let end = min(bytes.count, start + length)
        output += stream.feed(bytes[start..<end])
        start = end
    }
    return output + stream.finish()
}

func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, haystack.count >= needle.count else { return false }
    for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
        if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
    }
    return false
}

/// Compiled engines by policy text: compiling the default detectors takes milliseconds,
/// far longer than one input, and the grammar repeats itself.
enum EngineCache {
    nonisolated(unsafe) static var engines: [String: MaskingEngine?] = [:]

    static func engine(for text: String) -> MaskingEngine? {
        if let cached = engines[text] { return cached }
        if engines.count > 256 { engines.removeAll() }
        var engine: MaskingEngine?
        if let policy = try? PolicyLoader.parse(text, file: "fuzz.yml"),
            let result = try? PolicyCompiler.compile(policy, environment: ["FUZZ_SECRET": "fuzz-secret-value-1234"])
        {
            engine = result.engine
        }
        engines[text] = engine
        return engine
    }
}

/// Every detector example that the default policy masks when it stands alone on a line:
/// what must keep being masked wherever it lands in a stream.
enum PlantedSecrets {
    struct Planted {
        var detector: String
        var value: [UInt8]
    }

    static let engine: MaskingEngine = {
        guard let result = try? PolicyCompiler.compile(Policy.builtinDefault, environment: [:]) else {
            fatalError("the default policy does not compile")
        }
        return result.engine
    }()

    static let all: [Planted] = {
        var found: [Planted] = []
        for detector in Policy.builtinDefault.activeDetectors {
            for example in detector.examples {
                let value = Array(example.utf8)
                if !contains(engine.mask([0x0A] + value + [0x0A]), value) {
                    found.append(Planted(detector: detector.id, value: value))
                }
            }
        }
        return found
    }()
}

/// Policies from a grammar small enough that most of them compile.
enum PolicyGrammar {
    static let atoms = ["a", "b", "k", "=", ":", "-", "_", "[a-z]", "[A-Z0-9]", "\\d", "\\w", "\\s", ".", "[^\\n]", "x", "ey", "token", "\\b", "(?i)k"]
    static let quantifiers = ["", "", "+", "*", "?", "{2}", "{1,4}", "{3,}", "+?"]
    static let replacements = ["'[MASKED:{rule}]'", "mask", "partial", "hash", "drop", "'<{rule}>'", "'***'"]

    static func regex(_ random: inout SplitMix64, depth: Int = 0) -> String {
        var pattern = ""
        for _ in 0..<(1 + random.next() % 4) {
            switch random.next() % 8 {
            case 0 where depth < 2: pattern += "(" + regex(&random, depth: depth + 1) + ")"
            case 1 where depth < 2: pattern += "(?:" + regex(&random, depth: depth + 1) + "|" + regex(&random, depth: depth + 1) + ")"
            case 2: pattern += "(?<=" + pick(["=", ":", " ", "k"], &random) + ")"
            default: pattern += pick(atoms, &random)
            }
            pattern += pick(quantifiers, &random)
        }
        return pattern
    }

    static func policy(_ random: inout SplitMix64) -> String {
        var lines = ["version: 1"]
        // The built-in detectors are exercised by the planted-secret check, with one engine
        // compiled once; compiling them per policy would cost more than the input.
        lines.append("builtin: none")
        lines.append("replacement: " + pick(replacements, &random))
        lines.append("rules:")
        for index in 0..<(random.next() % 4) {
            lines.append("  - id: r\(index)")
            switch random.next() % 3 {
            case 0: lines.append("    field: " + quoted(pick(["password", "token", "api[_-]?key", "(secret|key)"], &random)))
            case 1: lines.append("    env: [FUZZ_SECRET]")
            default: lines.append("    regex: " + quoted(regex(&random)))
            }
            if random.next() % 3 == 0 { lines.append("    replacement: " + pick(replacements, &random)) }
        }
        if lines.last == "rules:" { lines[lines.count - 1] = "rules: []" }
        if random.next() % 3 == 0 {
            lines.append("allow:")
            lines.append("  - " + quoted(pick(["token=abc", "kkkk", "password=x"], &random)))
            lines.append("  - regex: " + quoted(regex(&random)))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func pick(_ choices: [String], _ random: inout SplitMix64) -> String {
        choices[Int(random.next() % UInt64(choices.count))]
    }

    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}

@main enum FuzzMain {
    static func main() {
        exit(maskrun_run_fuzzer(CommandLine.argc, CommandLine.unsafeArgv, { fuzzEngine($0, $1) }))
    }
}
