import Foundation

/// Checks a detector runs on the bytes it would mask, for formats a pattern alone cannot
/// pin down: checksums (Luhn, mod-97), number ranges (US SSN), entropy gates, and what a
/// base64 value decodes to.
enum Validators {
    // MARK: - Checksums

    /// A payment card number: 13 to 19 digits, spaces or dashes between groups used
    /// consistently, an issuer prefix with a length it issues, and a valid Luhn check digit.
    static let paymentCard: MaskRule.Validator = { value in
        var digits: [UInt8] = []
        var separator: UInt8?
        for byte in value {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits.append(byte - UInt8(ascii: "0"))
            case UInt8(ascii: " "), UInt8(ascii: "-"):
                if let separator, separator != byte { return false }
                separator = byte
            default: return false
            }
        }
        guard (13...19).contains(digits.count), issuerIssues(digits), luhn(digits) else { return false }
        // A run of one repeated digit is a placeholder, not a card.
        return Set(digits.dropFirst()).count > 1
    }

    /// The Luhn (mod 10) check over digit values.
    static func luhn(_ digits: [UInt8]) -> Bool {
        var sum = 0
        for (offset, digit) in digits.reversed().enumerated() {
            var value = Int(digit)
            if offset % 2 == 1 {
                value *= 2
                if value > 9 { value -= 9 }
            }
            sum += value
        }
        return sum % 10 == 0
    }

    /// Whether a card network issues numbers with this prefix and length.
    static func issuerIssues(_ digits: [UInt8]) -> Bool {
        func prefix(_ count: Int) -> Int { digits.prefix(count).reduce(0) { $0 * 10 + Int($1) } }
        let length = digits.count
        switch digits[0] {
        case 1: return length == 15  // UATP
        case 4: return [13, 16, 19].contains(length)  // Visa
        case 5:
            if (51...55).contains(prefix(2)) { return length == 16 }  // Mastercard
            if prefix(4) == 5019 { return length == 16 }  // Dankort
            return [5018, 5020, 5038].contains(prefix(4)) && (12...19).contains(length)  // Maestro
        case 2: return (2221...2720).contains(prefix(4)) && length == 16  // Mastercard 2-series
        case 3:
            if [34, 37].contains(prefix(2)) { return length == 15 }  // American Express
            if (3528...3589).contains(prefix(4)) { return (16...19).contains(length) }  // JCB
            if (300...305).contains(prefix(3)) || [36, 38, 39].contains(prefix(2)) {  // Diners
                return (14...19).contains(length)
            }
            return false
        case 6:
            if prefix(4) == 6011 || prefix(2) == 65 || (644...649).contains(prefix(3)) {  // Discover
                return (16...19).contains(length)
            }
            if prefix(2) == 62 { return (16...19).contains(length) }  // UnionPay
            return [6304, 6759, 6761, 6762, 6763].contains(prefix(4)) && (12...19).contains(length)  // Maestro
        default: return false
        }
    }

    /// An IBAN: a known country code, that country's length, and the ISO 7064 mod 97-10
    /// check (the number with its first four characters moved to the end is 1 mod 97).
    static let iban: MaskRule.Validator = { value in
        let characters = value.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "-") }
        guard characters.count >= 15, characters.count <= 34 else { return false }
        let country = String(decoding: characters.prefix(2), as: UTF8.self)
        guard let length = ibanLengths[country], length == characters.count else { return false }
        var remainder = 0
        for byte in characters.dropFirst(4) + characters.prefix(4) {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                remainder = (remainder * 10 + Int(byte - UInt8(ascii: "0"))) % 97
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                remainder = (remainder * 100 + Int(byte - UInt8(ascii: "A")) + 10) % 97
            default: return false
            }
        }
        return remainder == 1
    }

    /// IBAN lengths by country (the SWIFT IBAN registry).
    static let ibanLengths: [String: Int] = [
        "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22,
        "BI": 27, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27,
        "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27,
        "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28, "IE": 22,
        "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32,
        "LI": 21, "LT": 20, "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19,
        "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28, "NL": 18, "NO": 15, "OM": 23, "PK": 24,
        "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24, "SC": 31,
        "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28, "TL": 23,
        "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
    ]

    /// A US Social Security number in an issued range: area 001–899 but not 666, group
    /// 01–99, serial 0001–9999 (SSA's rules since randomisation in 2011).
    static let usSSN: MaskRule.Validator = { value in
        let digits = value.filter { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }.map { Int($0 - UInt8(ascii: "0")) }
        guard digits.count == 9 else { return false }
        let area = digits[0] * 100 + digits[1] * 10 + digits[2]
        let group = digits[3] * 10 + digits[4]
        let serial = digits[5...].reduce(0) { $0 * 10 + $1 }
        return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
    }

    // MARK: - Shape and entropy

    /// Shannon entropy of the bytes, in bits per byte.
    static func entropy(_ value: ArraySlice<UInt8>) -> Double {
        guard !value.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for byte in value { counts[Int(byte)] += 1 }
        let total = Double(value.count)
        var bits = 0.0
        for count in counts where count > 0 {
            let p = Double(count) / total
            bits -= p * log2(p)
        }
        return bits
    }

    /// At least `bits` bits of entropy per byte, and at least one digit or symbol besides
    /// letters: random keys, not words or identifiers.
    static func random(minimumBits bits: Double) -> MaskRule.Validator {
        { value in
            entropy(value) >= bits && value.contains { !isLetter($0) }
                && value.contains { isLetter($0) }
        }
    }

    /// Not a placeholder: `${VAR}`, `$VAR`, `%VAR%`, `{{ template }}`, `<your-token>`,
    /// `[REDACTED]`, `[MASKED:…]`, `xxxx`, `...`.
    /// Credentials of an Authorization header: one token (`dXNlcjpwYXNz`, the credentials of a
    /// one-token scheme), or a scheme and its parameters (`Digest username="…", …`, `SSWS 00…`):
    /// not a stand-in (`XXXXXXXX`, `<token>`, `$TOKEN`), not a scheme's name alone, not prose.
    static let headerCredentials: MaskRule.Validator = { value in
        guard !ValueShape.isStandIn(value) else { return false }
        let words = value.split { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
        guard let first = words.first else { return false }
        if words.count == 1 {
            let lower = String(decoding: first, as: UTF8.self).lowercased()
            return value.count >= 6 && !["bearer", "basic", "token", "digest", "negotiate", "required", "failed", "denied"].contains(lower)
                && !ValueShape.plainWords.contains(lower)
        }
        // Parameters (`key=value`), or a scheme then one token.
        if words.contains(where: { $0.contains(UInt8(ascii: "=")) }) { return true }
        return words.count == 2 && first.allSatisfy { isWord($0) || $0 == UInt8(ascii: "-") } && !ValueShape.isStandIn(words[1])
    }

    static let notPlaceholder: MaskRule.Validator = { value in
        guard let first = value.first, let last = value.last else { return false }
        switch (first, last) {
        case (UInt8(ascii: "$"), _) where value.count > 1 && value.dropFirst().allSatisfy({ isWord($0) || $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }):
            return false
        case (UInt8(ascii: "%"), UInt8(ascii: "%")), (UInt8(ascii: "<"), UInt8(ascii: ">")):
            return false
        case (UInt8(ascii: "{"), UInt8(ascii: "}")) where value.starts(with: Array("{{".utf8)):
            return false
        case (UInt8(ascii: "["), UInt8(ascii: "]")):
            let inner = String(decoding: value.dropFirst().dropLast(), as: UTF8.self).lowercased()
            if inner == "redacted" || inner == "filtered" || inner == "hidden" || inner.hasPrefix("masked") { return false }
        default: break
        }
        if first == UInt8(ascii: "("), last == UInt8(ascii: ")") { return false }  // (none), (empty)
        if value.count <= 9,
           ["n/a", "unset", "undefined", "empty", "redacted", "hidden"].contains(String(decoding: value, as: UTF8.self).lowercased()) {
            return false
        }
        let distinct = Set(value)
        if distinct.count == 1, let only = distinct.first, "xX*.#-_".utf8.contains(only) { return false }
        return true
    }

    /// A cookie header's value starts with `name=`: what else follows `Cookie:` is prose
    /// (`a Set-Cookie: header.`) or code (`var cookie: HTTPCookies.Value?`, `:return: cookie`).
    static let startsWithCookiePair: MaskRule.Validator = { value in
        guard let equals = value.firstIndex(of: UInt8(ascii: "=")), equals > value.startIndex else { return false }
        return !value[..<equals].contains { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "\n") }
    }

    /// Some `key: value` line of a data block holds a value that is no stand-in: a Secret
    /// template's data (`config: {{config_data}}`, `password: ${DB_PASSWORD}`) is filled in
    /// later, by a tool whose output is judged then.
    static let holdsDataValue: MaskRule.Validator = { block in
        block.split(separator: UInt8(ascii: "\n")).contains { line in
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return true }
            var value = line[(colon + 1)...].drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            while let last = value.last, last == UInt8(ascii: "\r") || last == UInt8(ascii: " ") { value = value.dropLast() }
            return !value.isEmpty && !ValueShape.isStandIn(value)
        }
    }

    /// Not a token body made of filler: after the longest of `prefixes` the value starts with,
    /// a body of 12 bytes or more with at most three distinct letters and digits
    /// (`ghp_xxxxxxxx…`, `glpat-XXXXXXXXXXX-XXXXXXXX`, `sntryu_aaaa…`) is documentation's
    /// placeholder. A random body of that length has more than three distinct characters
    /// all but never (about 1 in 10^13 for 16 characters of 36).
    static func notFiller(afterAnyOf prefixes: [String], caseless: Bool = false) -> MaskRule.Validator {
        let prefixBytes = prefixes.map { Array($0.utf8) }.sorted { $0.count > $1.count }
        return { value in
            let skip = prefixBytes.first { prefix in
                prefix.count <= value.count && zip(value, prefix).allSatisfy { caseless ? ($0 | 0x20) == ($1 | 0x20) : $0 == $1 }
            }?.count ?? 0
            let body = value.dropFirst(skip)
            guard body.count >= 12 else { return true }
            var seen: [UInt8] = []
            for byte in body where isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                if !seen.contains(byte) {
                    seen.append(byte)
                    if seen.count > 3 { return true }
                }
            }
            return false
        }
    }

    // MARK: - Decoding

    /// Decodes standard or URL-safe base64, with or without padding; nil when it is not.
    static func base64Decode(_ value: some Collection<UInt8>) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(value.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for byte in value {
            let sextet: UInt8
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): sextet = byte - UInt8(ascii: "A")
            case UInt8(ascii: "a")...UInt8(ascii: "z"): sextet = byte - UInt8(ascii: "a") + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sextet = byte - UInt8(ascii: "0") + 52
            case UInt8(ascii: "+"), UInt8(ascii: "-"): sextet = 62
            case UInt8(ascii: "/"), UInt8(ascii: "_"): sextet = 63
            case UInt8(ascii: "="): continue
            default: return nil
            }
            accumulator = accumulator << 6 | UInt32(sextet)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return output
    }

    /// The value (or the part before its first `.`, for JWT-shaped values; `part` picks
    /// another) decodes from base64 to bytes containing one of `needles`.
    static func decodes(toContain needles: [String], part: Int = 0) -> MaskRule.Validator {
        let needles = needles.map { Array($0.utf8) }
        return { value in
            let parts = value.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            guard part < parts.count, let decoded = base64Decode(parts[part]) else { return false }
            return needles.contains { decoded.contains(subsequence: $0) }
        }
    }

    /// HTTP Basic credentials: base64 of `user:password` in printable text.
    static let basicCredentials: MaskRule.Validator = { value in
        guard let decoded = base64Decode(value), decoded.count >= 3 else { return false }
        return decoded.contains(UInt8(ascii: ":")) && decoded.allSatisfy { $0 >= 0x20 && $0 != 0x7F }
    }

    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
    static func isWord(_ byte: UInt8) -> Bool {
        isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
    }
}

extension Collection where Element == UInt8 {
    func contains(subsequence needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        let haystack = Array(self)
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }
}
