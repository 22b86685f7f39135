import Foundation
import XCTest

@testable import MaskrunTerminal

/// maskrun's stdin, stdout and stderr are a terminal (a pty the test owns).
final class TerminalTests: XCTestCase {
    /// Runs `arguments` with all three of maskrun's descriptors on `terminal`.
    private func run(
        _ arguments: [String], on terminal: TestTerminal, hooks: SessionHooks = identityHooks
    ) throws -> ExitStatus {
        let fd = terminal.slave
        return try runUnderPTY(
            PTYCommand(arguments), flushAfter: .milliseconds(30), drainGrace: .milliseconds(500),
            streams: SessionStreams(input: fd, output: fd, error: fd), hooks: hooks)
    }

    /// Hooks that call `action` once, when the output so far contains `marker`.
    private func hooks(when marker: String, _ action: @escaping () -> Void) -> SessionHooks {
        var seen = ""
        var done = false
        return SessionHooks(output: { _, bytes in
            seen += String(decoding: bytes, as: UTF8.self)
            if !done && seen.contains(marker) {
                done = true
                action()
            }
            return bytes
        })
    }

    func testAllThreeAreTerminalsAndShareOnePTY() throws {
        let terminal = TestTerminal()
        XCTAssertTrue(SessionStreams(input: 0, output: terminal.slave, error: terminal.slave).sharesOneOutput)
        let script = "test -t 0 && test -t 1 && test -t 2 && echo tty; echo err >&2"
        XCTAssertEqual(try run(["sh", "-c", script], on: terminal), .exited(0))
        XCTAssertEqual(terminal.output(containing: "err\r\n"), "tty\r\nerr\r\n")
    }

    func testRawWhileRunningAndRestoredAfter() throws {
        let terminal = TestTerminal()
        var before = termios()
        tcgetattr(terminal.slave, &before)
        var flagsDuringRun: tcflag_t = 0
        let hooks = SessionHooks(output: { _, bytes in
            flagsDuringRun = localFlags(terminal.slave)
            return bytes
        })
        XCTAssertEqual(try run(["sh", "-c", "echo x; exit 4"], on: terminal, hooks: hooks), .exited(4))
        XCTAssertEqual(flagsDuringRun & tcflag_t(ICANON | ECHO | ISIG), 0)
        var after = termios()
        tcgetattr(terminal.slave, &after)
        XCTAssertTrue(after.sameSettings(as: before))
    }

    func testRestoredAfterAFailedStart() throws {
        let terminal = TestTerminal()
        var before = termios()
        tcgetattr(terminal.slave, &before)
        XCTAssertThrowsError(try run(["/nonexistent"], on: terminal))
        var after = termios()
        tcgetattr(terminal.slave, &after)
        XCTAssertTrue(after.sameSettings(as: before))
    }

    func testChildGetsTheTerminalsSettingsAndSize() throws {
        let terminal = TestTerminal(columns: 123, rows: 45)
        var sizes: [[Int]] = []
        let hooks = SessionHooks(output: { _, b in b }, resized: { sizes.append([$0, $1]) })
        // Cooked, like the user's terminal before maskrun made it raw.
        XCTAssertEqual(try run(["sh", "-c", "stty size; stty -a | grep -c ' icanon'"], on: terminal, hooks: hooks), .exited(0))
        XCTAssertEqual(terminal.output(containing: "1\r\n"), "45 123\r\n1\r\n")
        XCTAssertEqual(sizes, [[123, 45]])
    }

    func testKeystrokesReachTheChild() throws {
        let terminal = TestTerminal()
        let hooks = hooks(when: "ready") { terminal.type("hello\r") }
        let status = try run(["sh", "-c", "echo ready; read line; echo got:$line"], on: terminal, hooks: hooks)
        XCTAssertEqual(status, .exited(0))
        XCTAssertTrue(terminal.output(containing: "got:hello\r\n").hasSuffix("got:hello\r\n"))
    }

    func testCtrlCIsABytethatThePTYTurnsIntoSIGINT() throws {
        let terminal = TestTerminal()
        let hooks = hooks(when: "ready") { terminal.type("\u{03}") }
        let status = try run(["sh", "-c", "echo ready; exec sleep 10"], on: terminal, hooks: hooks)
        XCTAssertEqual(status, .signaled(SIGINT))
        XCTAssertEqual(status.code, 130)
    }

    func testEndOfFileOnTheTerminalSendsEOFToTheChild() throws {
        // Input from one terminal that goes away, output to another that stays.
        let keyboard = TestTerminal()
        let screen = TestTerminal()
        var seen = ""
        let hooks = SessionHooks(output: { _, bytes in
            seen += String(decoding: bytes, as: UTF8.self)
            if seen.contains("ready"), !seen.contains("abc") {
                keyboard.type("abc\r")
            } else if seen.contains("abc\r\nabc"), seen.count < 100 {
                seen += String(repeating: " ", count: 100)
                keyboard.hangUp()
            }
            return bytes
        })
        let status = try runUnderPTY(
            PTYCommand(["sh", "-c", "echo ready; cat; echo eof"]), flushAfter: .milliseconds(30),
            streams: SessionStreams(input: keyboard.slave, output: screen.slave, error: screen.slave),
            hooks: hooks)
        XCTAssertEqual(status, .exited(0))
        XCTAssertTrue(seen.contains("eof"), seen)
    }

    func testWindowChangesFollowTheTerminal() throws {
        let terminal = TestTerminal(columns: 80, rows: 24)
        var sizes: [[Int]] = []
        var seen = ""
        let hooks = SessionHooks(
            output: { _, bytes in
                seen += String(decoding: bytes, as: UTF8.self)
                if seen.contains("ready") && sizes.count == 1 {
                    terminal.resize(columns: 100, rows: 30)
                    kill(getpid(), SIGWINCH)
                }
                return bytes
            },
            resized: { sizes.append([$0, $1]) })
        let script = "trap 'stty size; exit 0' WINCH; echo ready; while :; do sleep 0.05; done"
        XCTAssertEqual(try run(["sh", "-c", script], on: terminal, hooks: hooks), .exited(0))
        XCTAssertEqual(sizes, [[80, 24], [100, 30]])
        XCTAssertTrue(terminal.output(containing: "30 100").contains("30 100"))
    }

    func testATerminalNotSizedYetIsStillFollowed() throws {
        let terminal = TestTerminal(columns: 0, rows: 0)
        var sizes: [[Int]] = []
        var resized = false
        let hooks = SessionHooks(
            output: { _, bytes in
                if !resized && String(decoding: bytes, as: UTF8.self).contains("ready") {
                    resized = true
                    terminal.resize(columns: 90, rows: 20)
                    kill(getpid(), SIGWINCH)
                }
                return bytes
            },
            resized: { sizes.append([$0, $1]) })
        let script = "trap 'stty size; exit 0' WINCH; echo ready; while :; do sleep 0.05; done"
        XCTAssertEqual(try run(["sh", "-c", script], on: terminal, hooks: hooks), .exited(0))
        XCTAssertEqual(sizes, [[80, 24], [90, 20]])
    }
}
