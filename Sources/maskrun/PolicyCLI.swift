import ArgumentParser
import Foundation
import MaskrunCore
import MaskrunPolicy
import MaskrunTerminal

struct PolicyGroup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Validate, try out and print masking policies.",
        discussion: """
            A policy is read from --policy, else MASKRUN_POLICY, else
            $XDG_CONFIG_HOME/maskrun/policy.yml (or ~/.config/maskrun/policy.yml) if it
            exists; otherwise the built-in default policy applies. Never from the working
            directory. See maskrun(1), POLICY FILE, for every key.

            Examples:
              maskrun policy check ci/maskrun.yml
              maskrun policy test --policy ci/maskrun.yml < sample.log
              maskrun policy show --builtin
            """,
        subcommands: [Check.self, Test.self, Show.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Validate a policy file (exit 0 valid, 1 invalid).",
            discussion: """
                Without FILE, checks the policy maskrun would use: MASKRUN_POLICY, then
                $XDG_CONFIG_HOME/maskrun/policy.yml or ~/.config/maskrun/policy.yml, else
                the built-in default. Problems are reported as FILE:LINE:COLUMN: message.

                Examples:
                  maskrun policy check ci/maskrun.yml
                  MASKRUN_POLICY=ci/maskrun.yml maskrun policy check
                """)

        @Argument(help: "Policy file.", completion: .file()) var file: String?

        func run() throws {
            let status = PolicyCommands.check(path: file, environment: ProcessInfo.processInfo.environment, output: Diagnostics.output)
            if status != 0 { throw ExitCode(status) }
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Show what would be masked in FILE (or stdin), and by which rule.",
            discussion: """
                Each match is printed as [[rule-id: value]], with a count per rule on
                stderr; matches are highlighted on a terminal unless NO_COLOR is set or
                TERM is dumb. It prints the values it finds: use it on test data.

                Examples:
                  printf 'DB_PASSWORD=hunter22\\n' | maskrun policy test
                  maskrun policy test --policy ci/maskrun.yml build.log
                """)

        @Option(name: [.short, .long], help: ArgumentHelp("Policy file.", valueName: "file"), completion: .file()) var policy: String?
        @Argument(help: "Input file, or - for stdin.", completion: .file()) var file: String = "-"

        func run() throws {
            var options = MaskingOptions()
            options.policyPath = policy
            let setup = try options.setup(environment: ProcessInfo.processInfo.environment, defaultFlush: .seconds(1), standardInput: { [] })
            // Read as a stream, so that a pipe or device (`<(cmd)`, /dev/null) works too.
            let data = try readAll(file)
            // Colour only on a terminal, not for TERM=dumb, not when NO_COLOR is set and
            // not empty (no-color.org).
            let environment = ProcessInfo.processInfo.environment
            let color = isTerminal(fd: 1) && (environment["NO_COLOR"] ?? "").isEmpty
                && environment["TERM"] != "dumb"
            let result = PolicyCommands.test(engine: setup.engine, input: data, color: color)
            FileHandle.standardOutput.write(Data(result.output))
            FileHandle.standardError.write(Data("maskrun: \(result.summary)\n".utf8))
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print the effective policy, built-in detectors included.",
            discussion: """
                With --builtin, lists every built-in detector: id, confidence, whether the
                policy has it on, and what it finds. Use the ids in the policy's disable list.

                Examples:
                  maskrun policy show
                  maskrun policy show --policy ci/maskrun.yml --builtin
                """)

        @Option(name: [.short, .long], help: ArgumentHelp("Policy file.", valueName: "file"), completion: .file()) var policy: String?
        @Flag(help: "List every built-in detector with its confidence and description.") var builtin = false

        func run() throws {
            let source = PolicySource.resolve(explicit: policy, environment: ProcessInfo.processInfo.environment)
            let loaded: Policy
            do { loaded = try source.load() } catch { throw MaskrunFailure(error.description) }
            let text = builtin ? PolicyCommands.showBuiltin(policy: loaded) : PolicyCommands.show(policy: loaded, sourceName: source.name)
            // Not masked, as `policy test` is not: it shows the policy as written and the
            // catalogue's own descriptions (`postgres://user:password@host`), never a value
            // or a command's output, and masking would garble what it exists to show.
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
