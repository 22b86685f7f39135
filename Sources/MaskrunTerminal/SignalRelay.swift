import MaskrunSystem
import CPTYSpawn

/// Turns signals into wake-ups of the poll loop (the self-pipe trick). The handler is C
/// (pty_support.c): it counts the signal and writes one byte, and no Swift runs in it.
/// Handlers are installed without SA_RESTART so a write blocked on a stalled stdout
/// returns EINTR and the forwarding of SIGINT/SIGTERM is not held up behind it.
///
/// Signal dispositions are process-wide: only one relay may exist at a time. A class
/// rather than a noncopyable value so that `uninstall` can be ordered explicitly (after
/// the terminal is restored) with `defer`.
final class SignalRelay {
    /// Forwarded to the child's process group.
    static let forwarded: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    /// Handled by the loop itself.
    static let watched: [Int32] = [SIGCHLD, SIGWINCH]

    private let wake: OwnedPipe

    /// The descriptor to poll for POLLIN.
    var fd: Int32 { wake.readEnd.rawValue }

    /// Installs the handlers and ignores SIGPIPE (a closed reader then shows up as EPIPE
    /// from write instead of killing maskrun with the terminal still raw).
    init() throws(SystemError) {
        let pipe = try OwnedPipe()
        try POSIX.setNonBlocking(pipe.readEnd.rawValue)
        try POSIX.setNonBlocking(pipe.writeEnd.rawValue)
        for signal in Self.forwarded + Self.watched { _ = maskrun_signal_take(signal) }
        maskrun_signal_set_wake_fd(pipe.writeEnd.rawValue)
        do throws(SystemError) {
            for signal in Self.forwarded + Self.watched {
                let error = maskrun_signal_catch(signal)
                if error != 0 { throw SystemError("sigaction", errno: error) }
            }
            let error = maskrun_signal_ignore(SIGPIPE)
            if error != 0 { throw SystemError("sigaction", errno: error) }
        } catch {
            Self.uninstall()
            throw error
        }
        wake = pipe
    }

    /// Empties the self-pipe `wakeFD` and returns the signals that arrived since the last
    /// call, each once, in a fixed order.
    static func take(wakeFD: Int32) -> [Int32] {
        while let bytes = try? POSIX.read(wakeFD, limit: 256), !bytes.isEmpty {}
        return (watched + forwarded).filter { maskrun_signal_take($0) > 0 }
    }

    /// Puts back the dispositions maskrun had before; safe to call twice.
    func uninstall() {
        Self.uninstall()
    }

    deinit {
        Self.uninstall()
    }

    private static func uninstall() {
        for signal in forwarded + watched + [SIGPIPE] { maskrun_signal_restore(signal) }
        maskrun_signal_set_wake_fd(-1)
    }
}
