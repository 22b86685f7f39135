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
              maskrun policy check|test|show ...
            """,
        discussion: """
            Examples:
              maskrun make deploy
              maskrun --mask-env DEPLOY_KEY -- ./deploy.sh --verbose
              kubectl logs -f deploy/api | maskrun filter
            """,
        version: MaskrunVersion.string,
        subcommands: [Run.self, Filter.self, PolicyGroup.self],
        defaultSubcommand: Run.self)

    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
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
            Diagnostics.error(fullMessage(for: error))
            Foundation.exit(125)
        }
    }
}
