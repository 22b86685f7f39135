import CPCRE2
import Foundation

/// A test on the bytes at a keyword hit that rules a match out there before PCRE2 runs.
/// Most of the name detector's hits are prose ("token renewed", "/api/v1"), and its pattern
/// is large: trying it anchored at each hit was most of the default policy's PCRE2 time.
///
/// The contract a rule keeps: a match at a hit either begins with one of `alwaysTried`
/// (a flag's `--`), or is a name, a run of bytes of `nameClass`, followed by a match of
/// `joint` where the run ends (the name consumes a whole run of at most `longestName`
/// bytes). So when the run is short enough and ends before the input does, the next two
/// bytes must begin a match of `joint`. Whether a pair can is asked of PCRE2 itself, by
/// partial matching of `joint` on it, the first time the pair follows a name in the process,
/// and remembered: the table follows the pattern it is built from, and a pattern PCRE2
/// cannot vouch for (one that looks back behind its start, or does not compile) rules
/// nothing out. (Asking all 65,536 pairs up front cost 7 M instructions per gate, and a
/// stream meets a few dozen.)
///
/// A joint may also begin with a word the two bytes cannot judge (`secret-tuple`'s Go type
/// in `pass string = "v"`, which lets `password reset` through): given as a `Word`, the
/// gate skips the white space and the word, and asks the pairs of what follows it instead.
public struct JointGate: Sendable {
    let table: JointTable
    let singleDashLetters: Int?
    let word: JointTable?

    /// The branch `[ \t]++` + a word (a byte of `first`, then a whole run of `rest`,
    /// possessive) + `joint` of a rule's joint, apart from its other branches.
    public struct Word: Sendable {
        let first: @Sendable () -> String
        let rest: @Sendable () -> String
        let longest: Int
        let joint: @Sendable () -> String

        /// `first`, `rest`: PCRE2 character classes (case sensitive); `longest`: the longest
        /// word the gate reads before it gives up (rules nothing out).
        public init(
            first: @autoclosure @escaping @Sendable () -> String, rest: @autoclosure @escaping @Sendable () -> String,
            longest: Int, joint: @autoclosure @escaping @Sendable () -> String
        ) {
            self.first = first
            self.rest = rest
            self.longest = longest
            self.joint = joint
        }
    }

    /// `nameClass`: a PCRE2 character class, such as `[A-Za-z0-9_.-]`, matched without case
    /// as the name is; `joint`: the PCRE2 pattern that follows the name (both written only
    /// when the table is built).
    public init(
        nameClass: @autoclosure @escaping @Sendable () -> String, longestName: Int,
        joint: @autoclosure @escaping @Sendable () -> String, alwaysTried: [String], singleDashLetters: Int? = nil,
        word: Word? = nil
    ) {
        self.singleDashLetters = singleDashLetters
        table = JointTable(
            nameClass: nameClass, longestName: longestName, joint: joint, alwaysTried: alwaysTried.map { Array($0.utf8) })
        self.word = word.map { word in
            JointTable(nameClass: word.rest, longestName: word.longest, joint: word.joint, alwaysTried: [], first: word.first)
        }
    }

    /// True when no match of the rule can start at `text[start]` (with or without more input
    /// after `text`, as partial matching would find it).
    @inline(__always)
    func rulesOut(at start: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let tables = table.tables else { return false }
        let end = text.count
        // One of them, or its beginning cut off by the end.
        for prefix in table.alwaysTried {
            let available = min(prefix.count, end - start)
            if (0..<available).allSatisfy({ text[start + $0] == prefix[$0] }) { return false }
        }
        if let letters = singleDashLetters, followsSingleDash(start, text, letters: letters) { return false }
        let limit = min(end, start + table.longestName + 1)
        var position = start
        while position < limit && tables.isNameByte(text[position]) { position += 1 }
        // A longer name may end inside the run; a run cut by the end may go on.
        guard position - start <= table.longestName, position < end else { return false }
        guard tables.rulesOutJoint(at: position, in: text) else { return false }
        guard let word else { return true }
        return rulesOutWord(at: position, in: text, word)
    }

