import ArgumentParser
import Foundation

/// maskrun's subcommands and the options that take a value, read from the argument
/// parser's own description of the commands, so that a new subcommand or option needs no
/// second list here. The subcommands come from the commands' configurations; the options
/// from the JSON behind `--experimental-dump-help`, which costs a good part of a start-up
/// to build, so only when a command line has an option to look up (`allValueOptions`).
struct CommandTree {
    let name: String
    /// Subcommands by name; hidden ones (`run`) included, `help` excluded.
    let subcommands: [String: CommandTree]
    /// Whether the parser shows it in help (the hidden `run` is still a subcommand).
    let isVisible: Bool
    private let command: ParsableCommand.Type

    init(of command: ParsableCommand.Type) {
        self.command = command
        name = command._commandName
        isVisible = command.configuration.shouldDisplay
        var children: [String: CommandTree] = [:]
        for child in command.configuration.subcommands {
            let tree = CommandTree(of: child)
            children[tree.name] = tree
        }
        subcommands = children
    }

    /// `--policy`, `-p`, ...: the names, with their dashes, of the options that take a value
    /// in this command and every command below it, from its `_dumpHelp()` description; nil
    /// should the parser's JSON ever change shape.
    func allValueOptions() -> Set<String>? {
        guard let info = try? JSONDecoder().decode(Dump.self, from: Data(command._dumpHelp().utf8)) else {
            return nil
        }
        return CommandTree.valueOptions(info.command)
    }

    private static func valueOptions(_ info: Dump.Command) -> Set<String> {
        var values: Set<String> = []
        for argument in info.arguments ?? [] where argument.kind == "option" {
            for name in argument.names ?? [] {
                values.insert((name.kind == "long" ? "--" : "-") + name.name)
            }
        }
        for child in info.subcommands ?? [] where child.commandName != "help" {
            values.formUnion(valueOptions(child))
        }
        return values
    }

    /// The subcommands a user may type, for messages and suggestions.
    var visibleSubcommandNames: [String] {
        subcommands.values.filter(\.isVisible).map(\.name).sorted()
    }

    /// The parts of ArgumentParser's ToolInfo JSON that this needs.
    private struct Dump: Decodable {
        struct Name: Decodable {
            var kind: String
            var name: String
        }
        struct Argument: Decodable {
            var kind: String
            var names: [Name]?
        }
        struct Command: Decodable {
            var commandName: String
            var subcommands: [Command]?
            var arguments: [Argument]?
        }
        var command: Command
    }
}
