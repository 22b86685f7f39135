/// The calls the session loop makes on descriptors and processes, in the same funnel.
extension POSIX {
    /// poll(2). An interrupted poll returns 0 ready descriptors: the loop then looks at
    /// its self-pipe and recomputes its deadlines.
    public static func poll(_ fds: inout [pollfd], timeoutMilliseconds: Int32) throws(SystemError) -> Int {
        let ready = fds.withUnsafeMutableBufferPointer {
            sysPoll($0.baseAddress, nfds_t($0.count), timeoutMilliseconds)
        }
        if ready >= 0 { return Int(ready) }
        let error = lastError()
        if error == EINTR { return 0 }
        throw SystemError("poll", errno: error)
    }

    /// Sets or clears O_NONBLOCK (fcntl F_GETFL/F_SETFL). Only for descriptors maskrun
    /// owns: the flag belongs to the open file description, shared with other processes.
    public static func setNonBlocking(_ fd: Int32, _ on: Bool = true) throws(SystemError) {
        let flags = try retrying("fcntl(F_GETFL)") { fcntl(fd, F_GETFL) }
        let wanted = on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK
        if wanted != flags {
            try retrying("fcntl(F_SETFL)") { fcntl(fd, F_SETFL, wanted) }
        }
    }

    /// waitpid(pid, WNOHANG | WUNTRACED): the raw status once the child has exited or
    /// stopped, nil while it runs.
    public static func waitForChange(_ pid: pid_t) throws(SystemError) -> Int32? {
        var status: Int32 = 0
        let result = try retrying("waitpid") { waitpid(pid, &status, WNOHANG | WUNTRACED) }
        return result == pid ? status : nil
    }
}

private func sysPoll(_ fds: UnsafeMutablePointer<pollfd>?, _ count: nfds_t, _ timeout: Int32) -> Int32 {
    poll(fds, count, timeout)
}
