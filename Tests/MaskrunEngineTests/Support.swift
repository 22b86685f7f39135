import Testing
@testable import MaskrunEngine
// The property tests' generator, shared with the recording tests and the fuzzers.
@_exported import MaskrunTestSupport

/// Marked text: the secret sits between `«` and `»`. Returns the plain input and the
/// output expected when each marked part is replaced by `replacement`.
func unmark(_ marked: String, replacement: String) -> (input: String, expected: String) {
    var input = "", expected = ""
    var inside = false
    for character in marked {
        switch character {
        case "«": inside = true; expected += replacement
        case "»": inside = false
        default:
            input.append(character)
            if !inside { expected.append(character) }
        }
    }
    return (input, expected)
}

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

func rule(_ id: String, _ pattern: String, group: Int = 0, _ replacement: Replacement = .template(Replacement.defaultTemplate)) -> MaskRule {
    MaskRule(id: id, regex: try! PCRE2Regex(pattern), maskGroup: group, replacement: replacement)
}

func defaultEngine(extra: [MaskRule] = []) -> MaskingEngine {
    let builtins = BuiltinDetectors.defaults.map {
        MaskRule(detector: $0, replacement: .template(Replacement.defaultTemplate))
    }
    return MaskingEngine(rules: builtins + extra, hashKey: Array("test-key".utf8))
}

/// Checks marked text through `engine`: whole, one byte at a time and in pieces of seven, so a
/// value is judged the same however it arrives. Every replacement is compared as `[M]`.
func checkMarked(_ marked: String, engine: MaskingEngine = defaultEngine(), sourceLocation: SourceLocation = #_sourceLocation) {
    let (input, expected) = unmark(marked, replacement: "[M]")
    let whole = bytes(input)
    for piece in [max(1, whole.count), 1, 7] {
        let sizes = Array(repeating: piece, count: whole.count / piece + 1)
        let output = text(feedInPieces(engine, whole, sizes: sizes))
        let normalised = output.replacing(/\[MASKED:[a-z0-9-]+\]/, with: "[M]")
        #expect(normalised == expected, "\(marked) in pieces of \(piece)", sourceLocation: sourceLocation)
    }
}

/// Feeds `input` in pieces of the given sizes (the last piece takes the rest), then finishes.
func feedInPieces(_ engine: MaskingEngine, _ input: [UInt8], sizes: [Int]) -> [UInt8] {
    let stream = MaskingStream(engine: engine)
    var output: [UInt8] = []
    var index = 0
    for size in sizes where index < input.count {
        let end = min(input.count, index + size)
        output += stream.feed(input[index..<end])
        index = end
    }
    if index < input.count { output += stream.feed(input[index...]) }
    return output + stream.finish()
}

/// Where two outputs first differ, with some context, for short failure messages.
func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> String? {
    guard a != b else { return nil }
    let index = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
    let from = max(0, index - 60)
    return "at byte \(index):\n  got:      \(text(Array(a[from..<min(a.count, index + 60)])).debugDescription)\n  expected: \(text(Array(b[from..<min(b.count, index + 60)])).debugDescription)"
}
