import CPTYSpawn
import Foundation
import XCTest

@testable import MaskrunTerminal

/// What a session wrote to maskrun's stdout and stderr, and how the child ended.
struct Captured {
    var status: ExitStatus
    var output: [UInt8]
    var error: [UInt8]
    var outputText: String { String(decoding: output, as: UTF8.self) }
    var errorText: String { String(decoding: error, as: UTF8.self) }
}

/// Hooks that pass bytes through unchanged.
var identityHooks: SessionHooks { SessionHooks(output: { _, bytes in bytes }) }

/// A temporary file, removed when dropped; its descriptor is open read-write.
final class TempFile {
    let path: String
    let fd: Int32

    init(contents: [UInt8] = [], mode: mode_t = 0o600) {
        var template = Array((NSTemporaryDirectory() + "/maskrun-term-XXXXXX").utf8CString)
        fd = mkstemp(&template)
        precondition(fd >= 0, "mkstemp failed")
        path = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        fchmod(fd, mode)
        contents.withUnsafeBytes { _ = write(fd, $0.baseAddress, $0.count) }
        lseek(fd, 0, SEEK_SET)
    }

    /// Everything written to the file so far.
    func contents() -> [UInt8] {
        [UInt8](FileManager.default.contents(atPath: path) ?? Data())
    }

    deinit {
        close(fd)
        unlink(path)
    }
}

/// Runs `arguments` through `runUnderPTY` with stdin from `input` (default /dev/null)
/// and stdout/stderr captured in temporary files (so the outputs are not one terminal
/// and stderr is a separate stream).
func capture(
    _ arguments: [String], input: Int32? = nil, hooks: SessionHooks = identityHooks,
    flushAfter: Duration = .milliseconds(30), drainGrace: Duration = .milliseconds(500),
    command: (inout PTYCommand) -> Void = { _ in }
) throws -> Captured {
    let out = TempFile()
    let err = TempFile()
    let devNull = open("/dev/null", O_RDONLY | O_CLOEXEC)
    defer { close(devNull) }
    var cmd = PTYCommand(arguments)
    command(&cmd)
    let status = try runUnderPTY(
        cmd, flushAfter: flushAfter, drainGrace: drainGrace,
        streams: SessionStreams(input: input ?? devNull, output: out.fd, error: err.fd),
        hooks: hooks)
    return Captured(status: status, output: out.contents(), error: err.contents())
}

/// A pseudo-terminal the test owns, standing in for the user's terminal: maskrun's
/// descriptors are its slave, and the test types into and reads from its master.
/// Everything written to the slave is collected by a reader thread.
final class TestTerminal {
    /// Bytes the reader thread collected.
    private final class Collector: @unchecked Sendable {
        let lock = NSLock()
        var bytes: [UInt8] = []
        var stop = false
        let finished = DispatchSemaphore(value: 0)
    }

    let master: Int32
    let slave: Int32
    private var masterOpen = true
    private let collector = Collector()

    init(columns: Int = 80, rows: Int = 24) {
        var fds: (Int32, Int32) = (-1, -1)
        precondition(maskrun_pty_open(&fds.0, &fds.1) == 0)
        (master, slave) = fds
        try! setWindowSize(WindowSize(columns: columns, rows: rows), of: master)
        let fd = master
        let collector = collector
        // Polls with a timeout so that `hangUp` can stop it before closing the master
        // (a read in progress would keep the master open and the slave would not see EIO).
        Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !collector.lock.withLock({ collector.stop }) {
                var ready = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
                guard poll(&ready, 1, 20) > 0 else { continue }
                let n = read(fd, &buffer, buffer.count)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                collector.lock.withLock { collector.bytes += buffer[0..<n] }
            }
            collector.finished.signal()
        }.start()
    }

    /// Types `bytes` as if at the keyboard.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { _ = write(master, $0.baseAddress, $0.count) }
    }

    /// What has been written to the terminal so far.
    var output: String {
        collector.lock.withLock { String(decoding: collector.bytes, as: UTF8.self) }
    }

    /// The output once it contains `text` (the reader thread may lag behind the
    /// session), or what there is after `timeout`.
    func output(containing text: String, timeout: Duration = .seconds(3)) -> String {
        let deadline = ContinuousClock.now + timeout
        while !output.contains(text) && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        return output
    }

    /// Resizes the terminal, as a terminal emulator does when its window changes.
    func resize(columns: Int, rows: Int) {
        try! setWindowSize(WindowSize(columns: columns, rows: rows), of: master)
    }

    /// Closes the keyboard side: reads of the slave then fail (EIO), as after a hangup.
    func hangUp() {
        guard masterOpen else { return }
        masterOpen = false
        collector.lock.withLock { collector.stop = true }
        collector.finished.wait()
        close(master)
    }

    deinit {
        hangUp()
        close(slave)
    }
}

/// Local flags (c_lflag) of a terminal.
func localFlags(_ fd: Int32) -> tcflag_t {
    var mode = termios()
    tcgetattr(fd, &mode)
    return mode.c_lflag
}

extension termios {
    /// Field-by-field equality (termios is a C struct, not Equatable).
    func sameSettings(as other: termios) -> Bool {
        withUnsafeBytes(of: self) { a in withUnsafeBytes(of: other) { b in a.elementsEqual(b) } }
    }
}
