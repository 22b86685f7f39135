import MaskrunSystem

/// What a polled descriptor is to the session loop.
enum PollRole: Equatable {
    /// The signal self-pipe.
    case wake
    /// A child output stream, by index.
    case stream(Int)
    /// The write end of the child's stdin pipe.
    case inputPipe
    /// maskrun's stdin.
    case input
}

/// The descriptors one poll(2) call waits on, each with its role.
struct PollSet {
    private var fds: [pollfd] = []
    private var roles: [PollRole] = []

    mutating func add(_ fd: Int32, _ events: Int32, for role: PollRole) {
        fds.append(pollfd(fd: fd, events: Int16(truncatingIfNeeded: events), revents: 0))
        roles.append(role)
    }

    /// Waits, then returns the ready descriptors' roles and returned events, the
    /// self-pipe first so that signals are seen before the output they interrupted.
    mutating func wait(timeoutMilliseconds: Int32) throws(SystemError) -> [(PollRole, Int32)] {
        _ = try POSIX.poll(&fds, timeoutMilliseconds: timeoutMilliseconds)
        return zip(roles, fds).compactMap { role, fd in
            fd.revents == 0 ? nil : (role, Int32(fd.revents))
        }
    }
}
