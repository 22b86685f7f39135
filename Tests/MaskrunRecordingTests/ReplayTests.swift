import Testing

@testable import MaskrunRecording

@Suite struct ReplayTests {
    func reader(_ cast: String) throws(RecordingError) -> CastReader {
        try CastReader(source: MemorySource(bytes(cast), path: "s.cast", chunkSize: 7))
    }

    /// The output, and when each piece was due.
    func play(_ cast: String, pace: CastPlayer.Pace?) throws -> (output: String, due: [Double]) {
        var output: [UInt8] = []
        var due: [Double] = []
        try CastPlayer.play(try reader(cast), pace: pace, write: { output += $0 }, waitUntil: { due.append($0) })
        return (text(output), due)
    }

    let cast = """
        {"version": 2, "width": 80, "height": 24}
        [0.5, "o", "a"]
        [1.0, "r", "90x30"]
        [10.5, "o", "b"]
        [11.0, "o", "c\\u00e9"]
        [11.0, "m", "exit 0"]

        """

    @Test func playsWithTheRecordedTiming() throws {
        let played = try play(cast, pace: .init())
        #expect(played.output == "abcé")
        #expect(played.due == [0.5, 10.5, 11.0])
    }

    @Test func idleLimitCutsLongPausesThenSpeedDivides() throws {
        #expect(try play(cast, pace: .init(idleLimit: 2)).due == [0.5, 2.5, 3.0])
        #expect(try play(cast, pace: .init(speed: 2, idleLimit: 2)).due == [0.25, 1.25, 1.5])
    }

    @Test func theHeadersIdleTimeLimitIsUsedWhenNoneIsGiven() throws {
        let limited = cast.replacingOccurrences(of: "\"height\": 24}", with: "\"height\": 24, \"idle_time_limit\": 1}")
        #expect(try play(limited, pace: .init()).due == [0.5, 1.5, 2.0])
    }

    @Test func catPrintsWithoutWaiting() throws {
        let played = try play(cast, pace: nil)
        #expect(played.output == "abcé" && played.due.isEmpty)
    }

    @Test func badInputIsAClearError() throws {
        #expect(throws: RecordingError("s.cast: not an asciicast v2 recording (text recordings are plain output: use cat)")) {
            try reader("hello world\n")
        }
        #expect(throws: RecordingError("s.cast: empty file; not a recording")) { try reader("") }
        #expect(throws: RecordingError("s.cast:3: truncated: the last line is incomplete")) {
            try play("{\"version\": 2, \"width\": 1, \"height\": 1}\n[0.1, \"o\", \"x\"]\n[0.2, \"o\", \"ab", pace: nil)
        }
        #expect(throws: RecordingError("s.cast:2: not an asciicast event ([seconds, type, data])")) {
            try play("{\"version\": 2, \"width\": 1, \"height\": 1}\n{\"o\": 1}\n", pace: nil)
        }
    }

    @Test func anEncryptedRecordingNeedsAnIdentity() throws {
        let sink = MemorySink(path: "raw.cast.age")
        let identity = AgeIdentity.generate()
        let encryptor = try AgeEncryptingSink(recipients: [identity.recipient], sink: sink)
        try encryptor.write(bytes(cast))
        try encryptor.close()
        let directory = try TemporaryDirectory()
        let path = directory.file("raw.cast.age")
        let file = try RecordingFile.open(path, existing: .refuse)
        try file.write(sink.bytes)
        try file.close()
        #expect(throws: RecordingError("\(path): the recording is age-encrypted; give the key file with --identity")) {
            try RecordingInput.open(path: path, identities: nil)
        }
        var output: [UInt8] = []
        let source = try RecordingInput.open(path: path, identities: [identity])
        try CastPlayer.play(try CastReader(source: source), pace: nil, write: { output += $0 }, waitUntil: { _ in })
        #expect(text(output) == "abcé")
    }
}
