import MaskrunPolicy
import MaskrunRecording

/// The recording options `run` and `filter` share (SPEC §1, §5). Each one, when given,
/// overrides the policy's `logs:` entry of the same meaning.
public struct RecordingOptions: Sendable {
    /// `--log`: the masked recording.
    public var log: String?
    /// `--raw-log`: the unmasked recording.
    public var rawLog: String?
    /// `--raw-recipient`: age recipients (`age1...`) to encrypt the raw recording to.
    public var rawRecipients: [String] = []
    /// `--raw-recipients-file`: files listing more of them.
    public var rawRecipientsFiles: [String] = []
    /// `--audit`: the JSON Lines audit log.
    public var audit: String?
    /// `--log-format`.
    public var format: RecordingFormat = .cast
    /// `--append`: add to existing files instead of refusing them.
    public var append = false

    public init() {}

    /// The names `--log-format` accepts.
    public static let formatNames = RecordingFormat.allCases.map(\.rawValue)

    /// Sets `format` from its name; false when the name is not one of `formatNames`.
    public mutating func setFormat(named name: String) -> Bool {
        guard let format = RecordingFormat(rawValue: name) else { return false }
        self.format = format
        return true
    }

    /// The options after the policy's `logs:` fills in what the command line left out.
    /// Recipients from the command line (either option) replace the policy's list.
    func merged(with logs: Policy.Logs) -> Merged {
        let fromCommandLine = !rawRecipients.isEmpty || !rawRecipientsFiles.isEmpty
        return Merged(
            log: log ?? logs.redacted, rawLog: rawLog ?? logs.raw, audit: audit ?? logs.audit,
            recipients: fromCommandLine
                ? rawRecipients.map { ($0, "--raw-recipient") } : logs.rawRecipients.map { ($0, "logs.raw_recipients") },
            recipientsFiles: fromCommandLine ? rawRecipientsFiles : [],
            recipientsFromCommandLine: fromCommandLine)
    }

    struct Merged {
        var log: String?
        var rawLog: String?
        var audit: String?
        /// Each recipient with where it was given, for messages.
        var recipients: [(text: String, origin: String)]
        var recipientsFiles: [String]
        var recipientsFromCommandLine: Bool

        var isEmpty: Bool { log == nil && rawLog == nil && audit == nil }
    }
}
