import Testing
@testable import MaskrunEngine

/// SPEC §3: what pagers, `man` and redrawing programs insert is transparent to matching, as
/// colour is; the bytes around the replacement stay as they were.
@Suite struct TerminalRewriteTests {
    static let token = "ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY"
    static let esc = "\u{1B}"

    /// Each case: input, and the output expected, written by hand.
    static let cases: [(String, String)] = [
        // less breaks a long line with ` \b` (after `ESC [ m`).
        ("x ghp_R2d9Xc8LQm4Z\(esc)[m \u{8}pT7vW1yK3nB6sH0aJfE5uGxY y\n", "x [MASKED:github-token]\(esc)[m y\n"),
        // man's bold (X\bX) and underline (_\bX), each character drawn over.
        ("x " + token.map { "\($0)\u{8}\($0)" }.joined() + " y\n", "x [MASKED:github-token] y\n"),
        // (The first underline stands before the replacement: it draws no secret.)
        ("x " + token.map { "_\u{8}\($0)" }.joined() + " y\n", "x _\u{8}[MASKED:github-token] y\n"),
        // Bold and underline around a secret stay.
        ("N\u{8}NA\u{8}AM\u{8}ME\u{8}E ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY _\u{8}o_\u{8}k\n",
         "N\u{8}NA\u{8}AM\u{8}ME\u{8}E [MASKED:github-token] _\u{8}o_\u{8}k\n"),
        // A line drawn again with more of the token.
        ("id: ghp_R2d9Xc8L\rid: ghp_R2d9Xc8LQm4ZpT7vW1yK3nB6sH0aJfE5uGxY ok\n", "id: [MASKED:github-token] ok\n"),
        // A redraw of a line holding a masked secret is the masked line again.
        ("a \(token) b\ra \(token) b c\n", "a [MASKED:github-token] b\ra [MASKED:github-token] b c\n"),
        // A progress bar: other text after the carriage return, unchanged.
        ("50%\r60%\r100%\r\n", "50%\r60%\r100%\r\n"),
        // Cursor forward inside a token.
        ("x ghp_R2d9Xc8LQm4Z\(esc)[2CpT7vW1yK3nB6sH0aJfE5uGxY y\n", "x [MASKED:github-token]\(esc)[2C y\n"),
        // Backspaces that erase typed keys do not hide a secret typed after them.
        ("$ echo a\u{8} \u{8}\(token)\n", "$ echo a\u{8} \u{8}[MASKED:github-token]\n"),
    ]

    @Test(arguments: cases.indices)
    func aRewriteIsTransparentWhereverTheStreamIsSplit(index: Int) {
        let (input, expected) = Self.cases[index]
        let engine = defaultEngine()
        #expect(text(engine.mask(bytes(input))) == expected)
        let all = bytes(input)
        for cut in 1..<all.count {
            if let difference = firstDifference(feedInPieces(engine, all, sizes: [cut]), bytes(expected)) {
                Issue.record("split at \(cut): \(difference)")
                return
            }
        }
    }

    /// A prompt with no newline shows at once, not after the flush window, whatever its last
    /// character: the splitter keeps a read's last character back in case a backspace draws
    /// over it, and the stream makes it text at once instead (putting it back if a backspace
    /// does come), so the rules judge the prompt as it stands.
    @Test(arguments: [
        "$ ", "[y/N] ", "Continue? ", "> ", "user@host:~$ ", "root@box:/srv# ", "password:", "Password: ",
        "Enter PIN:", "Password for 'https://ci@git.example.org': ",
        "Enter passphrase for key '/root/.ssh/id_ed25519':",
    ])
    func aPromptIsWrittenAtOnceWhateverItsLastCharacter(prompt: String) {
        let stream = MaskingStream(engine: defaultEngine())
        #expect(text(stream.feed(bytes("output\n" + prompt))) == "output\n" + prompt)
        #expect(!stream.hasPending)
        // A backspace that follows later still reaches the terminal as it came.
        #expect(text(stream.feed(bytes("\u{8}x\n"))) == "\u{8}x\n")
    }

