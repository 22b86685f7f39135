import Foundation
import MaskrunEngine
import MaskrunPolicy
import MaskrunRecording
import Testing

@testable import MaskrunCore

// MaskrunCore's wiring in-process: descriptors and sinks are injected, no binary spawned.

private let token = "ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY"

/// Collects what Diagnostics prints.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []

    func append(_ more: [UInt8]) { lock.withLock { bytes += more } }
    var text: String { lock.withLock { String(decoding: bytes, as: UTF8.self) } }
}

private func setup(_ options: MaskingOptions = MaskingOptions(), policy: String? = nil, environment: [String: String] = [:]) throws -> MaskingOptions.Setup {
    var options = options
    if let policy {
        let path = NSTemporaryDirectory() + "maskrun-core-\(UUID().uuidString).yml"
        try policy.write(toFile: path, atomically: true, encoding: .utf8)
        options.policyPath = path
    }
    return try options.setup(environment: environment, defaultFlush: .seconds(1), standardInput: { [] })
}

/// Diagnostics and the engine it masks with are process-wide: these run one at a time.
@Suite(.serialized) struct DiagnosticsTests {
    @Test func messagesAreMaskedBeforeThePolicyIsLoaded() {
        let collected = Collected()
        Diagnostics.redirect(to: collected.append)
        Diagnostics.error("\(token): command not found")
        Diagnostics.warning("value \(token) quoted")
        #expect(collected.text == "maskrun: [MASKED:github-token]: command not found\nmaskrun: warning: value [MASKED:github-token] quoted\n")
    }

    @Test func maskrunsOwnResultsOnStdoutAreMaskedToo() {
        let messages = Collected(), results = Collected()
        Diagnostics.redirect(to: messages.append, output: results.append)
        Diagnostics.output("/tmp/\(token).yml: ok\n")
        #expect(results.text == "/tmp/[MASKED:github-token].yml: ok\n")
        #expect(messages.text == "")
    }

    @Test func messagesUseTheSessionsEngineOnceSetUp() throws {
        let collected = Collected()
        Diagnostics.redirect(to: collected.append)
        var options = MaskingOptions()
        options.maskEnvironment = ["DEPLOY_KEY"]
        _ = try setup(options, environment: ["DEPLOY_KEY": "plain-words-no-detector-knows"])
        Diagnostics.error("deploy plain-words-no-detector-knows: failed")
        #expect(collected.text == "maskrun: deploy [MASKED:env:DEPLOY_KEY]: failed\n")
    }
}

@Suite struct HashKeyTests {
    @Test func theHashKeyIsMaskedAndWithheldFromTheCommand() throws {
        let key = "team-key-0123456789-abcdef"
        let result = try setup(policy: "version: 1\nhash_key_env: HK\n", environment: ["HK": key, "PATH": "/bin"])
        #expect(result.withheldEnvironment == ["HK"])
        #expect(result.childEnvironment(["HK": key, "PATH": "/bin"]) == ["PATH": "/bin"])
        let masked = String(decoding: result.engine.mask(Array("key=\(key) again \(key)\n".utf8)), as: UTF8.self)
        #expect(!masked.contains(key))
    }

    @Test func nothingIsWithheldWithoutAHashKey() throws {
        let result = try setup(environment: ["PATH": "/bin"])
        #expect(result.withheldEnvironment.isEmpty)
    }
}

@Suite struct RangeTests {
    @Test func durationsPastTheLimitAreRefusedWithAReason() {
        #expect(DurationText.check("1e300s") == .failure(.notADuration))
        #expect(DurationText.check("99999999999999999999s") == .failure(.tooLong))
        #expect(DurationText.check("3601s") == .failure(.tooLong))
        #expect(DurationText.check("60m") == .success(.seconds(3600)))
        #expect(DurationText.check("nan") == .failure(.notADuration))
        #expect(DurationText.check("infs") == .failure(.notADuration))
        #expect(DurationText.check(".5s") == .success(.milliseconds(500)))
    }

    @Test func aPolicyDurationPastTheLimitIsALocatedFailure() throws {
        #expect {
            _ = try setup(policy: "version: 1\nflush_after: 9999999999s\n")
        } throws: { error in
            (error as? MaskrunFailure)?.message.contains(".yml:2:14: flush_after must be at most 3600s") == true
        }
    }
}

@Suite struct FilterWiringTests {
    /// `filter` on injected pipes: what a user sees on stdout, masked, with nothing held back.
    @Test func filterMasksFromOneDescriptorToAnother() throws {
        let engine = try setup().engine
        let input = Pipe(), output = Pipe()
        let text = "line one\ntoken \(token) end\n"
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let status = try FilterCommand.run(
            engine: engine, flushAfter: .seconds(1),
            input: input.fileHandleForReading.fileDescriptor, output: output.fileHandleForWriting.fileDescriptor)
        try output.fileHandleForWriting.close()
        #expect(status == 0)
        let result = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(result == "line one\ntoken [MASKED:github-token] end\n")
    }
}

@Suite struct RecordingSetupTests {
    private func options(rawLog: String) -> RecordingOptions {
        var options = RecordingOptions()
        options.rawLog = rawLog
        return options
    }

    @Test func aRawLogNamedAgeWithoutRecipientsCreatesNothing() throws {
        let directory = NSTemporaryDirectory() + "maskrun-core-\(UUID().uuidString)"
        let engine = try setup().engine
        #expect(throws: MaskrunFailure.self) {
            _ = try SessionRecorder.open(
                options(rawLog: directory + "/sub/raw.cast.age"), logs: Policy.builtinDefault.logs,
                context: .init(commandLine: ["true"], environment: [:], engine: engine))
        }
        #expect(!FileManager.default.fileExists(atPath: directory))
    }

    @Test func theMaskedHeaderHidesACommandLineSecret() throws {
        let directory = NSTemporaryDirectory() + "maskrun-core-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var recording = RecordingOptions()
        recording.log = directory + "/s.cast"
        let engine = try setup().engine
        let recorder = try SessionRecorder.open(
            recording, logs: Policy.builtinDefault.logs, context: .init(commandLine: ["echo", token], environment: [:], engine: engine))
        recorder?.finish(exitStatus: 0)
        let written = try String(contentsOfFile: directory + "/s.cast", encoding: .utf8)
        #expect(!written.contains(token) && written.contains("[MASKED:github-token]"))
    }
}
