/// The keywords that start at one place of a text, whole or cut off by its end, found by a
/// table of their first two (folded) bytes: used for the last bytes of every read, where a
/// keyword may be cut off and where Vectorscan was seen to miss some. Every read (a typed
/// key's echo too) searches up to 64 such places; comparing there every keyword with the
/// same first byte (a hundred and more share `s` or `p`) was most of a small read's cost.
/// The keywords' bytes are kept in one array, so a comparison copies nothing.
struct KeywordTail: Sendable {
    private struct Entry: Sendable {
        let offset: Int32
        let length: Int32
        let rule: Int32
        let caseless: Bool
    }

    /// Every keyword's bytes, one after another (folded where caseless).
    private let bytes: [UInt8]
    private let entries: [Entry]
    /// Per pair of folded first bytes (`first << 8 | second`), where its keywords start in
    /// `pairEntries`.
    private let pairStart: [Int32]
    private let pairEntries: [Int32]
    /// By the first folded byte: all keywords (for the text's last byte, where only one byte
    /// is there to compare), and those of one byte (beside a pair's).
    private let firstStart: [Int32]
    private let firstEntries: [Int32]
    private let singleStart: [Int32]
    private let singleEntries: [Int32]

    init(_ keywords: [KeywordIndex.Keyword]) {
        var bytes: [UInt8] = []
        var entries: [Entry] = []
        var first: [Int] = []
        var pair: [Int] = []
        var single: [Int] = []
        for keyword in keywords {
            entries.append(Entry(
                offset: Int32(bytes.count), length: Int32(keyword.bytes.count), rule: Int32(keyword.rule),
                caseless: keyword.caseless))
            bytes += keyword.bytes
            let head = Int(fold(keyword.bytes[0]))
            first.append(head)
            pair.append(keyword.bytes.count > 1 ? head << 8 | Int(fold(keyword.bytes[1])) : -1)
            single.append(keyword.bytes.count > 1 ? -1 : head)
        }
        (pairStart, pairEntries) = KeywordTail.table(count: 1 << 16, keys: pair)
        (firstStart, firstEntries) = KeywordTail.table(count: 256, keys: first)
        (singleStart, singleEntries) = KeywordTail.table(count: 256, keys: single)
        self.bytes = bytes
        self.entries = entries
    }

    /// A table from keys to entries (`keys[entry]`, -1 for none): where each key's entries
    /// start (`count + 1` places), and the entries' indices in key order.
    private static func table(count: Int, keys: [Int]) -> ([Int32], [Int32]) {
        var start = [Int32](repeating: 0, count: count + 1)
        for key in keys where key >= 0 { start[key + 1] &+= 1 }
        for key in 0..<count { start[key + 1] &+= start[key] }
        var next = start
        var list = [Int32](repeating: 0, count: Int(start[count]))
        for (entry, key) in keys.enumerated() where key >= 0 {
            list[Int(next[key])] = Int32(entry)
            next[key] &+= 1
        }
        return (start, list)
    }

    /// Calls `found` with the rule of every keyword that starts at `start` in `text`, or
    /// whose beginning fills `text` from there to its end.
    @inline(__always)
    func forEachRule(startingAt start: Int, in text: UnsafeBufferPointer<UInt8>, _ found: (Int) -> Void) {
        let head = Int(fold(text[start]))
        if text.count - start >= 2 {
            compare(pairStart, pairEntries, key: head << 8 | Int(fold(text[start + 1])), at: start, in: text, found)
            compare(singleStart, singleEntries, key: head, at: start, in: text, found)
        } else {
            compare(firstStart, firstEntries, key: head, at: start, in: text, found)
        }
    }

    @inline(__always)
    private func compare(
        _ table: [Int32], _ list: [Int32], key: Int, at start: Int, in text: UnsafeBufferPointer<UInt8>, _ found: (Int) -> Void
    ) {
        let available = text.count - start
        bytes.withUnsafeBufferPointer { keywordBytes in
            entries.withUnsafeBufferPointer { entries in
                for slot in Int(table[key])..<Int(table[key + 1]) {
                    let entry = entries[Int(list[slot])]
                    let offset = Int(entry.offset)
                    var matches = true
                    for index in 0..<min(Int(entry.length), available) {
                        let byte = entry.caseless ? fold(text[start + index]) : text[start + index]
                        if byte != keywordBytes[offset + index] {
                            matches = false
                            break
                        }
                    }
                    if matches { found(Int(entry.rule)) }
                }
            }
        }
    }
}
