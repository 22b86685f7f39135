import Foundation

/// A test on the bytes at a keyword hit that rules a match out there before PCRE2 runs.
/// Most of the name detector's hits are prose ("token renewed", "/api/v1"), and its pattern
/// is large: trying it anchored at each hit was most of the default policy's PCRE2 time.
///
/// The contract a rule keeps: a match at a hit either begins with one of `alwaysTried`
/// (a flag's `--`), or is a name, a run of bytes of `nameClass`, followed by a match of
/// `joint` where the run ends (the name consumes a whole run of at most `longestName`
/// bytes). So when the run is short enough and ends before the input does, the next two
/// bytes must begin a match of `joint`. Which pairs can is asked of PCRE2 itself, once per
/// process at the first hit, by partial matching of `joint` on each pair: the table follows
/// the pattern it is built from, and a pattern PCRE2 cannot vouch for (one that looks back
/// behind its start, or does not compile) rules nothing out.
public struct JointGate: Sendable {
    let table: JointTable
    let singleDashLetters: Int?

    /// `nameClass`: a PCRE2 character class, such as `[A-Za-z0-9_.-]`, matched without case
    /// as the name is; `joint`: the PCRE2 pattern that follows the name (both written only
    /// when the table is built).
    public init(
        nameClass: @autoclosure @escaping @Sendable () -> String, longestName: Int,
        joint: @autoclosure @escaping @Sendable () -> String, alwaysTried: [String], singleDashLetters: Int? = nil
    ) {
        self.singleDashLetters = singleDashLetters
        table = JointTable(
            nameClass: nameClass, longestName: longestName, joint: joint, alwaysTried: alwaysTried.map { Array($0.utf8) })
    }

    /// True when no match of the rule can start at `text[start]` (with or without more input
    /// after `text`, as partial matching would find it).
    @inline(__always)
    func rulesOut(at start: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        rulesOut(at: start, in: text, tables: table.tables)
    }

    /// The same, with the tables taken once for all of a read's hits (`table.tables` takes a
    /// lock).
    @inline(__always)
    func rulesOut(at start: Int, in text: UnsafeBufferPointer<UInt8>, tables: JointTable.Tables) -> Bool {
        guard tables.usable else { return false }
        let end = text.count
        // One of them, or its beginning cut off by the end.
        for prefix in table.alwaysTried {
            let available = min(prefix.count, end - start)
            if (0..<available).allSatisfy({ text[start + $0] == prefix[$0] }) { return false }
        }
        if let letters = singleDashLetters, followsSingleDash(start, text, letters: letters) { return false }
        let limit = min(end, start + table.longestName + 1)
        var position = start
        while position < limit && tables.nameBytes.contains(text[position]) { position += 1 }
        // A longer name may end inside the run; a run cut by the end may go on.
        guard position - start <= table.longestName, position < end else { return false }
        if position + 1 == end { return !tables.firstBytes.contains(text[position]) }
        let pair = Int(text[position]) << 8 | Int(text[position + 1])
        return tables.pairs[pair >> 6] & (1 << UInt64(pair & 63)) == 0
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

/// The gate's tables, built the first time a hit is tested and then shared by every stream.
final class JointTable: @unchecked Sendable {
    struct Tables {
        /// False when the joint's answers cannot be trusted on two bytes alone: rule nothing out.
        let usable: Bool
        let nameBytes: ByteSet
        /// Bytes that may begin a joint, and pairs (bit `first << 8 | second`).
        let firstBytes: ByteSet
        let pairs: [UInt64]
    }

    let longestName: Int
    let alwaysTried: [[UInt8]]
    private let nameClass: @Sendable () -> String
    private let joint: @Sendable () -> String
    private let lock = NSLock()
    private var built: Tables?

    init(
        nameClass: @escaping @Sendable () -> String, longestName: Int, joint: @escaping @Sendable () -> String,
        alwaysTried: [[UInt8]]
    ) {
        self.nameClass = nameClass
        self.longestName = longestName
        self.joint = joint
        self.alwaysTried = alwaysTried
    }

    var tables: Tables {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        let tables = JointTable.build(nameClass: nameClass(), joint: joint())
        built = tables
        return tables
    }

    private static let unusable = Tables(usable: false, nameBytes: ByteSet([]), firstBytes: ByteSet([]), pairs: [])

    private static func build(nameClass: String, joint: String) -> Tables {
        guard let name = try? PCRE2Regex(nameClass, caseless: true), let anchored = try? PCRE2Regex("\\G(?:\(joint))"),
              anchored.maxLookbehind == 0 else { return unusable }
        let scratch = MatchScratch()
        let nameBytes = ByteSet((0...255).filter { byte in
            if case .match = scratch.match(name, in: [UInt8(byte)], from: 0, partial: false) { return true }
            return false
        })
        // A name byte before the joint, as in the text (the joint looks back at nothing).
        let before = UInt8(ascii: "a")
        func mayBegin(_ bytes: [UInt8]) -> Bool {
            switch scratch.match(anchored, in: [before] + bytes, from: 1, partial: true, notAtStart: true) {
            case .noMatch: return false
            case .match, .partial, .failure: return true
            }
        }
        let first = (0...255).map { UInt8($0) }.filter { mayBegin([$0]) }
        var pairs = [UInt64](repeating: 0, count: 65536 / 64)
        for a in first {
            for b in 0...255 where mayBegin([a, UInt8(b)]) {
                let pair = Int(a) << 8 | b
                pairs[pair >> 6] |= 1 << UInt64(pair & 63)
            }
        }
        return Tables(usable: true, nameBytes: nameBytes, firstBytes: ByteSet(first), pairs: pairs)
    }
}
