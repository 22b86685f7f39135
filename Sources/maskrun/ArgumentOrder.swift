import MaskrunPolicy

/// SPEC §1: maskrun's options may stand before or after a subcommand's name. This puts
/// the words of a command line in the order the argument parser expects, without
/// changing what any of them means:
///
/// - The first word that is neither an option nor an option's value picks the
///   subcommand when it is one (`maskrun --policy p.yml filter` is `maskrun filter
///   --policy p.yml`); under a group (`policy`) the next such word picks within it.
/// - Any other word is the command to run, with every word after it its own
///   (`maskrun make -j4`); so is every word after `--` (`maskrun -- filter`).
/// - `--help` and `-h` among maskrun's words ask for help and never run anything;
///   `maskrun help X Y` is `maskrun X Y --help`, and an unknown X is an error.
///
/// An unknown option is left where it is, for the parser to reject with a suggestion.
struct ArgumentOrder {
    enum Result: Equatable {
        /// The words to hand to the parser.
        case parse([String])
        /// A mistake the parser would not report well (exit 125).
        case failure(String)
    }

    let tree: CommandTree

    /// The argument parser's own entry points (completion scripts, the JSON description,
    /// the completion scripts' callbacks `---completion`): handed over untouched.
    static let parserEntryPoints = ["--generate-completion-script", "--experimental-dump-help", "---"]

    func arrange(_ arguments: [String]) -> Result {
        if let first = arguments.first, Self.parserEntryPoints.contains(where: { first.hasPrefix($0) }) {
            return .parse(arguments)
        }
        var path: [String] = []
        var node = tree
        var options: [String] = []
        var wantsHelp = false
        var wantsVersion = false
        var helpTopic: [String]?
        var index = 0

        while index < arguments.count {
            let word = arguments[index]
            if word == "--" {
                // After `--`: the command to run, or a subcommand's own arguments.
                if path.isEmpty && helpTopic == nil {
                    return runOrHelp(options, command: Array(arguments[(index + 1)...]), wantsHelp, wantsVersion)
                }
                options += arguments[index...]
                break
            }
            if word.count > 1 && word.hasPrefix("-") {
                options.append(word)
                if word == "--help" || word == "-h" { wantsHelp = true }
                if word == "--version" && path.isEmpty { wantsVersion = true }
                if !word.contains("="), ValueOptions.names.contains(word), index + 1 < arguments.count {
                    options.append(arguments[index + 1])
                    index += 2
                } else {
                    index += 1
                }
                continue
            }
            if helpTopic != nil {
                // `maskrun help policy test`: each word must name a subcommand.
                guard let child = node.subcommands[word] else {
                    return .failure(unknownSubcommand(word, under: [tree.name] + path, node))
                }
                helpTopic?.append(word)
                path.append(word)
                node = child
                index += 1
                continue
            }
            if path.isEmpty && word == "help" {
                helpTopic = []
                index += 1
                continue
            }
            if let child = node.subcommands[word], !(path.isEmpty && word == "run") {
                path.append(word)
                node = child
                index += 1
                continue
            }
            if path.isEmpty {
                return runOrHelp(options, command: Array(arguments[index...]), wantsHelp, wantsVersion)
            }
            if !node.subcommands.isEmpty {
                // A group whose next word is no subcommand of it.
                return .failure(unknownSubcommand(word, under: [tree.name] + path, node))
            }
            // A leaf subcommand: its own words keep their order.
            options += arguments[index...]
            break
        }
        if let topic = helpTopic { return .parse(topic + ["--help"]) }
        if path.isEmpty { return runOrHelp(options, command: [], wantsHelp, wantsVersion) }
        return .parse(path + options)
    }

    /// The words for `run`, or for maskrun's own help or version when they were asked for.
    private func runOrHelp(_ options: [String], command: [String], _ wantsHelp: Bool, _ wantsVersion: Bool) -> Result {
        if wantsHelp { return .parse(["--help"]) }
        if wantsVersion { return .parse(["--version"]) }
        // No command: the parser says what is missing (or prints its version).
        if command.isEmpty { return .parse(options) }
        return .parse(["run"] + options + ["--"] + command)
    }

    private func unknownSubcommand(_ word: String, under path: [String], _ node: CommandTree) -> String {
        let names = node.visibleSubcommandNames
        var message = "unknown subcommand '\(word)' for '\(path.joined(separator: " "))'"
        if let near = Suggestion.closest(to: word, among: names) { message += "; did you mean '\(near)'?" }
        return message + " (subcommands: \(names.joined(separator: ", ")))"
    }
}
