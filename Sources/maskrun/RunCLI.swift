import ArgumentParser
import Foundation
import MaskrunCore

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run COMMAND under a pseudo-terminal, masking its output (the default).",
        usage: "maskrun [OPTIONS] [--] COMMAND [ARG...]",
        discussion: """
            A first argument that is not one of maskrun's subcommands is the command to run;
            'maskrun -- filter' runs a program called filter.

            Examples:
              maskrun make test
              maskrun --mask-env DEPLOY_KEY -- ./deploy.sh --verbose
              maskrun --policy ci/maskrun.yml -- bash -eo pipefail script.sh
            """,
        shouldDisplay: false)

    @OptionGroup var masking: MaskingOptionGroup

    @Argument(parsing: .captureForPassthrough, help: "The command and its arguments.")
    var command: [String] = []

    /// The command without the `--` that may separate it from maskrun's options.
    var commandLine: [String] { command.first == "--" ? Array(command.dropFirst()) : command }

    func validate() throws {
        guard let name = commandLine.first else {
            throw ValidationError("no command given (see 'maskrun --help')")
        }
        if command.first != "--" && name.hasPrefix("-") {
            throw ValidationError("unknown option '\(name)' (put '--' before a command that starts with '-')")
        }
    }

    func run() throws {
        let setup = try masking.options.setup(
            environment: ProcessInfo.processInfo.environment,
            defaultFlush: RunCommand.defaultFlushWindow,
            standardInput: { Array(FileHandle.standardInput.readDataToEndOfFile()) })
        let status = try RunCommand.run(commandLine, setup: setup)
        throw ExitCode(status)
    }
}
