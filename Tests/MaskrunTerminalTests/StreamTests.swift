import Foundation
import XCTest

import MaskrunSystem
@testable import MaskrunTerminal

/// Child output reaches maskrun's stdout and stderr through the hooks, all of it.
final class StreamTests: XCTestCase {
    func testStdoutIsATerminalAndStdinAPipe() throws {
        let script = "test -t 0; echo in=$?; test -t 1; echo out=$?; test -t 2; echo err=$?"
        let result = try capture(["sh", "-c", script])
        // Outputs are files, so not one terminal: stderr is a separate pipe.
        XCTAssertEqual(result.outputText, "in=1\nout=0\nerr=1\n")
    }

    func testStderrStaysSeparateWhenOutputsDiffer() throws {
        var seen: [ChildOutput] = []
        let hooks = SessionHooks(output: { stream, bytes in
            seen.append(stream)
            return bytes
        })
        let result = try capture(["sh", "-c", "echo out; echo err >&2"], hooks: hooks)
        XCTAssertEqual(result.outputText, "out\n")
        XCTAssertEqual(result.errorText, "err\n")
        XCTAssertTrue(seen.contains(.primary) && seen.contains(.stderr))
    }

    func testOutputGoesThroughTheHooks() throws {
        let upper = SessionHooks(output: { _, bytes in
            Array(String(decoding: bytes, as: UTF8.self).uppercased().utf8)
        })
        let result = try capture(["sh", "-c", "echo hello; echo world >&2"], hooks: upper)
        XCTAssertEqual(result.outputText, "HELLO\n")
        XCTAssertEqual(result.errorText, "WORLD\n")
    }

    func testNewlinesAreKeptWhenStdoutIsNotATerminal() throws {
        XCTAssertEqual(try capture(["printf", "a\\nb\\n"]).outputText, "a\nb\n")
        let translated = try capture(["printf", "a\\nb\\n"]) { $0.translatesNewlines = true }
        XCTAssertEqual(translated.outputText, "a\r\nb\r\n")
    }

    func testEveryLineArrives() throws {
        let result = try capture(["seq", "1", "200000"])
        let expected = (1...200_000).map(String.init).joined(separator: "\n") + "\n"
        XCTAssertEqual(result.output.count, expected.utf8.count)
        XCTAssertTrue(result.outputText == expected)
        XCTAssertEqual(result.status, .exited(0))
    }

    func testOutputWrittenJustBeforeExitIsNotLost() throws {
        for _ in 0..<20 {
            let result = try capture(["sh", "-c", "head -c 70000 /dev/zero | tr '\\0' x; exit 3"])
            XCTAssertEqual(result.output.count, 70000)
            XCTAssertEqual(result.status, .exited(3))
        }
    }

    func testLongLineOnStdinArrivesIntactAndOnce() throws {
        let line = (0..<100_000).map { _ in UInt8(ascii: "a") + UInt8.random(in: 0..<26) }
        let input = TempFile(contents: line)
        var forwarded: [UInt8] = []
        let hooks = SessionHooks(output: { _, bytes in bytes }, input: { forwarded += $0 })
        let result = try capture(["cat"], input: input.fd, hooks: hooks)
        XCTAssertEqual(result.output, line)
        XCTAssertEqual(forwarded, line)
        XCTAssertEqual(result.status, .exited(0))
    }

    func testStdinEndOfFileReachesTheChild() throws {
        var pipe = try OwnedPipe()
        let bytes = Array("one\ntwo".utf8)
        XCTAssertEqual(write(pipe.writeEnd.rawValue, bytes, bytes.count), bytes.count)
        try pipe.writeEnd.close()
        let result = try capture(["wc", "-l"], input: pipe.readEnd.rawValue)
        XCTAssertEqual(result.outputText.trimmingCharacters(in: .whitespacesAndNewlines), "1")
    }

    func testChildThatIgnoresLargeInputDoesNotBlock() throws {
        let input = TempFile(contents: [UInt8](repeating: 0x41, count: 2_000_000))
        let result = try capture(["sh", "-c", "echo done"], input: input.fd)
        XCTAssertEqual(result.outputText, "done\n")
    }

    func testEnvironmentIsTheChildsWholeEnvironment() throws {
        let result = try capture(["/usr/bin/env"]) {
            $0.environment = ["ONLY": "this"]
            $0.nonInteractiveDefaults = false
        }
        XCTAssertEqual(result.outputText, "ONLY=this\n")
    }

    /// Without a terminal on stdin the pagers default to cat, where the environment does
    /// not set them, and `MASKRUN_CI_DEFAULTS=0` leaves the environment as it is.
    func testPagerDefaultsWithoutATerminalOnStdin() throws {
        let given = ["PAGER": "more", "KEEP": "1"]
        let result = try capture(["/usr/bin/env"]) { $0.environment = given }
        var expected = given
        for (name, value) in NonInteractiveEnvironment.defaults where expected[name] == nil { expected[name] = value }
        XCTAssertEqual(Set(result.outputText.split(separator: "\n").map(String.init)),
                       Set(expected.map { "\($0.key)=\($0.value)" }))
        XCTAssertTrue(result.outputText.contains("GIT_PAGER=cat\n") && result.outputText.contains("PAGER=more\n"))
        let off = try capture(["/usr/bin/env"]) { $0.environment = ["MASKRUN_CI_DEFAULTS": "0"] }
        XCTAssertEqual(off.outputText, "MASKRUN_CI_DEFAULTS=0\n")
    }