    /// Whether no match of `word`'s branch (white space, the word, its joint) starts at
    /// `text[start]`: the blanks and the word are whole runs, so its joint starts where they end.
    private func rulesOutWord(at start: Int, in text: UnsafeBufferPointer<UInt8>, _ word: JointTable) -> Bool {
        guard let tables = word.tables else { return false }
        let end = text.count
        var position = start
        while position < end && (text[position] == 32 || text[position] == 9) { position += 1 }
        if position == start { return true }
        guard position < end else { return false }
        guard tables.mayBeginWord(text[position]) else { return true }
        let limit = min(end, position + word.longestName + 1)
        let wordStart = position
        position += 1
        while position < limit && tables.isNameByte(text[position]) { position += 1 }
        guard position - wordStart <= word.longestName, position < end else { return false }
        return tables.rulesOutJoint(at: position, in: text)
    }
}

extension JointGate {
    /// Whether `text[start]` follows `-` and at most `letters` ASCII letters or digits, the
    /// dash after white space (as PCRE2's `\s`), a quote or `(`: the name detector's
    /// single-dash look-behind, on the same bytes PCRE2 would see.
    @inline(__always)
    func followsSingleDash(_ start: Int, _ text: UnsafeBufferPointer<UInt8>, letters: Int) -> Bool {
        var position = start - 1
        var count = 0
        while position >= 0, count <= letters, text[position].isASCIIAlphanumeric {
            position -= 1
            count += 1
        }
        guard count <= letters, position >= 1, text[position] == UInt8(ascii: "-") else { return false }
        switch text[position - 1] {
        case 9...13, 32, UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: "`"): return true
        default: return false
        }
    }
}

private extension UInt8 {
    var isASCIIAlphanumeric: Bool {
        (48...57).contains(self) || (65...90).contains(self) || (97...122).contains(self)
    }
}

/// The gate's tables, shared by every stream: the name's bytes, found at the first hit, and
/// which bytes and pairs may begin the joint, each asked of PCRE2 the first time it is met.
/// Read without a lock (words published with release stores); only asking takes it.
final class JointTable: @unchecked Sendable {
    /// A view of the words, copied by value on every hit (no reference counting).
    struct Tables {
        fileprivate let words: UnsafeMutablePointer<UInt>
        fileprivate let table: Unmanaged<JointTable>

        @inline(__always)
        func isNameByte(_ byte: UInt8) -> Bool { words[Layout.nameBytes + Int(byte >> 6)] >> UInt(byte & 63) & 1 != 0 }
        /// For a `JointGate.Word`: whether `byte` may begin the word (name bytes go on with it).
        @inline(__always)
        func mayBeginWord(_ byte: UInt8) -> Bool { words[Layout.wordFirst + Int(byte >> 6)] >> UInt(byte & 63) & 1 != 0 }

        /// Whether no match of the joint starts at `text[position]`, a position before the end.
        @inline(__always)
        func rulesOutJoint(at position: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
            if position + 1 == text.count {
                return !allows(Int(text[position]), known: Layout.knownFirst, allowed: Layout.allowedFirst)
            }
            let pair = Int(text[position]) << 8 | Int(text[position + 1])
            return !allows(pair, known: Layout.knownPairs, allowed: Layout.allowedPairs)
        }

        @inline(__always)
        private func allows(_ index: Int, known: Int, allowed: Int) -> Bool {
            let bit = UInt(1) << UInt(index & 63)
            if maskrun_load_acquire(words + known + index >> 6) & bit != 0 {
                return maskrun_load_acquire(words + allowed + index >> 6) & bit != 0
            }
            return table._withUnsafeGuaranteedRef { $0.learn(index, pair: known == Layout.knownPairs) }
        }
    }

    /// Where each table lies in `words`, in words of 64 bits.
    fileprivate enum Layout {
        /// 0 not built yet, 1 usable, 2 rules nothing out.
        static let state = 0
        static let nameBytes = 1, wordFirst = 5, knownFirst = 9, allowedFirst = 13
        static let knownPairs = 17, allowedPairs = 17 + 1024
        static let count = 17 + 2048
    }

