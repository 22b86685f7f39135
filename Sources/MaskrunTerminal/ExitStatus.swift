import CPTYSpawn

/// How the child ended.
public enum ExitStatus: Equatable, Sendable, CustomStringConvertible {
    /// exit(code)
    case exited(Int32)
    /// Killed by this signal number.
    case signaled(Int32)

    /// The status maskrun exits with: the child's code, or 128+N for signal N (the
    /// convention of shells, script -e, env(1) and timeout(1)).
    public var code: Int32 {
        switch self {
        case .exited(let code): code
        case .signaled(let signal): 128 + signal
        }
    }

    public var description: String {
        switch self {
        case .exited(let code): "exited with status \(code)"
        case .signaled(let signal): "killed by signal \(signal)"
        }
    }

    /// Decodes a waitpid(2) status (WIFEXITED/WEXITSTATUS, WIFSIGNALED/WTERMSIG);
    /// nil for a stopped or continued child.
    init?(waitStatus: Int32) {
        var value: Int32 = 0
        switch maskrun_decode_wait_status(waitStatus, &value) {
        case 1: self = .exited(value)
        case 2: self = .signaled(value)
        default: return nil
        }
    }

    /// True when a waitpid(2) status says the child stopped (WIFSTOPPED).
    static func isStopped(waitStatus: Int32) -> Bool {
        var value: Int32 = 0
        return maskrun_decode_wait_status(waitStatus, &value) == 3
    }
}
