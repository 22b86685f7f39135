@_exported import MaskrunSystem

// The terminal library's system calls are MaskrunSystem's (one funnel: EINTR retried in
// one helper, SystemError naming the call). These are the short names the session loop
// was written with; each is the MaskrunSystem call, nothing more.

@discardableResult
func retryingInterrupts<T: FixedWidthInteger>(_ call: String, _ body: () -> T) throws(SystemError) -> T {
    try POSIX.retrying(call, body)
}

func currentErrno() -> Int32 { POSIX.lastError() }

func readChunk(_ fd: Int32, limit: Int = 65536) throws(SystemError) -> [UInt8] {
    try POSIX.read(fd, limit: limit)
}

func writeOnce(_ fd: Int32, _ bytes: ArraySlice<UInt8>) throws(SystemError) -> Int {
    try POSIX.writeOnce(fd, bytes)
}

func pollDescriptors(_ fds: inout [pollfd], timeoutMilliseconds: Int32) throws(SystemError) -> Int {
    try POSIX.poll(&fds, timeoutMilliseconds: timeoutMilliseconds)
}

func setNonBlocking(_ fd: Int32, _ on: Bool = true) throws(SystemError) {
    try POSIX.setNonBlocking(fd, on)
}

func waitForChange(_ pid: pid_t) throws(SystemError) -> Int32? {
    try POSIX.waitForChange(pid)
}
