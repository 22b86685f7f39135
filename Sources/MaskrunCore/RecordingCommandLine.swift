import Foundation

/// A command line as one string for a recording's header and the audit log, quoted the
/// way a POSIX shell would read it back, so `sh -c 'echo hi'` stays one argument.
enum ShellWords {
    static func join(_ arguments: [String]) -> String {
        arguments.map(quote).joined(separator: " ")
    }

    static func quote(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "-", "_", ".", "/", ":", "=", "@", "%", "+", ",": return true
            default: return false
            }
        }
        return plain ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
