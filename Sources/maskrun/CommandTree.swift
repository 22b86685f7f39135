import ArgumentParser

/// maskrun's subcommands, read from the commands' own configurations, so that a new
/// subcommand needs no second list here. (The options that take a value are in
/// `ValueOptions`, checked against the parser's description by a test.)
struct CommandTree {
    let name: String
    /// Subcommands by name; hidden ones (`run`) included, `help` excluded.
    let subcommands: [String: CommandTree]
    /// Whether the parser shows it in help (the hidden `run` is still a subcommand).
    let isVisible: Bool

    init(of command: ParsableCommand.Type) {
        name = command._commandName
        isVisible = command.configuration.shouldDisplay
        var children: [String: CommandTree] = [:]
        for child in command.configuration.subcommands {
            let tree = CommandTree(of: child)
            children[tree.name] = tree
        }
        subcommands = children
    }

    /// The subcommands a user may type, for messages and suggestions.
    var visibleSubcommandNames: [String] {
        subcommands.values.filter(\.isVisible).map(\.name).sorted()
    }
}
