import Foundation
import MaskrunSystem
import XCTest

@testable import MaskrunTerminal

/// `maskrun filter`'s loop keeps the flush window of SPEC §4: only the source's silence
/// counts; an interrupted wait is not a window that elapsed.
final class StreamPumpTests: XCTestCase {
    /// What the hooks saw: held bytes are released only by `idle` or `finish`.
    private final class Held: @unchecked Sendable {
        private let lock = NSLock()
        private var held: [UInt8] = []
        private(set) var releases: [String] = []

        func hold(_ bytes: [UInt8]) -> [UInt8] {
            lock.withLock { held += bytes }
            return []
        }
        var hasPending: Bool { lock.withLock { !held.isEmpty } }
        func release(recording: Bool) -> [UInt8] {
            lock.withLock {
                defer { held = [] }
                if recording { releases.append(String(decoding: held, as: UTF8.self)) }
                return held
            }
        }
        var released: [String] { lock.withLock { releases } }
    }

    /// The pump thread and what it reports, shared with the signalling thread.
    private final class PumpState: @unchecked Sendable {
        struct Fields {
            var thread: pthread_t?
            var stopped = false
            var failure: Error?
            var interrupts = 0
        }
        private let lock = NSLock()
        private var fields = Fields()
        func set(_ change: (inout Fields) -> Void) { lock.withLock { change(&fields) } }
        func get<T>(_ read: (Fields) -> T) -> T { lock.withLock { read(fields) } }
    }

    private static let flush = Duration.milliseconds(400)

    /// A signal storm (SIGUSR1 with a handler every 2 ms, so every poll(2) returns EINTR)
    /// while the source writes its pieces 100 ms apart: nothing is released early; once
    /// the source is silent for the window, everything held comes out at once.
    func testAnInterruptedWaitIsNotAnElapsedWindow() throws {
        signal(SIGUSR1) { _ in }
        defer { signal(SIGUSR1, SIG_DFL) }
        var input = try OwnedPipe()
        var output = try OwnedPipe()
        let held = Held()
        let state = PumpState()
        let started = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let inputRead = input.readEnd.rawValue, outputWrite = output.writeEnd.rawValue
        Thread.detachNewThread {
            state.set { $0.thread = pthread_self() }
            started.signal()
            let hooks = StreamPumpHooks(
                transform: held.hold, hasPending: { held.hasPending },
                idle: { held.release(recording: true) }, finish: { held.release(recording: false) })
            do {
                try pumpStream(from: inputRead, to: outputWrite, flushAfter: Self.flush, hooks: hooks)
            } catch {
                state.set { $0.failure = error }
            }
            state.set { $0.stopped = true }
            finished.signal()
        }
        started.wait()
        Thread.detachNewThread {
            while let thread = state.get({ $0.stopped ? nil : $0.thread }) {
                pthread_kill(thread, SIGUSR1)
                state.set { $0.interrupts += 1 }
                usleep(2000)
            }
        }
        for piece in ["ghp_R2d9Xc8L", "Qm4ZpT7vW1yK", "3nB6sH0aJfE5uGxY"] {
            XCTAssertEqual(try POSIX.writeOnce(input.writeEnd.rawValue, Array(piece.utf8)[...]), piece.utf8.count)
            usleep(100_000)
        }
        XCTAssertEqual(held.released, [], "released before the source was silent for the window")
        usleep(900_000)  // silent for more than the window
        try input.writeEnd.close()
        finished.wait()
        XCTAssertNil(state.get { $0.failure })
        XCTAssertEqual(held.released, ["ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY"])
        XCTAssertGreaterThan(state.get { $0.interrupts }, 100)
        try output.writeEnd.close()
        XCTAssertEqual(String(decoding: try POSIX.read(output.readEnd.rawValue, limit: 4096), as: UTF8.self),
            "ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY")
    }

    /// The gap rule both loops share: a wait that overran (maskrun stopped or starved)
    /// starts the silence again, a few times in a row at most; EINTR and waits without a
    /// deadline add only the time actually waited.
    func testSilenceCountsOnlyTimeActuallyWaited() {
        var silence = Silence()
        XCTAssertFalse(silence.isWaiting)
        silence.outputArrived(lateWindow: nil)
        silence.count(waited: .milliseconds(30), timeout: 100)  // interrupted after 30 ms
        XCTAssertEqual(silence.elapsed, .milliseconds(30))
        XCTAssertFalse(silence.idleDue(after: .milliseconds(100)))
        for _ in 0..<Silence.restartsAtMost {
            silence.count(waited: .seconds(5), timeout: 70)  // stopped for 5 s
            XCTAssertEqual(silence.elapsed, .zero)
        }
        silence.count(waited: .seconds(5), timeout: 70)  // still overloaded: the asked time counts
        XCTAssertEqual(silence.elapsed, .milliseconds(70))
        silence.count(waited: .milliseconds(30), timeout: 30)
        XCTAssertTrue(silence.idleDue(after: .milliseconds(100)))
        XCTAssertFalse(silence.idleDue(after: .milliseconds(100)), "due once per output")
    }

    func testTimeoutsRoundUpAndNeverTrap() {
        XCTAssertEqual(wholeMilliseconds(nil), -1)
        XCTAssertEqual(wholeMilliseconds(.zero - .seconds(1)), 0)
        XCTAssertEqual(wholeMilliseconds(.microseconds(1)), 1)
        XCTAssertEqual(wholeMilliseconds(.milliseconds(250)), 250)
        XCTAssertEqual(wholeMilliseconds(.seconds(Int64.max / 2)), .max)
    }
}
