import Foundation
import XCTest

@testable import MaskrunTerminal

/// Signals sent to maskrun reach the child's group; grandchildren cannot hold maskrun.
final class SignalTests: XCTestCase {
    /// Hooks that send `signal` to this process once `marker` has been printed.
    private func signalling(_ signal: Int32, after marker: String) -> SessionHooks {
        var seen = ""
        var sent = false
        return SessionHooks(output: { _, bytes in
            seen += String(decoding: bytes, as: UTF8.self)
            if !sent && seen.contains(marker) {
                sent = true
                kill(getpid(), signal)
            }
            return bytes
        })
    }

    func testSIGTERMToMaskrunIsForwardedToTheChild() throws {
        let result = try capture(["sh", "-c", "echo ready; exec sleep 10"], hooks: signalling(SIGTERM, after: "ready"))
        XCTAssertEqual(result.status, .signaled(SIGTERM))
    }

    func testChildThatHandlesTheSignalStillReportsItsStatusAndOutput() throws {
        let script = "trap 'echo caught; exit 9' INT; echo ready; while :; do sleep 0.05; done"
        let result = try capture(["sh", "-c", script], hooks: signalling(SIGINT, after: "ready"))
        XCTAssertEqual(result.outputText, "ready\ncaught\n")
        XCTAssertEqual(result.status, .exited(9))
    }

    func testSignalsReachTheWholeProcessGroup() throws {
        // Both the child and its own child (already running when "ready" appears) get it.
        let inner = "trap 'echo inner got HUP; exit 0' HUP; echo ready; while :; do sleep 0.05; done"
        let script = "trap 'echo outer got HUP' HUP; sh -c \"\(inner)\"; echo done"
        let result = try capture(["sh", "-c", script], hooks: signalling(SIGHUP, after: "ready"))
        XCTAssertEqual(result.outputText, "ready\ninner got HUP\nouter got HUP\ndone\n")
        XCTAssertEqual(result.status, .exited(0))
    }

    func testDispositionsAreRestoredAfterwards() throws {
        signal(SIGTERM, SIG_IGN)
        defer { signal(SIGTERM, SIG_DFL) }
        _ = try capture(["true"])
        let current = signal(SIGTERM, SIG_IGN)
        XCTAssertEqual(unsafeBitCast(current, to: Int.self), unsafeBitCast(SIG_IGN, to: Int.self))
    }

    // When the child (the session leader) exits, the kernel sends SIGHUP to the pty's
    // foreground group, so only a grandchild that ignores SIGHUP keeps the pty open
    // (the trap is set before the fork: a subshell could lose the race to set it).

    func testGrandchildHoldingThePTYDoesNotHangMaskrun() throws {
        let start = ContinuousClock.now
        let result = try capture(
            ["sh", "-c", "trap '' HUP; sleep 5 & echo hi"], drainGrace: .milliseconds(300))
        let elapsed = ContinuousClock.now - start
        XCTAssertEqual(result.outputText, "hi\n")
        XCTAssertEqual(result.status, .exited(0))
        XCTAssertLessThan(elapsed, .seconds(3))
        XCTAssertGreaterThanOrEqual(elapsed, .milliseconds(300))
    }

    func testGrandchildOutputWithinTheGracePeriodIsKept() throws {
        let result = try capture(
            ["sh", "-c", "trap '' HUP; (sleep 0.2; echo late) & echo early"], drainGrace: .seconds(2))
        XCTAssertEqual(result.outputText, "early\nlate\n")
    }

    func testGrandchildHoldingStderrDoesNotHangMaskrun() throws {
        let start = ContinuousClock.now
        let result = try capture(["sh", "-c", "sleep 5 >/dev/null & echo hi >&2"], drainGrace: .milliseconds(300))
        XCTAssertEqual(result.errorText, "hi\n")
        XCTAssertLessThan(ContinuousClock.now - start, .seconds(3))
    }

    func testDrainGraceFromTheEnvironment() {
        setenv("MASKRUN_DRAIN_GRACE", "250", 1)
        XCTAssertEqual(DrainGrace.standard, .milliseconds(250))
        unsetenv("MASKRUN_DRAIN_GRACE")
        XCTAssertEqual(DrainGrace.standard, .seconds(1))
    }
}
