import ArgumentParser
import Foundation
import MaskrunCore

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run COMMAND under a pseudo-terminal, masking its output (the default).",
        usage: "maskrun [OPTIONS] [--] COMMAND [ARG...]",
        discussion: """
            A first argument that is not one of maskrun's subcommands is the command to run; \
            'maskrun -- filter' runs a program called filter.

            Examples:
              maskrun make test
              maskrun --mask-env DEPLOY_KEY -- ./deploy.sh --verbose
              maskrun --policy ci/maskrun.yml -- bash -eo pipefail script.sh
              maskrun --log 'logs/{cmd}-{time}.cast' -- make deploy
              maskrun --audit audit.jsonl -- make deploy
              maskrun --raw-log raw.cast.age --raw-recipient age1... -- ./deploy.sh
            """,
        shouldDisplay: false)

    @OptionGroup var masking: MaskingOptionGroup
    @OptionGroup var recording: RecordingOptionGroup

    @Argument(parsing: .captureForPassthrough, help: "The command and its arguments.")
    var command: [String] = []

    /// The command without the `--` that may separate it from maskrun's options.
    var commandLine: [String] { command.first == "--" ? Array(command.dropFirst()) : command }

    func validate() throws {
        guard let name = commandLine.first else {
            throw ValidationError("no command given (see 'maskrun help run')")
        }
        if command.first != "--" && name.hasPrefix("-") {
            throw ValidationError("unknown option '\(name)' (put '--' before a command that starts with '-')")
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let setup = try masking.options.setup(
            environment: environment,
            defaultFlush: RunCommand.defaultFlushWindow,
            standardInput: { Array(FileHandle.standardInput.readDataToEndOfFile()) })
        let recorder = try SessionRecorder.open(
            recording.options, logs: setup.policy.logs,
            context: .init(commandLine: commandLine, environment: environment, engine: setup.engine))
        let status = try RunCommand.run(commandLine, setup: setup, recorder: recorder)
        throw ExitCode(status)
    }
}
