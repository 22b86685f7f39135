import CFuzzDriver
import Foundation
import MaskrunEngine
import MaskrunPolicy

// libFuzzer target (b): the policy loader and compiler on random and mutated YAML (the
// seed corpus holds real policies). Every input either gives an engine or a PolicyError
// located as `fuzz.yml:LINE:COLUMN: ` with a line and column inside the text; anything
// else (a trap, an unlocated message) is a crash.

func fuzzPolicy(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    // The loader takes text; `PolicyLoader.load` refuses a file that is not UTF-8 first.
    guard let text = String(bytes: bytes, encoding: .utf8) else { return 0 }
    // Lines as YAML counts them: CR LF, CR alone, LF, NEL, LS and PS each end one (the
    // fuzzer's first finding was this oracle knowing only LF).
    var lineCount = 1
    var previous: Unicode.Scalar = " "
    for scalar in text.unicodeScalars {
        if ["\r", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalar) || (scalar == "\n" && previous != "\r") {
            lineCount += 1
        }
        previous = scalar
    }

    do throws(PolicyError) {
        var policy = try PolicyLoader.parse(text, file: "fuzz.yml")
        // The built-in catalogue compiles the same way for every input (and is tested on
        // its own); compiling it each time made inputs time out under ASan.
        policy.builtin = .none
        // Files named in the policy are not read: a fuzzed `values_file: /dev/zero` would
        // measure the disk, not the loader.
        guard !policy.rules.contains(where: { if case .valuesFile = $0.source { true } else { false } }) else { return 0 }
        _ = try PolicyCompiler.compile(policy, environment: ["HOME": "/nonexistent", "FUZZ_KEY": "0123456789abcdef0123"])
    } catch {
        let message = error.description
        guard message.hasPrefix("fuzz.yml:") else { fatalError("unlocated policy error: \(message)") }
        let parts = message.dropFirst("fuzz.yml:".count).split(separator: ":", maxSplits: 2)
        guard parts.count == 3, let line = Int(parts[0]), let column = Int(parts[1]), line >= 1, column >= 1 else {
            fatalError("policy error without LINE:COLUMN: \(message)")
        }
        if line > lineCount + 1 { fatalError("policy error past the end of the text (\(lineCount) lines): \(message)") }
    }
    return 0
}

@main enum FuzzMain {
    static func main() {
        exit(maskrun_run_fuzzer(CommandLine.argc, CommandLine.unsafeArgv, { fuzzPolicy($0, $1) }))
    }
}
