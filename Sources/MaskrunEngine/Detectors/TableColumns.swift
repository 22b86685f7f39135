/// A secret in the last column of a table a CLI prints aligned by spaces, under a header that
/// names it: `twilio api:core:keys:create` prints `SID  Friendly Name  Date Created  Secret`
/// and one row. The value is the row's last field and must start where its header does, so
/// a line that merely ends with a secret word stays.
extension BuiltinDetectors {
    static let secretTableColumn = Detector(
        id: "secret-table-column",
        description: "A value in the last column of a space-aligned table under a Secret, Token, Password or API Key header",
        pattern: #"^[^\r\n]{0,\#(TableColumn.lead)}?[^\s][ \t]{2,40}+\#(TableColumn.header)[ \t]*+\r?\n[^\r\n]{0,\#(TableColumn.lead)}?[^\s][ \t]{2,}+"#
            + Detector.valueStartMark + #"([^\s]{8,512}+)[ \t]*+(?=\r?\n|$)"#,
        group: 1,
        // The header word at its line's end: with the blanks before it, the keywords' first
        // three bytes (`  T`) were in every indented line.
        prefilter: Prefilter(keywords: TableColumn.headers.flatMap { [$0 + "\n", $0 + "\r\n"] }, lead: TableColumn.lead + 41),
        matchValidator: TableColumn.isAlignedSecret,
        marksValueStart: true,
        examples: [
            "SID                                 Friendly Name  Date Created                   Secret\nKY0a1b2c3d4e5f60718293a4b5c6d7e8f9  ci             Dec 02 2026 14:00:00 GMT+0000  «Tq8Wz3Lk5Rm2Xn7Vp4Bc9Hd6Jf1Gs0Ky»\n",
            "NAME      ROLE     TOKEN\ndeploy    writer   «Lq7Wz3Kx9Rb2Tm5V»\n",
        ],
        counterexamples: [
            "NAME      ROLE     TOKEN\ndeploy    writer   <none>\n", "NAME      ROLE     TOKEN\ndeploy    writer   ********\n",
            "Name      Kind     Secret\nweb       Pod                  running-since-2026\n",
            "We rotate the  Secret\nnightly, see the  runbook-for-rotation\n",
        ])
}

enum TableColumn {
    /// The most bytes before the last column.
    static let lead = 240
    /// Headers of a secret's column, as CLIs print them.
    static let headers = ["Secret", "SECRET", "Token", "TOKEN", "Password", "PASSWORD", "API Key", "API KEY", "Secret Key", "SECRET KEY"]
    static var header: String { "(?:" + headers.map { $0.replacingOccurrences(of: " ", with: "[ ]") }.joined(separator: "|") + ")" }

    /// The value starts at its header's column, and is not a stand-in.
    static let isAlignedSecret: MaskRule.MatchValidator = { match, value, mayGrow in
        guard let lineBreak = match.firstIndex(of: UInt8(ascii: "\n")) else { return false }
        var headerEnd = lineBreak
        while headerEnd > match.startIndex, [UInt8(ascii: "\r"), UInt8(ascii: " "), UInt8(ascii: "\t")].contains(match[headerEnd - 1]) { headerEnd -= 1 }
        let header = match[match.startIndex..<headerEnd]
        // The header word's column: after the last run of two blanks.
        var headerStart = header.endIndex
        while headerStart > header.startIndex + 1, !(header[headerStart - 1] == UInt8(ascii: " ") && header[headerStart - 2] == UInt8(ascii: " ")) { headerStart -= 1 }
        guard headerStart - header.startIndex == value.startIndex - (lineBreak + 1) else { return false }
        return mayGrow || (!ValueShape.isStandIn(value) && !ValueShape.isReference(value) && RandomToken.looksRandom(value))
    }
}
