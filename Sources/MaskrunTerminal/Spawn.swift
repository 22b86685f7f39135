import MaskrunSystem
import CPTYSpawn

/// A running child and the master side of its pty.
struct SpawnedChild: ~Copyable {
    var master: OwnedDescriptor
    /// Also its process group id: the child is a session leader.
    let pid: pid_t
}

/// How the pty is prepared before the child starts (all applied before fork, so the
/// child never sees a half-configured terminal).
struct PTYSetup {
    var termios: termios?
    var windowSize: WindowSize
    var disableNewlineTranslation: Bool
    /// The child's stdin instead of the pty (a pipe's read end).
    var stdinFD: Int32?
    /// The child's stderr instead of the pty (a pipe's write end).
    var stderrFD: Int32?
}

/// Starts `arguments` on a new pty through maskrun_pty_spawn (C: vfork, setsid,
/// TIOCSCTTY, dup2, execvp). The C strings built here live until the parent returns.
func spawnOnPTY(
    _ arguments: [String], environment: [String: String]?, setup: PTYSetup
) throws(SpawnError) -> SpawnedChild {
    guard let name = arguments.first else { throw .invalidCommand("no command given") }
    let environmentLines = environment.map { $0.map { "\($0.key)=\($0.value)" } }
    if (arguments + (environmentLines ?? [])).contains(where: { $0.utf8.contains(0) }) {
        throw .invalidCommand("an argument or environment value contains a NUL byte")
    }

    let argv = CStringArray(arguments)
    let envp = environmentLines.map(CStringArray.init)
    var result = maskrun_spawn_result()
    var options = maskrun_spawn_options(
        slave_termios: setup.termios ?? termios(),
        has_termios: setup.termios == nil ? 0 : 1,
        slave_winsize: setup.windowSize.cValue,
        disable_onlcr: setup.disableNewlineTranslation ? 1 : 0,
        stdin_fd: setup.stdinFD ?? -1,
        stderr_fd: setup.stderrFD ?? -1)
    let error = maskrun_pty_spawn(name, argv.pointers, envp?.pointers, &options, &result)
    guard error != 0 else {
        return SpawnedChild(master: OwnedDescriptor(owning: result.master_fd), pid: result.pid)
    }
    switch result.failed_step {
    case MASKRUN_SPAWN_EXEC where error == ENOENT:
        throw .commandNotFound(name)
    case MASKRUN_SPAWN_EXEC:
        throw .notExecutable(name, errno: error)
    case MASKRUN_SPAWN_OPEN_PTY:
        throw .setupFailed(SystemError("posix_openpt", errno: error))
    case MASKRUN_SPAWN_CONFIGURE_PTY:
        throw .setupFailed(SystemError("tcsetattr", errno: error))
    case MASKRUN_SPAWN_REPORT_PIPE:
        throw .setupFailed(SystemError("pipe2", errno: error))
    case MASKRUN_SPAWN_FORK:
        throw .setupFailed(SystemError("vfork", errno: error))
    default:
        throw .setupFailed(SystemError("child setup (setsid, TIOCSCTTY, dup2)", errno: error))
    }
}
