import Foundation
import MaskrunEngine
import MaskrunPolicy
import MaskrunSystem

/// maskrun's own messages: on stderr, prefixed `maskrun:`, never on stdout. Every one
/// passes through a masking engine first (SPEC §8): an error can quote a command line
/// (`ghp_…: command not found`), an option value or a policy line, and none of those may
/// carry a secret to the terminal or a log.
public enum Diagnostics {
    /// Where messages go and what masks them; tests swap both.
    private struct State {
        var engine: MaskingEngine?
        var sink: @Sendable ([UInt8]) -> Void = { bytes in FileHandle.standardError.write(Data(bytes)) }
        /// maskrun's own results (`policy check`'s verdict, `kernel install`'s report).
        var output: @Sendable ([UInt8]) -> Void = { bytes in
            // A reader that went away (`| head -1`) has all it wanted: nothing to report.
            try? POSIX.writeAll(1, bytes)
        }
    }

    private static let state = Locked(State())

    /// The session's engine (policy, `--mask-env` values, the hash key), once it is built.
    /// Until then messages are masked with the built-in default detectors.
    public static func use(_ engine: MaskingEngine) {
        state.withLock { $0.engine = engine }
    }

    /// Sends messages to `sink` instead of stderr, and results to `output` instead of
    /// stdout (for in-process tests).
    public static func redirect(to sink: @escaping @Sendable ([UInt8]) -> Void, output: (@Sendable ([UInt8]) -> Void)? = nil) {
        state.withLock {
            $0.sink = sink
            if let output { $0.output = output }
        }
    }

    /// maskrun's own output on stdout (not the command's), masked as messages are:
    /// `policy check`'s verdict, the `kernel` commands' reports. `policy test` prints what
    /// it matches and `policy show` the policy and catalogue as written, unmasked, since
    /// that is their purpose (SPEC §8).
    public static func output(_ text: String) {
        let bytes = masked(text)
        let output = state.withLock { $0.output }
        output(bytes)
    }

    public static func error(_ message: String) {
        write("maskrun: \(message)\n")
    }

    public static func warning(_ message: String) {
        write("maskrun: warning: \(message)\n")
    }

    /// `text` as maskrun may print it: masked by the session's engine, else the default one.
    public static func masked(_ text: String) -> [UInt8] {
        let engine = state.withLock { $0.engine } ?? fallbackEngine
        return engine.mask(Array(text.utf8))
    }

    private static func write(_ text: String) {
        let bytes = masked(text)
        let sink = state.withLock { $0.sink }
        sink(bytes)
    }

    /// The built-in default policy's engine, compiled only when a message comes before the
    /// session's engine exists (an argument or policy error).
    private static let fallbackEngine: MaskingEngine = {
        if let result = try? PolicyCompiler.compile(Policy.builtinDefault, environment: [:]) { return result.engine }
        return MaskingEngine(rules: [])
    }()
}

/// A failure of maskrun itself, with the exit status to leave with (SPEC §1: 125).
public struct MaskrunFailure: Error, CustomStringConvertible {
    public let message: String
    public let exitCode: Int32

    public init(_ message: String, exitCode: Int32 = 125) {
        self.message = message
        self.exitCode = exitCode
    }

    public var description: String { message }
}

/// A value behind a lock (Synchronization's Mutex needs macOS 15; the package says 13).
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