    let longestName: Int
    let alwaysTried: [[UInt8]]
    private let nameClass: @Sendable () -> String
    private let joint: @Sendable () -> String
    /// For a word's table: the class of its first byte (`nameClass` is then the rest's, case sensitive).
    private let first: (@Sendable () -> String)?
    private let lock = NSLock()
    private let words: UnsafeMutablePointer<UInt>
    /// The joint anchored at its start, and a subject for asking it: a name byte, then the
    /// one or two bytes asked about (the joint looks back at nothing). With `lock` held.
    private var anchored: PCRE2Regex?
    private var subject: [UInt8] = [UInt8(ascii: "a"), 0, 0]
    private let scratch = MatchScratch()

    init(
        nameClass: @escaping @Sendable () -> String, longestName: Int, joint: @escaping @Sendable () -> String,
        alwaysTried: [[UInt8]], first: (@Sendable () -> String)? = nil
    ) {
        self.nameClass = nameClass
        self.longestName = longestName
        self.joint = joint
        self.alwaysTried = alwaysTried
        self.first = first
        words = UnsafeMutablePointer<UInt>.allocate(capacity: Layout.count)
        words.initialize(repeating: 0, count: Layout.count)
    }

    deinit { words.deallocate() }

    /// The tables, nil when the joint cannot be trusted on two bytes alone: rule nothing out.
    @inline(__always)
    var tables: Tables? {
        var state = maskrun_load_acquire(words + Layout.state)
        if state == 0 { state = build() }
        return state == 1 ? Tables(words: words, table: Unmanaged.passUnretained(self)) : nil
    }

    /// Compiles the joint and finds the name's bytes, once; returns the state.
    private func build() -> UInt {
        lock.lock()
        defer { lock.unlock() }
        let state = maskrun_load_acquire(words + Layout.state)
        if state != 0 { return state }
        var usable = false
        if let nameBytes = JointTable.bytes(matching: nameClass(), caseless: first == nil),
           // No word (nothing to begin), or its first bytes, which must compile.
           let wordFirst = first.map({ JointTable.bytes(matching: $0(), caseless: false) }) ?? ByteSet([UInt8]()),
           let anchored = try? PCRE2Regex("\\G(?:\(joint()))"), anchored.maxLookbehind == 0 {
            self.anchored = anchored
            for byte in 0...255 {
                let bit = UInt(1) << UInt(byte & 63)
                if nameBytes.contains(UInt8(byte)) { words[Layout.nameBytes + byte >> 6] |= bit }
                if wordFirst.contains(UInt8(byte)) { words[Layout.wordFirst + byte >> 6] |= bit }
            }
            usable = true
        }
        maskrun_store_release(words + Layout.state, usable ? 1 : 2)
        return usable ? 1 : 2
    }

    /// Asks PCRE2 whether the joint may begin with byte `index` (the input ends after it) or
    /// with the pair `index` (first byte `index >> 8`), remembers the answer and returns it.
    private func learn(_ index: Int, pair: Bool) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let known = pair ? Layout.knownPairs : Layout.knownFirst
        let allowed = pair ? Layout.allowedPairs : Layout.allowedFirst
        let word = index >> 6, bit = UInt(1) << UInt(index & 63)
        if maskrun_load_acquire(words + known + word) & bit != 0 {
            return maskrun_load_acquire(words + allowed + word) & bit != 0
        }
        if pair {
            subject[1] = UInt8(index >> 8)
            subject[2] = UInt8(index & 0xFF)
        } else {
            subject[1] = UInt8(index)
        }
        let length = pair ? 3 : 2
        let mayBegin: Bool
        switch scratch.match(anchored!, in: subject, from: 1, partial: true, notAtStart: true, length: length) {
        case .noMatch: mayBegin = false
        case .match, .partial, .failure: mayBegin = true
        }
        if mayBegin { maskrun_store_release(words + allowed + word, words[allowed + word] | bit) }
        maskrun_store_release(words + known + word, words[known + word] | bit)
        return mayBegin
    }

    /// The bytes a one-byte pattern matches, nil when it does not compile.
    private static func bytes(matching pattern: String, caseless: Bool) -> ByteSet? {
        guard let regex = try? PCRE2Regex(pattern, caseless: caseless) else { return nil }
        let scratch = MatchScratch()
        return ByteSet((0...255).filter { byte in
            if case .match = scratch.match(regex, in: [UInt8(byte)], from: 0, partial: false) { return true }
            return false
        })
    }
}
