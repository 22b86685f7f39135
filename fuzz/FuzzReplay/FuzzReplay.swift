import CFuzzDriver
import Foundation
import MaskrunRecording

// libFuzzer target (c): the readers `maskrun replay` uses. The first byte chooses:
// even, the bytes are an asciicast recording, read in chunks of a size from the second
// byte and played with a pace from the third; odd, they are an age file decrypted with a
// key made for fuzzing (the seed corpus holds files encrypted to it), whose plaintext is
// then read as an asciicast. Malformed input must give a RecordingError, never a trap.

/// Made with age-keygen for this fuzzer only; it protects nothing.
let fuzzIdentity = "AGE-SECRET-KEY-19AYUSS2AHCTC5ZRT9WPEAVDQL55QTA9RYMK2U0JV37KZY6L4EZ5SK6XJ0F"

nonisolated(unsafe) let identities: [AgeIdentity] = {
    guard let identity = try? AgeIdentity(parsing: fuzzIdentity) else { fatalError("the fuzz identity does not parse") }
    return [identity]
}()

func fuzzReplay(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard bytes.count >= 3 else { return 0 }
    let body = Array(bytes.dropFirst(3))
    let chunk = 1 + Int(bytes[1]) * 97
    do throws(RecordingError) {
        var source: ByteSource = MemorySource(body, path: "fuzz", chunkSize: chunk)
        if bytes[0] % 2 == 1 {
            source = try AgeDecryptor(source: source, identities: identities)
        }
        let reader = try CastReader(source: source)
        let pace = bytes[2] == 0 ? nil : CastPlayer.Pace(speed: Double(bytes[2]) / 16, idleLimit: bytes[2] % 3 == 0 ? nil : 0.5)
        var written = 0
        try CastPlayer.play(reader, pace: pace, write: { written += $0.count }, waitUntil: { seconds in
            if seconds.isNaN { fatalError("a NaN wait") }
        })
    } catch {
        if error.description.isEmpty { fatalError("an error without a message") }
    }
    return 0
}

@main enum FuzzMain {
    static func main() {
        exit(maskrun_run_fuzzer(CommandLine.argc, CommandLine.unsafeArgv, { fuzzReplay($0, $1) }))
    }
}
