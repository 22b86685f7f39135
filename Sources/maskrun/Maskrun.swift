import ArgumentParser
import Foundation
import MaskrunCore

/// The entry point: parse, run, and turn every failure into maskrun's exit codes
/// (125 for maskrun's own failures, so they cannot be confused with the command's).
@main
struct Maskrun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maskrun",
        abstract: "Run a command under a pseudo-terminal and mask secrets in everything it prints.",
        usage: """
            maskrun [OPTIONS] [--] COMMAND [ARG...]
              maskrun filter [OPTIONS]
              maskrun replay [OPTIONS] FILE
              maskrun policy check|test|show ...
            """,
        discussion: """
            Options for running a command (--policy, --mask-env, --log, ...): maskrun help run

            Examples:
              maskrun make deploy
              maskrun --mask-env DEPLOY_KEY -- ./deploy.sh --verbose
              kubectl logs -f deploy/api | maskrun filter
            """,
        version: MaskrunVersion.string,
        subcommands: [Run.self, Filter.self, Replay.self, PolicyGroup.self, KernelGroup.self],
        defaultSubcommand: Run.self)

    static func main() {
        do {
            try ProcessGuard.startUp()
        } catch {
            Diagnostics.error(error.message)
            Foundation.exit(125)
        }
        // SPEC §1: options anywhere; only the listed subcommands are maskrun's, and any
        // other first word, `run` included, is the command to run.
        let given = Array(CommandLine.arguments.dropFirst())
        let arguments: [String]
        switch ArgumentOrder(tree: CommandTree(of: Maskrun.self)).arrange(given) {
        case .parse(let words): arguments = words
        case .failure(let message):
            Diagnostics.error(message)
            Foundation.exit(125)
        }
        do {
            if let plain = PlainCommandLine(arguments) {
                try plain.run()
            } else {
                var command = try parseAsRoot(arguments)
                try command.run()
            }
        } catch let failure as MaskrunFailure {
            Diagnostics.error(failure.message)
            Foundation.exit(failure.exitCode)
        } catch let exit as ExitCode {
            Foundation.exit(exit.rawValue)

        } catch {
            let code = exitCode(for: error)
            if code == .success {
                self.exit(withError: error)  // --help, --version
            }
            // ArgumentParser's "Error: " prefix gives way to maskrun's own.
            var message = fullMessage(for: error)
            if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
            // `maskrun run --help` would run a program called run.
            message = message.replacingOccurrences(of: "'maskrun run --help'", with: "'maskrun help run'")
            Diagnostics.error(message)
            Foundation.exit(125)
        }
    }
}