    func testWindowSizeWithoutATerminal() throws {
        var sizes: [[Int]] = []
        let hooks = SessionHooks(output: { _, b in b }, resized: { sizes.append([$0, $1]) })
        // stdin is /dev/null; /dev/tty is the pty, the child's controlling terminal.
        let fallback = try capture(["sh", "-c", "stty size </dev/tty"], hooks: hooks)
        XCTAssertEqual(fallback.outputText, "24 80\n")
        let chosen = try capture(["sh", "-c", "stty size </dev/tty"]) { $0.windowSize = WindowSize(columns: 132, rows: 50) }
        XCTAssertEqual(chosen.outputText, "50 132\n")
        XCTAssertEqual(sizes, [[80, 24]])
    }

    func testIdleReleasesHeldBackBytesAfterAPause() throws {
        // A hook that holds everything back until asked, as a masking engine holds a
        // possible secret prefix; one buffer per stream.
        var held: [ChildOutput: [UInt8]] = [:]
        var events: [String] = []
        let hooks = SessionHooks(
            output: { stream, bytes in
                held[stream, default: []] += bytes
                events.append("output")
                return []
            },
            hasPending: { held[$0, default: []].isEmpty == false },
            idle: { stream in
                defer { held[stream] = [] }
                events.append("idle:" + String(decoding: held[stream, default: []], as: UTF8.self))
                return held[stream, default: []]
            },
            finish: { stream in
                defer { held[stream] = [] }
                events.append("finish")
                return held[stream, default: []]
            })
        let result = try capture(
            ["sh", "-c", "printf 'pass: '; sleep 0.4; printf 'word'"], hooks: hooks,
            flushAfter: .milliseconds(50))
        XCTAssertEqual(result.outputText, "pass: word")
        XCTAssertEqual(events.first, "output")
        XCTAssertEqual(events.dropFirst().first, "idle:pass: ")
        XCTAssertEqual(events.filter { $0 == "finish" }.count, 2, "once per stream")
    }

    func testBrokenStdoutStopsTheChildWithSIGPIPE() throws {
        var pipe = try OwnedPipe()
        try pipe.readEnd.close()
        let devNull = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { close(devNull) }
        let err = TempFile()
        let status = try runUnderPTY(
            PTYCommand(["yes"]), flushAfter: .milliseconds(30),
            streams: SessionStreams(input: devNull, output: pipe.writeEnd.rawValue, error: err.fd),
            hooks: identityHooks)
        XCTAssertEqual(status, .signaled(SIGPIPE))
    }

    func testNonBlockingStdoutWithASlowReader() throws {
        var pipe = try OwnedPipe()
        XCTAssertEqual(fcntl(pipe.writeEnd.rawValue, F_SETFL, O_NONBLOCK), 0)
        final class Sink: @unchecked Sendable {
            var bytes: [UInt8] = []
            let done = DispatchSemaphore(value: 0)
        }
        let sink = Sink()
        Thread { [fd = pipe.readEnd.rawValue] in
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                usleep(200)  // slower than seq, so maskrun's writes meet EAGAIN
                let n = read(fd, &buffer, buffer.count)
                if n <= 0 { break }
                sink.bytes += buffer[0..<n]
            }
            sink.done.signal()
        }.start()
        let devNull = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { close(devNull) }
        let err = TempFile()
        let status = try runUnderPTY(
            PTYCommand(["seq", "1", "50000"]), flushAfter: .milliseconds(30),
            streams: SessionStreams(input: devNull, output: pipe.writeEnd.rawValue, error: err.fd),
            hooks: identityHooks)
        try pipe.writeEnd.close()
        sink.done.wait()
        XCTAssertEqual(status, .exited(0))
        let expected = (1...50_000).map(String.init).joined(separator: "\n") + "\n"
        XCTAssertTrue(String(decoding: sink.bytes, as: UTF8.self) == expected)
    }

    func testNoDescriptorLeaksIntoTheChildOrOutlivesTheSession() throws {
        // What the child may inherit: 0, 1, 2 and whatever this process left inheritable.
        let inheritable = Set(openDescriptors().filter { fcntl($0, F_GETFD) & FD_CLOEXEC == 0 })
            .subtracting([0, 1, 2])
        let before = openDescriptors()
        let result = try capture(["sh", "-c", "ls /proc/$$/fd"])
        let childFDs = Set(result.outputText.split(separator: "\n").compactMap { Int32($0) })
        XCTAssertEqual(childFDs.subtracting([0, 1, 2]).subtracting(inheritable), [])
        XCTAssertEqual(openDescriptors(), before)
    }

    /// The descriptors open in this process.
    private func openDescriptors() -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return names.compactMap { Int32($0) }.filter { fcntl($0, F_GETFD) >= 0 }.sorted()
    }
}
