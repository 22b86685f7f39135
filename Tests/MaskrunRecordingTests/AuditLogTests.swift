import Foundation
import Testing

@testable import MaskrunRecording

@Suite struct AuditLogTests {
    @Test func oneLinePerMaskedSpanThenASummary() throws {
        let sink = MemorySink()
        let log = AuditLog(sink: sink, startMicroseconds: 1_700_000_000_000_000)
        try log.record(.init(
            time: .microseconds(104_211), stream: .stdout, rule: "github-token", offset: 6, length: 40,
            replacement: "template", fingerprint: "3f9a0c6e1b2d"))
        try log.record(.init(
            time: .seconds(1), stream: .stderr, rule: "secret-field", offset: 12, length: 8,
            replacement: "hash", fingerprint: "0123456789ab"))
        try log.finish(.init(
            duration: .seconds(2), command: "sh 'x y'", exitStatus: 130,
            rules: ["secret-field": 1, "github-token": 1], bytesIn: 100, bytesOut: 90,
            recordingErrors: ["a.cast: write: No space left on device"]))
        let lines = try jsonLines(sink.bytes).map { $0 as! [String: Any] }
        #expect(lines.count == 3)
        #expect(lines[0]["type"] as? String == "mask")
        #expect(lines[0]["time"] as? String == "2023-11-14T22:13:20.104211Z")
        #expect(lines[0]["elapsed"] as? Double == 0.104211)
        #expect(lines[0]["stream"] as? String == "stdout")
        #expect(lines[0]["rule"] as? String == "github-token")
        #expect(lines[0]["offset"] as? Int == 6 && lines[0]["length"] as? Int == 40)
        #expect(lines[0]["replacement"] as? String == "template" && lines[0]["fingerprint"] as? String == "3f9a0c6e1b2d")
        let summary = lines[2]
        #expect(summary["type"] as? String == "summary")
        #expect(summary["start"] as? String == "2023-11-14T22:13:20.000000Z")
        #expect(summary["time"] as? String == "2023-11-14T22:13:22.000000Z")
        #expect(summary["exit_status"] as? Int == 130)
        #expect(summary["masked"] as? Int == 2)
        #expect(summary["rules"] as? [String: Int] == ["github-token": 1, "secret-field": 1])
        #expect(summary["bytes_in"] as? Int == 100 && summary["bytes_out"] as? Int == 90)
        #expect(summary["command"] as? String == "sh 'x y'")
        #expect(summary["recording_errors"] as? [String] == ["a.cast: write: No space left on device"])
        #expect(sink.closed)
    }

    @Test func isoTimesBeforeAndAroundLeapDays() {
        #expect(UTCTime.iso8601(microseconds: 0) == "1970-01-01T00:00:00.000000Z")
        #expect(UTCTime.iso8601(microseconds: 951_782_400_000_001) == "2000-02-29T00:00:00.000001Z")
        #expect(UTCTime(unixSeconds: 4_102_444_799).compact == "20991231T235959Z")
    }
}
