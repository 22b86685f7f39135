import Foundation
import MaskrunEngine
import MaskrunPolicy
import MaskrunRecording
import MaskrunSystem
import MaskrunTerminal

/// Opening a session's recordings, before the command starts: every problem (a path
/// that exists, a symbolic link, two recordings at one path, a bad recipient) is a
/// `MaskrunFailure`, exit 125, and the command never runs (SPEC §1, §5).
extension SessionRecorder {
    /// What the recordings describe.
    public struct Context {
        /// The command and its arguments; nil for `filter`.
        public var commandLine: [String]?
        public var environment: [String: String]
        /// Masks the command line for the masked recording's header and the audit log.
        public var engine: MaskingEngine

        public init(commandLine: [String]?, environment: [String: String], engine: MaskingEngine) {
            self.commandLine = commandLine
            self.environment = environment
            self.engine = engine
        }
    }

    /// The session's recorder, or nil when neither the options nor the policy ask for a
    /// recording. Files are created (parents too) and the age header written here; when
    /// one file fails, those already created are removed again.
    public static func open(_ options: RecordingOptions, logs: Policy.Logs, context: Context) throws(MaskrunFailure) -> SessionRecorder? {
        let merged = options.merged(with: logs)
        if merged.rawLog == nil && merged.recipientsFromCommandLine {
            throw MaskrunFailure("--raw-recipient and --raw-recipients-file need --raw-log (or logs.raw in the policy)")
        }
        guard !merged.isEmpty else { return nil }
        let recipients = merged.rawLog == nil ? [] : try parseRecipients(merged)
        // A name that promises encryption must not hold the raw output in clear (SPEC §5).
        if let rawLog = merged.rawLog, recipients.isEmpty, rawLog.hasSuffix(".age") {
            let origin = options.rawLog != nil ? "--raw-log" : "logs.raw"
            throw MaskrunFailure(
                "\(origin): \(rawLog) is named .age but no recipient was given; add --raw-recipient age1... (or logs.raw_recipients), or drop the .age")
        }
        // The policy's author can forbid raw output in clear for every run under it, whoever
        // names the raw log; the message points at the key that asks for it.
        if let rawLog = merged.rawLog, recipients.isEmpty, let required = logs.recipientsRequiredAt {
            let origin = options.rawLog != nil ? "--raw-log" : "logs.raw"
            throw MaskrunFailure(
                "\(required.file):\(required.line):\(required.column): logs.require_raw_recipients: the policy requires the raw log to be encrypted, but \(origin) \(rawLog) has no recipient; add --raw-recipient age1... or --raw-recipients-file (or logs.raw_recipients)")
        }
        let clockStart = ContinuousClock.now
        let startMicroseconds = try startTime(context.environment)
        let values = PathTemplate.Values(
            time: Int(startMicroseconds / 1_000_000), pid: ProcessInfo.processInfo.processIdentifier,
            command: context.commandLine?.first ?? "filter", home: context.environment["HOME"])

        // Every path is worked out and checked before any file is created.
        let planned = try plan(merged, options: options, logs: logs, values: values)

        let rawCommand = context.commandLine.map(ShellWords.join)
        let maskedCommand = rawCommand.map { String(decoding: context.engine.mask(Array($0.utf8)), as: UTF8.self) }
        let environment = SessionInfo.headerEnvironment(context.environment)
        // `run` on a terminal: the pty's own ONLCR has ended the lines of its output.
        let terminalLineEndings: Set<RecordedStream> =
            context.commandLine != nil && SessionStreams.standard.translatesNewlines ? [.stdout] : []
        let timestamp = Int(startMicroseconds / 1_000_000)
        var opened: [RecordingFile] = []
        do throws(MaskrunFailure) {
            var masked: SessionRecording?
            var raw: SessionRecording?
            var audit: AuditLog?
            for item in planned {
                let encrypted = item.kind == .raw && !recipients.isEmpty
                let file = try openFile(item, append: options.append, encrypted: encrypted)
                opened.append(file)
                switch item.kind {
                case .masked:
                    let info = SessionInfo(command: maskedCommand, timestamp: timestamp, environment: environment, terminalLineEndings: terminalLineEndings)
                    masked = try recording(options.format, sink: file, file: file, info: info, origin: item.origin)
                case .raw:
                    var sink: ByteSink = file
                    if encrypted {
                        do throws(RecordingError) {
                            sink = try AgeEncryptingSink(recipients: recipients, sink: file)
                        } catch {
                            throw MaskrunFailure("\(item.origin): \(error.description)")
                        }
                    }
                    let info = SessionInfo(command: rawCommand, timestamp: timestamp, environment: environment, terminalLineEndings: terminalLineEndings)
                    raw = try recording(options.format, sink: sink, file: file, info: info, origin: item.origin)
                case .audit:
                    audit = AuditLog(sink: file, startMicroseconds: startMicroseconds)
                }
            }
            // A file size limit (`ulimit -f`) then makes a recording's write fail with
            // EFBIG, which maskrun survives, instead of SIGXFSZ killing maskrun with the
            // terminal raw. The child is unaffected: the spawn resets every signal.
            POSIX.ignoreSignal(SIGXFSZ)
            return SessionRecorder(masked: masked, raw: raw, audit: audit, command: maskedCommand, start: clockStart)
        } catch {
            for file in opened { file.discard() }
            throw error
        }
    }

