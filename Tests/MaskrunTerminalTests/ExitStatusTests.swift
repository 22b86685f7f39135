import Foundation
import XCTest

@testable import MaskrunTerminal

/// The child's status passes through; failures to start map to 126 and 127.
final class ExitStatusTests: XCTestCase {
    func testExitCodePassesThrough() throws {
        let result = try capture(["sh", "-c", "exit 7"])
        XCTAssertEqual(result.status, .exited(7))
        XCTAssertEqual(result.status.code, 7)
    }

    func testSuccess() throws {
        XCTAssertEqual(try capture(["true"]).status.code, 0)
    }

    func testDeathBySignalIs128PlusN() throws {
        let result = try capture(["sh", "-c", "kill -TERM $$"])
        XCTAssertEqual(result.status, .signaled(SIGTERM))
        XCTAssertEqual(result.status.code, 143)
    }

    func testMissingPathIsNotFound() {
        XCTAssertThrowsError(try capture(["/nonexistent"])) { error in
            XCTAssertEqual(error as? SpawnError, .commandNotFound("/nonexistent"))
            XCTAssertEqual((error as? SpawnError)?.exitCode, 127)
            XCTAssertEqual("\(error)", "/nonexistent: No such file or directory")
        }
    }

    func testUnknownNameIsCommandNotFound() {
        XCTAssertThrowsError(try capture(["maskrun-no-such-command-4711"])) { error in
            XCTAssertEqual((error as? SpawnError)?.exitCode, 127)
            XCTAssertEqual("\(error)", "maskrun-no-such-command-4711: command not found")
        }
    }

    func testPATHComesFromTheChildEnvironment() throws {
        XCTAssertThrowsError(
            try capture(["sh", "-c", "exit 0"]) { $0.environment = ["PATH": "/nonexistent"] }
        ) { error in
            XCTAssertEqual((error as? SpawnError)?.exitCode, 127)
        }
    }

    func testFileWithoutExecutePermissionIsNotExecutable() {
        let file = TempFile(contents: Array("#!/bin/sh\necho hi\n".utf8), mode: 0o644)
        XCTAssertThrowsError(try capture([file.path])) { error in
            XCTAssertEqual(error as? SpawnError, .notExecutable(file.path, errno: EACCES))
            XCTAssertEqual((error as? SpawnError)?.exitCode, 126)
            XCTAssertEqual("\(error)", "\(file.path): Permission denied")
        }
    }

    func testDirectoryIsNotExecutable() {
        XCTAssertThrowsError(try capture(["/tmp"])) { error in
            XCTAssertEqual((error as? SpawnError)?.exitCode, 126)
        }
    }

    func testEmptyCommandIsMaskrunsOwnFailure() {
        XCTAssertThrowsError(try capture([])) { error in
            XCTAssertEqual((error as? SpawnError)?.exitCode, 125)
        }
    }

    func testFailedStartLeavesSignalHandlingAsItWas() throws {
        let before = signal(SIGINT, SIG_DFL)
        signal(SIGINT, before)
        _ = try? capture(["/nonexistent"])
        let after = signal(SIGINT, SIG_DFL)
        signal(SIGINT, after)
        XCTAssertEqual(unsafeBitCast(before, to: Int.self), unsafeBitCast(after, to: Int.self))
    }

    func testWaitStatusDecoding() {
        // Linux encodings: exit code in bits 8-15, killing signal in bits 0-6,
        // 0x7f in the low byte with the stopping signal above it.
        XCTAssertEqual(ExitStatus(waitStatus: 7 << 8), .exited(7))
        XCTAssertEqual(ExitStatus(waitStatus: SIGKILL), .signaled(SIGKILL))
        XCTAssertEqual(ExitStatus.signaled(SIGKILL).code, 137)
        XCTAssertNil(ExitStatus(waitStatus: SIGTSTP << 8 | 0x7f))
        XCTAssertTrue(ExitStatus.isStopped(waitStatus: SIGTSTP << 8 | 0x7f))
        XCTAssertFalse(ExitStatus.isStopped(waitStatus: 7 << 8))
    }
}
