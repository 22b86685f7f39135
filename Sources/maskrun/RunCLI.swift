import ArgumentParser
import Foundation
import MaskrunCore

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run COMMAND under a pseudo-terminal, masking its output (the default).",
        discussion: """
            Examples:
              maskrun make test
              maskrun --policy ci/maskrun.yml -- bash -eo pipefail script.sh
            """)

    @OptionGroup var masking: MaskingOptionGroup

    @Argument(parsing: .captureForPassthrough, help: "The command and its arguments.")
    var command: [String] = []

    func validate() throws {
        if command.isEmpty { throw ValidationError("no command given (see 'maskrun --help')") }
    }

    func run() throws {
        throw MaskrunFailure("running commands is not wired yet")
    }
}
