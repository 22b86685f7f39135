import Foundation
import MaskrunRecording

/// `maskrun replay FILE`: plays an asciicast recording in the terminal with its timing,
/// or prints it at once with `--cat`. An age-encrypted recording (a raw one written with
/// `--raw-recipient`) is decrypted on the fly with `--identity`; nothing decrypted is
/// written to disk. Bad input (not a recording, truncated, wrong key) is a
/// `MaskrunFailure` (exit 125) that says what is wrong, after whatever played before it.
public enum RecordingReplay {
    public struct Options {
        public var path: String
        /// age key files (`AGE-SECRET-KEY-1...` lines, as age-keygen writes them).
        public var identityFiles: [String] = []
        public var speed: Double = 1
        /// Longest pause kept, in seconds; nil: the recording's `idle_time_limit`, if any.
        public var idleLimit: Double?
        /// No timing: print the output at once (`--cat`).
        public var cat = false

        public init(path: String) {
            self.path = path
        }
    }

    /// Plays to `output` (a file descriptor maskrun does not own: stdout).
    public static func run(_ options: Options, output: Int32 = 1) throws(MaskrunFailure) {
        do throws(RecordingError) {
            var identities: [AgeIdentity]?
            if !options.identityFiles.isEmpty {
                var all: [AgeIdentity] = []
                for path in options.identityFiles {
                    let text = String(decoding: try RecordingInput.readSmallFile(path: path), as: UTF8.self)
                    all += try AgeIdentity.parseList(text, path: path)
                }
                identities = all
            }
            let source = try RecordingInput.open(path: options.path, identities: identities)
            let reader = try CastReader(source: source)
            let clock = ContinuousClock()
            let start = clock.now
            try CastPlayer.play(
                reader, pace: options.cat ? nil : CastPlayer.Pace(speed: options.speed, idleLimit: options.idleLimit),
                write: { (bytes) throws(RecordingError) in try RecordingOutput.write(bytes, to: output) },
                waitUntil: { seconds in
                    // A recording's times are input: capped before the conversion, so that
                    // a time of 1e300 (or a tiny --speed) cannot overflow it and trap.
                    let bounded = seconds.isFinite ? min(max(seconds, 0), 1e9) : 1e9
                    let due = start + .microseconds(Int64(bounded * 1_000_000))
                    let wait = due - clock.now
                    if wait > .zero { Thread.sleep(forTimeInterval: Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18) }
                })
        } catch {
            throw MaskrunFailure(error.description)
        }
    }
}