    /// One recording file to open: which, where, and the option or policy key it came from.
    private struct PlannedFile {
        enum Kind { case masked, raw, audit }
        var kind: Kind
        var origin: String
        var template: PathTemplate
        var path: String
    }

    /// Expands the path templates, creates missing parent directories (0700), and
    /// refuses two recordings that would be one file.
    private static func plan(
        _ merged: RecordingOptions.Merged, options: RecordingOptions, logs: Policy.Logs, values: PathTemplate.Values
    ) throws(MaskrunFailure) -> [PlannedFile] {
        let wanted: [(PlannedFile.Kind, String?, String)] = [
            (.masked, merged.log, options.log != nil ? "--log" : "logs.redacted"),
            (.raw, merged.rawLog, options.rawLog != nil ? "--raw-log" : "logs.raw"),
            (.audit, merged.audit, options.audit != nil ? "--audit" : "logs.audit"),
        ]
        var planned: [PlannedFile] = []
        for case let (kind, text?, origin) in wanted {
            let template = PathTemplate(text)
            do throws(RecordingError) {
                planned.append(PlannedFile(kind: kind, origin: origin, template: template, path: try template.expand(values)))
            } catch {
                throw MaskrunFailure("\(origin): \(error.description)")
            }
        }
        var seen: [String: String] = [:]
        for item in planned {
            do throws(RecordingError) {
                try RecordingFile.createParentDirectories(of: item.path)
                let identity = try RecordingFile.identity(of: item.path)
                if let other = seen[identity] {
                    throw RecordingError("\(item.path): the same file as \(other); each recording needs its own")
                }
                seen[identity] = item.origin
            } catch {
                throw MaskrunFailure("\(item.origin): \(error.description)")
            }
        }
        return planned
    }

    /// Opens a planned file: appended to with `--append` (never an encrypted one: a
    /// second age file after the first would not decrypt as one), given another name
    /// when its path has `{time}` or `{pid}`, refused when it exists otherwise.
    private static func openFile(_ item: PlannedFile, append: Bool, encrypted: Bool) throws(MaskrunFailure) -> RecordingFile {
        let existing: RecordingFile.ExistingFile =
            append && !encrypted ? .append : item.template.isPerRun ? .pickAnotherName : .refuse
        do throws(RecordingError) {
            return try RecordingFile.open(item.path, existing: existing)
        } catch {
            var message = "\(item.origin): \(error.description)"
            if error.errno == EEXIST {
                message += encrypted && append
                    ? " (an age-encrypted recording cannot be appended to; use a path template such as {time})"
                    : " (--append adds to it; a path template such as {time} makes a new file each run)"
            }
            throw MaskrunFailure(message)
        }
    }

    /// The recording for a format; an asciicast file appended to continues where it ended.
    private static func recording(
        _ format: RecordingFormat, sink: ByteSink, file: RecordingFile, info: SessionInfo, origin: String
    ) throws(MaskrunFailure) -> SessionRecording {
        switch format {
        case .text:
            return TextRecording(sink: sink)
        case .cast:
            do throws(RecordingError) {
                let continuation = try AsciicastContinuation.read(from: file)
                return AsciicastRecording(sink: sink, info: info, appendingTo: continuation)
            } catch {
                throw MaskrunFailure("\(origin): \(error.description)")
            }
        }
    }

    /// The age recipients, from the options (or the policy's `logs.raw_recipients`) and
    /// the recipients files. Errors say which option or file and line.
    private static func parseRecipients(_ merged: RecordingOptions.Merged) throws(MaskrunFailure) -> [AgeRecipient] {
        var recipients: [AgeRecipient] = []
        for (text, origin) in merged.recipients {
            do throws(RecordingError) {
                recipients.append(try AgeRecipient(parsing: text))
            } catch {
                throw MaskrunFailure("\(origin): \(error.description)")
            }
        }
        for path in merged.recipientsFiles {
            do throws(RecordingError) {
                let text = String(decoding: try RecordingInput.readSmallFile(path: path), as: UTF8.self)
                recipients += try AgeRecipient.parseList(text, path: path)
            } catch {
                throw MaskrunFailure("--raw-recipients-file: \(error.description)")
            }
        }
        return recipients
    }

    /// The session's start in microseconds since the epoch. `MASKRUN_TEST_SECOND_SINCE_EPOCH`
    /// fixes it (like util-linux's `SCRIPT_TEST_SECOND_SINCE_EPOCH`), so that tests see
    /// known `{time}` names, header timestamps and audit times.
    /// Only years 1970 to 9999 are accepted: a larger number would overflow the
    /// microseconds and trap, and no date outside them makes sense in a file name.
    private static func startTime(_ environment: [String: String]) throws(MaskrunFailure) -> Int64 {
        if let text = environment["MASKRUN_TEST_SECOND_SINCE_EPOCH"] {
            guard let seconds = Int64(text), (0...253_402_300_799).contains(seconds) else {
                throw MaskrunFailure(
                    "MASKRUN_TEST_SECOND_SINCE_EPOCH must be a whole number of seconds from 0 to 253402300799 (the end of the year 9999)")
            }
            return seconds * 1_000_000
        }
        return Int64((Date().timeIntervalSince1970 * 1_000_000).rounded())
    }
}
