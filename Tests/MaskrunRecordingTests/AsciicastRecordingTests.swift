import Foundation
import Testing

@testable import MaskrunRecording

@Suite struct AsciicastRecordingTests {
    /// A run on a terminal: the pty has already turned stdout's "\n" into "\r\n".
    let info = SessionInfo(
        command: "make test", timestamp: 1_700_000_000, environment: [("SHELL", "/bin/sh"), ("TERM", "xterm")],
        terminalLineEndings: [.stdout])

    @Test func headerEventsResizesAndExitMarker() throws {
        let sink = MemorySink()
        let recording = AsciicastRecording(sink: sink, info: info)
        try recording.resized(columns: 100, rows: 40, at: .zero)
        try recording.output(bytes("hello\r\n"), from: .stdout, at: .microseconds(12345))
        try recording.resized(columns: 100, rows: 40, at: .milliseconds(20))  // unchanged: nothing
        try recording.resized(columns: 132, rows: 50, at: .milliseconds(1500))
        try recording.output(bytes("\"quoted\" \\ \u{1B}[1mbold\t"), from: .stderr, at: .seconds(2))
        try recording.finish(exitStatus: 3, at: .seconds(2) + .microseconds(1))
        #expect(text(sink.bytes) == """
            {"version": 2, "width": 100, "height": 40, "timestamp": 1700000000, "command": "make test", "env": {"SHELL": "/bin/sh", "TERM": "xterm"}}
            [0.012345, "o", "hello\\r\\n"]
            [1.500000, "r", "132x50"]
            [2.000000, "o", "\\"quoted\\" \\\\ \\u001b[1mbold\\t"]
            [2.000001, "m", "exit 3"]

            """)
        #expect(sink.closed)
        // Every line is JSON that decodes back to the same text.
        let lines = try jsonLines(sink.bytes)
        #expect((lines[3] as? [Any])?[2] as? String == "\"quoted\" \\ \u{1B}[1mbold\t")
    }

    @Test func invalidUTF8IsValidJSONAndSplitCharactersStayWholePerStream() throws {
        let sink = MemorySink()
        let recording = AsciicastRecording(sink: sink, info: info)
        try recording.output([0x63, 0x61, 0x66, 0xC3], from: .stdout, at: .zero)
        try recording.output(bytes("err\n"), from: .stderr, at: .zero)  // between the two halves
        try recording.output([0xA9, 0xFF, 0x0A], from: .stdout, at: .zero)
        try recording.output([0xE2, 0x82], from: .stderr, at: .zero)
        try recording.finish(exitStatus: 0, at: .zero)
        let data = try jsonLines(sink.bytes).dropFirst().compactMap { ($0 as? [Any])?[2] as? String }
        #expect(data == ["caf", "err\r\n", "é\u{FFFD}\n", "\u{FFFD}", "exit 0"])
    }

    /// Output that passed no terminal (a run without one, filter, a separate stderr) gets
    /// the "\r" a terminal's ONLCR would have added before each "\n", however it is split;
    /// output that did pass one is kept as it is.
    @Test func linesEndAsOnATerminalWhateverTheStream() throws {
        let text = "a\nb\r\n\n\u{1B}[1mc\nd"
        let expected = "a\r\nb\r\r\n\r\n\u{1B}[1mc\r\nd"
        for split in 0...text.utf8.count {
            let sink = MemorySink()
            let recording = AsciicastRecording(sink: sink, info: SessionInfo(command: nil, timestamp: 5, environment: []))
            let all = Array(text.utf8)
            try recording.output(Array(all[..<split]), from: .stdout, at: .zero)
            try recording.output(Array(all[split...]), from: .stdout, at: .zero)
            try recording.output(bytes("x\r\ny\n"), from: .stderr, at: .zero)
            try recording.finish(exitStatus: 0, at: .zero)
            let data = try jsonLines(sink.bytes).dropFirst().compactMap { ($0 as? [Any]).flatMap { $0[1] as? String == "o" ? $0[2] as? String : nil } }
            #expect(data.dropLast().joined() == expected, "split at \(split)")
            #expect(data.last == "x\r\r\ny\r\n")
        }
        let sink = MemorySink()
        let recording = AsciicastRecording(sink: sink, info: info)
        try recording.output(bytes("vim\nmoves down\r\n"), from: .stdout, at: .zero)
        try recording.finish(exitStatus: 0, at: .zero)
        #expect((try jsonLines(sink.bytes)[1] as? [Any])?[2] as? String == "vim\nmoves down\r\n")
    }

    @Test func withoutAResizeTheHeaderHasTheDefaultSizeAndNoCommandForFilter() throws {
        let sink = MemorySink()
        let recording = AsciicastRecording(sink: sink, info: SessionInfo(command: nil, timestamp: 5, environment: []))
        try recording.output(bytes("x"), from: .stdout, at: .zero)
        try recording.finish(exitStatus: 0, at: .zero)
        #expect(text(sink.bytes).hasPrefix("{\"version\": 2, \"width\": 80, \"height\": 24, \"timestamp\": 5}\n"))
    }

    @Test func timesNeverGoBackwards() throws {
        let sink = MemorySink()
        let recording = AsciicastRecording(sink: sink, info: info)
        try recording.output(bytes("a"), from: .stdout, at: .seconds(2))
        try recording.output(bytes("b"), from: .stderr, at: .seconds(1))
        try recording.finish(exitStatus: 0, at: .zero)
        let times = try jsonLines(sink.bytes).dropFirst().compactMap { ($0 as? [Any])?[0] as? Double }
        #expect(times == [2, 2, 2])
    }

    @Test func appendingContinuesAfterTheLastEventWithoutASecondHeader() throws {
        let sink = MemorySink()
        let existing = AsciicastContinuation(width: 80, height: 24, lastTime: 5_000_000)
        let recording = AsciicastRecording(sink: sink, info: info, appendingTo: existing)
        try recording.resized(columns: 80, rows: 24, at: .zero)
        try recording.resized(columns: 90, rows: 30, at: .seconds(1))
        try recording.output(bytes("more"), from: .stdout, at: .seconds(2))
        try recording.finish(exitStatus: 0, at: .seconds(2))
        #expect(text(sink.bytes) == """
            [6.000000, "r", "90x30"]
            [7.000000, "o", "more"]
            [7.000000, "m", "exit 0"]

            """)
    }

    @Test func theContinuationOfAFileIsReadFromItsHeaderAndLastLine() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("a.cast")
        try Data("""
            {"version": 2, "width": 120, "height": 33}
            [0.5, "o", "x"]
            [12.25, "m", "exit 0"]

            """.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let file = try RecordingFile.open(path, existing: .append)
        #expect(try AsciicastContinuation.read(from: file) == AsciicastContinuation(width: 120, height: 33, lastTime: 12_250_000))
    }

    @Test func appendingToSomethingElseOrACutOffFileIsRefused() throws {
        let directory = try TemporaryDirectory()
        for (name, content, message) in [
            ("text.cast", "plain text\n", "not an asciicast v2 recording"),
            ("cut.cast", "{\"version\": 2, \"width\": 1, \"height\": 1}\n[1.0, \"o\", \"abc", "last line is incomplete"),
        ] {
            try Data(content.utf8).write(to: URL(fileURLWithPath: directory.file(name)))
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: directory.file(name))
            let file = try RecordingFile.open(directory.file(name), existing: .append)
            #expect(throws: RecordingError.self) { try AsciicastContinuation.read(from: file) }
            do {
                _ = try AsciicastContinuation.read(from: file)
            } catch {
                #expect(error.description.contains(message))
            }
        }
    }

    @Test func aTextRecordingIsTheBytesAsWritten() throws {
        let sink = MemorySink()
        let recording = TextRecording(sink: sink)
        try recording.resized(columns: 1, rows: 1, at: .zero)
        try recording.output([0x61, 0xFF, 0xC3], from: .stdout, at: .zero)
        try recording.output([0xA9], from: .stderr, at: .zero)
        try recording.finish(exitStatus: 9, at: .zero)
        #expect(sink.bytes == [0x61, 0xFF, 0xC3, 0xA9])
    }

    @Test func aLargeBatchIsCutIntoEventsAtLineBreaksOrCharacters() throws {
        let lines = (0..<300).map { "line \($0) " + String(repeating: "x", count: $0 % 90) + "\r\n" }.joined()
        let unbroken = String(repeating: "é€😀", count: 2000)  // 2, 3 and 4 bytes, no line break
        for batch in [lines, unbroken] {
            let sink = MemorySink()
            let recording = AsciicastRecording(sink: sink, info: info)
            try recording.output(bytes(batch), from: .stdout, at: .seconds(1))
            let events = try jsonLines(sink.bytes).dropFirst().map { ($0 as! [Any])[2] as! String }
            #expect(events.count > 1 && events.joined() == batch)
            #expect(events.allSatisfy { $0.utf8.count <= 4096 })
            if batch == lines { #expect(events.allSatisfy { $0.hasSuffix("\r\n") }) }
        }
    }

    @Test func secondsHaveSixDecimals() {
        #expect(JSONText.seconds(microseconds: 0) == "0.000000")
        #expect(JSONText.seconds(microseconds: 1) == "0.000001")
        #expect(JSONText.seconds(microseconds: 123_456_789) == "123.456789")
    }
}
