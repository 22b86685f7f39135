/// The options, of any subcommand, that take a value (`--policy FILE`), as
/// `ArgumentOrder` needs them to tell an option's value from the command to run.
///
/// The argument parser is the one description of the options; this is a copy of what its
/// own description (`--experimental-dump-help`) says, because building that description
/// cost about 27 M instructions, most of a start-up with options. Tests/e2e/test_cli.py
/// checks that the two agree, so an option added to the parser and not here fails there.
enum ValueOptions {
    static let names: Set<String> = [
        "--audit", "--display-name", "--flush-after", "--identity", "--idle-limit", "--kernel", "--log",
        "--log-format", "--mask-env", "--mask-values-from", "--name", "--policy", "--prefix", "--raw-log",
        "--raw-recipient", "--raw-recipients-file", "--speed", "-i", "-p",
    ]
}
