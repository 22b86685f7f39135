import Foundation

@testable import MaskrunRecording

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

/// The JSON values of each line of `bytes` (JSON Lines).
func jsonLines(_ bytes: [UInt8]) throws -> [Any] {
    try text(bytes).split(separator: "\n").map { line in
        try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
    }
}

/// A fresh directory under the system's temporary directory, removed by `cleanup`.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "maskrun-recording-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func contents(_ name: String) -> [UInt8] {
        Array(FileManager.default.contents(atPath: file(name)) ?? Data())
    }

    func permissions(_ name: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: file(name))[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// A sink whose writes start failing after `limit` bytes, as a full disk does.
final class FailingSink: ByteSink {
    let path = "full.cast"
    private let limit: Int
    private(set) var written: [UInt8] = []

    init(limit: Int) {
        self.limit = limit
    }

    func write(_ bytes: [UInt8]) throws(RecordingError) {
        guard written.count + bytes.count <= limit else {
            throw RecordingError("full.cast: write: No space left on device", errno: 28)
        }
        written += bytes
    }

    func close() throws(RecordingError) {}
}
