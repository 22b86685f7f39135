import MaskrunSystem

/// Why the command could not be started. Descriptions follow bash's wording and carry
/// no "maskrun:" prefix; the caller adds it.
public enum SpawnError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No arguments, or one containing a NUL byte.
    case invalidCommand(String)
    /// execvp said ENOENT.
    case commandNotFound(String)
    /// execvp failed otherwise (EACCES, ENOEXEC, EISDIR, ...); the errno is kept.
    case notExecutable(String, errno: Int32)
    /// The pty or the child's setup failed before exec: maskrun's own failure.
    case setupFailed(SystemError)

    /// 127 not found, 126 not executable, 125 for maskrun's own failures.
    public var exitCode: Int32 {
        switch self {
        case .commandNotFound: 127
        case .notExecutable: 126
        case .invalidCommand, .setupFailed: 125
        }
    }

    public var description: String {
        switch self {
        case .invalidCommand(let why):
            return "invalid command: \(why)"
        case .commandNotFound(let name):
            // bash: a bare name was searched in PATH; a path names one file.
            return name.contains("/")
                ? "\(name): No such file or directory" : "\(name): command not found"
        case .notExecutable(let name, let error):
            return "\(name): \(POSIX.errorText(error))"
        case .setupFailed(let error):
            return "cannot start the command: \(error)"
        }
    }
}
