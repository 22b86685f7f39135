import ArgumentParser
import MaskrunCore

struct Replay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a recording in the terminal.",
        discussion: """
            Plays an asciicast recording written with --log or --raw-log (or by asciinema)
            with its timing. An age-encrypted raw recording is decrypted on the fly with
            --identity; nothing decrypted is written to disk. Text recordings are plain
            output: use cat.

            Examples:
              maskrun replay --idle-limit 1 session.cast
              maskrun replay --identity auditor.key --cat raw.cast.age
            """)

    @Argument(help: "The recording (.cast, or age-encrypted .cast.age).", completion: .file())
    var file: String

    // `.unconditional`: `--speed -1` is a value (and refused by validate), not an option.
    @Option(parsing: .unconditional, help: ArgumentHelp("Play faster (2) or slower (0.5).", valueName: "factor"))
    var speed: Double = 1

    @Option(name: .customLong("idle-limit"), parsing: .unconditional, help: ArgumentHelp("Cut pauses longer than this many seconds to it.", valueName: "seconds"))
    var idleLimit: Double?

    @Option(name: [.short, .customLong("identity")], help: ArgumentHelp("age key file to decrypt an encrypted recording with. Repeatable.", valueName: "keyfile"), completion: .file())
    var identity: [String] = []

    @Flag(help: "Print the output at once, without timing.")
    var cat = false

    func validate() throws {
        guard speed > 0, speed.isFinite else { throw ValidationError("--speed: must be a positive number") }
        if let idleLimit, !(idleLimit > 0 && idleLimit.isFinite) {
            throw ValidationError("--idle-limit: must be a positive number of seconds")
        }
    }

    func run() throws {
        var options = RecordingReplay.Options(path: file)
        options.identityFiles = identity
        options.speed = speed
        options.idleLimit = idleLimit
        options.cat = cat
        try RecordingReplay.run(options)
    }
}
