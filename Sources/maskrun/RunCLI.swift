import ArgumentParser
import Foundation
import MaskrunCore
import MaskrunPolicy

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run COMMAND under a pseudo-terminal, masking its output (the default).",
        usage: "maskrun [OPTIONS] [--] COMMAND [ARG...]",
        discussion: """
            maskrun's options may come before or after a subcommand's name. The first word \
            that is neither an option nor an option's value is a subcommand when it names \
            one, else the command to run; every word after it is the command's own. \
            'maskrun -- filter' runs a program called filter. --help among maskrun's own \
            words runs nothing. Without a terminal on stdin, PAGER, GIT_PAGER, MANPAGER \
            and other pagers default to cat (MASKRUN_CI_DEFAULTS=0 turns that off).

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

    /// `ArgumentOrder` puts every word of the command after `--`, so maskrun's options
    /// are parsed (and misspelt ones reported) wherever the user put them.
    @Argument(parsing: .postTerminator, help: "The command and its arguments.")
    var command: [String] = []

    func validate() throws {
        guard command.first != nil else {
            throw ValidationError("no command given (see 'maskrun help run')")
        }
    }

    func run() throws {
        try Run.execute(command, masking: masking.options, recording: recording.options)
    }

    /// Runs `command` with these options; what `run()` does once the parser has read them,
    /// and what `PlainCommandLine` calls directly for a command line without options.
    static func execute(_ command: [String], masking: MaskingOptions, recording: RecordingOptions) throws {
        let environment = ProcessInfo.processInfo.environment
        let setup = try masking.setup(
            environment: environment,
            defaultFlush: RunCommand.defaultFlushWindow,
            standardInput: {
                // `--mask-values-from -`: an unreadable stdin must stop the run, not mask nothing;
                // bounded as a values file is, so `< /dev/zero` is an error.
                do throws(MaskrunFailure) { return try readAll("-", limit: LiteralFile.maximumSize) } catch {
                    Diagnostics.error("--mask-values-from -: \(error.message)")
                    Foundation.exit(125)
                }
            })
        let recorder = try SessionRecorder.open(
            recording, logs: setup.policy.logs,
            context: .init(commandLine: command, environment: environment, engine: setup.engine))
        let status = try RunCommand.run(command, setup: setup, recorder: recorder)
        throw ExitCode(status)
    }
}
