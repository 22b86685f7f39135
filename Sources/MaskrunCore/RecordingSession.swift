import MaskrunEngine
import MaskrunRecording
import MaskrunTerminal

/// The recordings of one session (SPEC §5): masked and raw recording, audit log. The
/// commands hand it what passes through the masking streams; it keeps the time and the
/// counts, and decides what a failing file means.
///
/// A recording that fails after the start (a full disk, a file size limit) never stops
/// the command: maskrun warns once for that file, stops writing it, goes on masking the
/// live output, and lists the failure in the audit summary. The command's exit status
/// is maskrun's, as without recordings.
public final class SessionRecorder {
    private var masked: SessionRecording?
    private var raw: SessionRecording?
    private var audit: AuditLog?
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    /// The masked command line, for the audit summary.
    private let command: String?
    private var rules: [String: Int] = [:]
    private var bytesIn = 0
    private var bytesOut = 0
    private var failures: [String] = []
    private var finished = false

    init(masked: SessionRecording?, raw: SessionRecording?, audit: AuditLog?, command: String?, start: ContinuousClock.Instant) {
        self.masked = masked
        self.raw = raw
        self.audit = audit
        self.command = command
        self.start = start
    }

    private var now: Duration { clock.now - start }

    /// The window size at the start and after each change.
    public func resized(columns: Int, rows: Int) {
        let time = now
        write(&masked) { (recording) throws(RecordingError) in try recording.resized(columns: columns, rows: rows, at: time) }
        write(&raw) { (recording) throws(RecordingError) in try recording.resized(columns: columns, rows: rows, at: time) }
    }

    /// Bytes as the command wrote them, before masking.
    public func recordRaw(_ bytes: [UInt8], from stream: RecordedStream) {
        bytesIn += bytes.count
        guard !bytes.isEmpty else { return }
        let time = now
        write(&raw) { (recording) throws(RecordingError) in try recording.output(bytes, from: stream, at: time) }
    }

    /// Masked bytes as maskrun writes them, with the masking events that produced them.
    /// `stream` names the raw stream the events' offsets count in; `cell` names the
    /// notebook cell the output belongs to (kernels only).
    public func recordMasked(_ bytes: [UInt8], from stream: RecordedStream, events: [MaskEvent], cell: String? = nil) {
        bytesOut += bytes.count
        let time = now
        for event in events {
            rules[event.ruleID, default: 0] += 1
            guard let log = audit else { continue }
            let entry = AuditLog.Event(
                time: time, stream: stream, rule: event.ruleID, offset: event.offset, length: event.length,
                replacement: event.replacementKind, fingerprint: event.fingerprint, cell: cell)
            do {
                try log.record(entry)
            } catch {
                failAudit(error)
            }
        }
        guard !bytes.isEmpty else { return }
        let output = stream == .stdin ? RecordedStream.stdout : stream
        write(&masked) { (recording) throws(RecordingError) in try recording.output(bytes, from: output, at: time) }
    }

    /// Ends every recording with the exit status maskrun leaves with; the audit log last,
    /// so its summary lists failures of the others, closing included.
    public func finish(exitStatus: Int32) {
        guard !finished else { return }
        finished = true
        let time = now
        write(&masked) { (recording) throws(RecordingError) in try recording.finish(exitStatus: exitStatus, at: time) }
        write(&raw) { (recording) throws(RecordingError) in try recording.finish(exitStatus: exitStatus, at: time) }
        masked = nil
        raw = nil
        guard let log = audit else { return }
        let summary = AuditLog.Summary(
            duration: time, command: command, exitStatus: exitStatus, rules: rules,
            bytesIn: bytesIn, bytesOut: bytesOut, recordingErrors: failures)
        do {
            try log.finish(summary)
        } catch {
            failAudit(error)
        }
        audit = nil
    }

    private func write(_ slot: inout SessionRecording?, _ body: (SessionRecording) throws(RecordingError) -> Void) {
        guard let recording = slot else { return }
        do {
            try body(recording)
        } catch {
            recording.abandon()
            slot = nil
            fail(error)
        }
    }

    private func failAudit(_ error: RecordingError) {
        audit?.abandon()
        audit = nil
        fail(error)
    }

    private func fail(_ error: RecordingError) {
        failures.append(error.description)
        // The terminal may be in raw mode (no CR added to LF): end the line with CR LF.
        let lineEnd = isTerminal(fd: 2) ? "\r" : ""
        Diagnostics.warning("recording stopped: \(error.description); the command goes on, its output still masked\(lineEnd)")
    }
}
