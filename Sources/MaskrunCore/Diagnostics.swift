import Foundation

/// maskrun's own messages: on stderr, prefixed `maskrun:`, never on stdout.
public enum Diagnostics {
    public static func error(_ message: String) {
        write("maskrun: \(message)\n")
    }

    public static func warning(_ message: String) {
        write("maskrun: warning: \(message)\n")
    }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
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
