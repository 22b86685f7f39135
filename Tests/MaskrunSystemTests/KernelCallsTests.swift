import MaskrunSystem
import Testing

/// The calls the kernel proxy makes through the funnel, against the real system.
@Suite struct KernelCallsTests {
    @Test func readingAPipeTellsNothingYetFromEndOfFile() throws {
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        var reader = OwnedDescriptor(owning: ends[0])
        var writer = OwnedDescriptor(owning: ends[1])
        try POSIX.setNonBlocking(reader.rawValue)
        #expect(try POSIX.readAvailable(reader.rawValue) == [])  // nothing waiting: EAGAIN
        try POSIX.writeAll(writer.rawValue, Array("kernel says hi\n".utf8))
        #expect(try POSIX.readAvailable(reader.rawValue) == Array("kernel says hi\n".utf8))
        try writer.close()
        #expect(try POSIX.readAvailable(reader.rawValue) == nil)  // end of file
        try reader.close()
    }

    @Test func aClosedDescriptorIsAnErrorNamingTheCall() throws {
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        close(ends[0])
        close(ends[1])
        #expect(throws: SystemError("read", path: "p", errno: EBADF)) {
            try POSIX.readAvailable(ends[0], path: "p")
        }
    }

    @Test func aTemporaryDirectoryIsNewPrivateAndMine() throws {
        let first = try POSIX.makeTemporaryDirectory(prefix: "/tmp/maskrun-system-test-")
        let second = try POSIX.makeTemporaryDirectory(prefix: "/tmp/maskrun-system-test-")
        defer {
            POSIX.removeDirectory(first)
            POSIX.removeDirectory(second)
        }
        #expect(first != second && first.hasPrefix("/tmp/maskrun-system-test-"))
        let status = try #require(try POSIX.linkStatus(first))
        #expect(status.kind == .directory && status.permissions == 0o700 && status.owner == POSIX.realUser())
        POSIX.removeDirectory(first)
        #expect(try POSIX.linkStatus(first) == nil)
    }

    @Test func aMissingParentIsAnErrorWithThePath() {
        #expect(throws: SystemError("mkdtemp", path: "/nonexistent/x-XXXXXX", errno: ENOENT)) {
            try POSIX.makeTemporaryDirectory(prefix: "/nonexistent/x-")
        }
    }

    @Test func processesExistUntilReaped() throws {
        #expect(POSIX.processExists(POSIX.processID()))
        let child = fork()
        if child == 0 { _exit(3) }
        var status: Int32?
        for _ in 0..<500 where status == nil {
            status = try POSIX.reap(child)
            if status == nil { usleep(10_000) }
        }
        #expect(status.map { ($0 >> 8) & 0xFF } == 3)
        #expect(!POSIX.processExists(child))
        #expect(throws: SystemError("kill", errno: ESRCH)) { try POSIX.sendSignal(SIGTERM, to: child) }
    }
}