    /// Bold and underlined text cut right after a character and before the backspace that
    /// draws over it, where nothing is held: the character is written at once, and the rules
    /// still see the text as if it had come in one read, at every pair of cuts. (Written
    /// by hand: the bold name stays as it came, its value is one replacement.)
    @Test(arguments: [
        (
            TerminalRewriteTests.bold("password=hunter22x") + "\n",
            TerminalRewriteTests.bold("password=") + "[MASKED:secret-field]\n"
        ),
        ("id " + TerminalRewriteTests.underlined(TerminalRewriteTests.token) + " ok\n", "id _\u{8}[MASKED:github-token] ok\n"),
        ("$ " + TerminalRewriteTests.bold(TerminalRewriteTests.token) + "\n", "$ [MASKED:github-token]\n"),
    ])
    func overstrikeCutBeforeItsBackspaceIsSeenWhole(input: String, expected: String) {
        let engine = defaultEngine()
        let all = bytes(input)
        #expect(text(engine.mask(all)) == expected)
        for first in 1..<all.count {
            for second in stride(from: first + 1, to: all.count, by: 3) {
                if let difference = firstDifference(feedInPieces(engine, all, sizes: [first, second - first]), bytes(expected)) {
                    Issue.record("cut at \(first) and \(second): \(difference)")
                    return
                }
            }
        }
    }

    static func bold(_ text: String) -> String { text.map { "\($0)\u{8}\($0)" }.joined() }
    static func underlined(_ text: String) -> String { text.map { "_\u{8}\($0)" }.joined() }

    /// A space at the end of a read inside a possible secret (less's ` \b` at a wrap) is
    /// still kept back, so the token is not split by it.
    @Test func aSpaceAfterAPossibleSecretIsStillKeptBack() {
        let stream = MaskingStream(engine: defaultEngine())
        let first = text(stream.feed(bytes("x ghp_R2d9Xc8LQm4Z ")))
        let rest = text(stream.feed(bytes("\u{8}pT7vW1yK3nB6sH0aJfE5uGxY y\n")))
        #expect(first + rest == "x [MASKED:github-token] y\n")
    }

    /// Keys typed after a prompt and echoed one by one, each after a pause (a flush): the
    /// first key is masked at once, though a finished value of fewer than 4 characters would
    /// not be taken for a password; each key after it is one more `*`.
    /// The same on a terminal that can be redrawn (80 columns) and in a pipe or log (nil).
    @Test(arguments: [80, nil] as [Int?])
    func keysTypedAfterAPasswordPromptReadAsOneGrowingMask(columns: Int?) {
        let stream = MaskingStream(engine: defaultEngine())
        stream.redrawColumns = columns
        var output: [UInt8] = []
        for piece in ["Password: ", "h", "u", "n", "t", "e", "r", "\u{8} \u{8}", "2", "\r\n", "Password: "] {
            output += stream.feed(bytes(piece))
            output += stream.flush()
        }
        output += stream.finish()
        #expect(text(output) == "Password: [MASKED:secret-field]*****\u{8} \u{8}*\r\nPassword: ")
    }

    /// A token typed key by key, each key echoed after a pause (a flush), then Enter.
    static func typed(_ before: String, columns: Int?) -> String {
        let stream = MaskingStream(engine: defaultEngine())
        stream.redrawColumns = columns
        var output = stream.feed(bytes(before)) + stream.flush()
        for key in token {
            output += stream.feed(bytes(String(key)))
            output += stream.flush()
        }
        output += stream.feed(bytes("\r\n")) + stream.finish()
        return text(output)
    }

    @Test func aTokenTypedKeyByKeyIsRedrawnMaskedWhereItStands() {
        // The last key completes the token: it is masked at once; the keys before it were
        // shown, and are drawn over.
        let shown = String(Self.token.dropLast())
        let back = String(repeating: "\u{8}", count: shown.count)
        let mask = "[MASKED:github-token]"
        #expect(Self.typed("$ ", columns: 80) == "$ " + shown + back + mask + "\(Self.esc)[K\r\n")
        // Not when the line would not fit, not when it holds sequences, not when off.
        #expect(Self.typed("$ ", columns: 40) == "$ " + shown + mask + "\r\n")
        #expect(Self.typed("\(Self.esc)[1m$ ", columns: 80) == "\(Self.esc)[1m$ " + shown + mask + "\r\n")
        #expect(Self.typed("$ ", columns: nil) == "$ " + shown + mask + "\r\n")
    }
}
