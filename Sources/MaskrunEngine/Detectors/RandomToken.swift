/// Whether a value next to a weak hint (a service's name, no secret word) looks like a
/// generated key rather than anything a person would write: long enough, one word, letters
/// mixed with digits or cases many times over, and not a name, path, host, address, date,
/// version, reference or placeholder. Stricter than `ValueShape.secret`, which has a secret
/// word to go on.
enum RandomToken {
    static func looksRandom(_ value: ArraySlice<UInt8>) -> Bool {
        guard (10...4096).contains(value.count) else { return false }
        guard !value.contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) else { return false }
        guard Validators.notPlaceholder(value), !ValueShape.isReference(value), !ValueShape.saysStandIn(value) else { return false }
        if ValueShape.isPath(value) || ValueShape.isHostOrFilePath(value) || ValueShape.isDottedName(value)
            || ValueShape.isVersioned(value) || ValueShape.isDigest(value) || ValueShape.isIdentifier(value)
            || ValueShape.isSlashedNames(value)
        {
            return false
        }
        if isAddress(value) || isHostName(value) || isDate(value) { return false }
        // `yourSentryKey1`, `MyToken2`: a stand-in written for the reader to replace.
        let lower = String(decoding: value, as: UTF8.self).lowercased()
        if lower.contains("your") || lower.hasPrefix("my") { return false }
        let isDigit: (UInt8) -> Bool = { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        let isUpper: (UInt8) -> Bool = { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }
        let isLower: (UInt8) -> Bool = { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
        guard value.contains(where: Validators.isLetter) else { return false }
        let mixedCase = value.contains(where: isUpper) && value.contains(where: isLower)
        guard value.contains(where: isDigit) || (mixedCase && value.count >= 16) else { return false }
        // Random text switches between digits, lower and upper case often; words and
        // numbered names (`release-2024`, `node18-alpine`) hardly.
        var switches = 0
        var previous: UInt8?
        for byte in value {
            let kind: UInt8? = isDigit(byte) ? 0 : isLower(byte) ? 1 : isUpper(byte) ? 2 : nil
            if let kind, let previous, kind != previous { switches += 1 }
            previous = kind
        }
        return switches >= 3 && Validators.entropy(value) >= 3.0
    }

    /// `user@example.com`, `mailto:…`: an address, not a key.
    static func isAddress(_ value: ArraySlice<UInt8>) -> Bool {
        guard let at = value.firstIndex(of: UInt8(ascii: "@")) else { return false }
        return isHostName(value[value.index(after: at)...])
    }

    /// `example.cloud.mattermost.com`, `k2Xp7-wQrtLmz.loggly.com`: dotted labels ending in a
    /// top-level domain of letters. Also anything with a scheme.
    static func isHostName(_ value: ArraySlice<UInt8>) -> Bool {
        if value.contains(subsequence: Array("://".utf8)) { return true }
        let labels = value.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard labels.count >= 2, let tld = labels.last, (2...24).contains(tld.count) else { return false }
        return tld.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }
            && labels.allSatisfy { !$0.isEmpty && $0.allSatisfy { Validators.isLetter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-") } }
    }

    /// `2023-05-18T14:32:10Z`, `2024-05-01`: a date, printed everywhere.
    static func isDate(_ value: ArraySlice<UInt8>) -> Bool {
        let bytes = Array(value.prefix(8))
        guard bytes.count >= 8 else { return false }
        let digit: (UInt8) -> Bool = { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        return bytes[0..<4].allSatisfy(digit) && "-/".utf8.contains(bytes[4]) && digit(bytes[5]) && digit(bytes[6])
            && "-/".utf8.contains(bytes[7])
    }
}
