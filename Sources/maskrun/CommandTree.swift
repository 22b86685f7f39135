import ArgumentParser
import Foundation

/// maskrun's subcommands and the options that take a value, read from the argument
/// parser's own description of the commands (the JSON behind `--experimental-dump-help`),
/// so that a new subcommand or option needs no second list here.
struct CommandTree {
    let name: String
    /// Subcommands by name; hidden ones (`run`) included, `help` excluded.
    let subcommands: [String: CommandTree]
    /// `--policy`, `-p`, ...: the names, with their dashes, of options that take a value.
    let valueOptions: Set<String>
    /// Whether the parser shows it in help (the hidden `run` is still a subcommand).
    let isVisible: Bool

    /// The tree of `command`, built from its `_dumpHelp()` description; nil should the
    /// parser's JSON ever change shape.
    init?(of command: ParsableCommand.Type) {
        guard let info = try? JSONDecoder().decode(Dump.self, from: Data(command._dumpHelp().utf8)) else {
            return nil
        }
        self.init(info.command)
    }

    private init(_ info: Dump.Command) {
        name = info.commandName
        isVisible = info.shouldDisplay ?? true
        var children: [String: CommandTree] = [:]
        for child in info.subcommands ?? [] where child.commandName != "help" {
            children[child.commandName] = CommandTree(child)
        }
        subcommands = children
        var values: Set<String> = []
        for argument in info.arguments ?? [] where argument.kind != "positional" {
            for name in argument.names ?? [] {
                let spelled = (name.kind == "long" ? "--" : "-") + name.name
                if argument.kind == "option" { values.insert(spelled) }
            }
        }
        valueOptions = values
    }

    /// The value-taking options of this command and every command below it.
    var allValueOptions: Set<String> {
        subcommands.values.reduce(valueOptions) { $0.union($1.allValueOptions) }
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
            var shouldDisplay: Bool?
            var subcommands: [Command]?
            var arguments: [Argument]?
        }
        var command: Command
    }
}
