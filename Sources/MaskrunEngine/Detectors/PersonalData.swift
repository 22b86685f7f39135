/// Personal data: payment cards (Luhn), IBANs (mod-97), US Social Security numbers (issued
/// ranges); and, opt-in with `builtin: all`, email addresses, phone numbers, IP addresses.
/// Those found with no label around them are not learned (`learnsValues: false`): their
/// patterns find every repeat alone.
extension BuiltinDetectors {
    static let personalData: [Detector] = [
        Detector(
            id: "payment-card-number",
            description: "Payment card number (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro; UATP grouped) with a valid Luhn digit, grouped or not",
            // No literal part: searched everywhere. The first byte must be 2–6 after a
            // non-word byte, which the JIT finds quickly.
            // Grouped, it is not the middle of an IBAN-shaped account number (`RS35 2600 0560
            // 1001 6113 70`, a country code and check digits before it); an expiry date or a
            // code after it (`… 5375 11/29`) leaves it a card.
            // UATP (airline cards: 1, then 14 digits) only grouped as printed, 4-5-6: ungrouped,
            // one 15-digit id in ten starting with 1 passes Luhn.
            pattern: #"(?<![A-Za-z0-9_.+-])(?:(?=[2-6])(?:\d{12,19}|(?<![A-Z][A-Z][0-9][0-9][ -])\d{4}([ -])\d{4}\1\d{4}\1\d{4}(?:\1\d{3})?|3[47]\d{2}([ -])\d{6}\2\d{5})|1\d{3}([ -])\d{5}\3\d{6})(?![A-Za-z0-9_]|[.,-]\d)"#,
            prefilter: nil,
            maxReach: 32,  // 23 bytes at most (4 groups of 4, separators, 3 more) and a 2-byte lookahead
            // Every form begins with 2-6 and twelve digits, or four, a separator and four more
            // (Amex: six more).
            shapes: [Shape(.init(first: "23456", notAfter: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_.+-", long: 12, group: 4, separators: " -", nextGroup: 4)),
                     Shape(.init(first: "1", notAfter: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_.+-", long: nil, group: 4, separators: " -", nextGroup: 5))],
            validator: Validators.paymentCard,
            learnsValues: false,
            examples: ["card=«4355785419473367» exp=12/29", "«5380 0743 6244 5375» charged", "pay «4355 7854 1947 3367» 12/29", "amex «3720-881234-48081»",
                       #"{"pan": "«5177879848563220»"}"#, "UATP «1470 90054 749952» exp 09/28", "card: «1343-52611-955372»"],
            counterexamples: ["order 4111111111111112 shipped", "ts=1732541234567890", "4111 1111 1111 1112",
                              "acct XK05 4355 7854 1947 3367 08",
                              "3.14159265358979323", "id 5105105105105100X",
                              "order id 135412345678911 shipped", "ref 1470 90054 749953", "1470 9005 4749 952"]),
        Detector(
            id: "iban",
            description: "International Bank Account Number with a valid mod-97 check, grouped or not",
            // Grouped by fours with spaces, or with dashes as some banks print it, one separator throughout.
            pattern: #"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|([ -])[A-Z0-9]{4}(?:\1[A-Z0-9]{4}){1,6}(?:\1[A-Z0-9]{1,3})?)(?![A-Za-z0-9])"#,
            // Country codes and check digits make 800 three-byte keywords whose folded
            // trigrams (ad1, de8…) fill hex text with false hits: a scan is cheaper.
            prefilter: nil,
            maxReach: 48,  // 43 bytes at most (grouped form) and a 1-byte lookahead
            // Tried only where two capital letters and two digits begin a run of digits (the
            // first pass's digit-run scan finds them).
            shapes: [Shape(.init(notAfter: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", long: 2, group: 2, separators: "", lettersBefore: 2))],
            validator: Validators.iban,
            learnsValues: false,
            examples: ["IBAN: «DE43851379693598805118»", "pay to «GB61 2677 3238 3058 7614 93» today", "«FR1379379420497799812325367»",
                       "Konto «AT91-3200-0000-1234-5866»"],
            counterexamples: ["DE89370400440532013001", "ID DE12 ABC", "GB82 WEST 1234 5698 7654 33", "AT91-3200 0000-1234-5866"]),
        Detector(
            id: "us-ssn",
            description: "US Social Security number (AAA-GG-SSSS in an issued range)",
            // Dashes, dots or spaces between the groups, one kind throughout (`078.05.1120`).
            pattern: #"(?<![A-Za-z0-9_.-])\d\d\d([-. ])\d\d\1\d{4}(?![A-Za-z0-9_]|[.-]\d|\1\d)"#,
            // No literal part before the masked digits: searched everywhere.
            prefilter: nil,
            maxReach: 16,  // 11 bytes and a 2-byte lookahead
            shapes: [Shape(.init(notAfter: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_.-", long: nil, group: 3, separators: "-. "))],
            validator: Validators.usSSN,
            learnsValues: false,
            examples: ["ssn: «316-75-7413»", #"{"ssn":"«608-08-2239»"}"#, "SSN «427.19.8834» on file", "ssn «538 62 1907»"],
            counterexamples: ["2026-11-25", "000-12-3456", "666-12-3456", "912-34-5678", "123-00-4567", "555-12-0000",
                              "v1-23-4567", "427.19-8834", "538 62 1907 4410", "1.427.19.8834"]),
        Detector(
            id: "us-ssn-labelled",
            description: "US Social Security number written without dashes next to its name (SSN 123456789)",
            pattern: #"(?<![A-Za-z0-9])(?i:ssn|social[ _-]?security(?:[ _-]?(?:number|no))?)["']?[ \t]*+[:=#]?[ \t]*+["']?(\d{9}|\d{3} \d{2} \d{4})(?![0-9])"#,
            group: 1,
            prefilter: Prefilter(keywords: ["ssn", "social"], caseless: true),
            validator: Validators.usSSN,
            examples: ["SSN: «745332369»", "social security number «036 20 0761»"],
            counterexamples: ["SSN: 000000000", "ssn: 987654321"]),
        Detector(
            id: "email-address",
            description: "Email address (opt-in: builtin: all)",
            confidence: .low,
            pattern: #"(?<![A-Za-z0-9._%+/-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9-]{2,59})(?![A-Za-z0-9-])"#,
            prefilter: nil,
            maxReach: 680,  // 65 + 8 labels of 64 + a 63-byte top-level domain at most and a 1-byte lookahead
            // The byte before the @ and the one after it; the local part is 1 to 64 bytes.
            shapes: [Shape("[A-Za-z0-9._%+-]@[A-Za-z0-9]", lead: 3...66)],
            validator: { value in !value.starts(with: Array("git@".utf8)) },
            // An internationalised top-level domain is written in its ASCII form (`xn--…`).
            learnsValues: false,
            examples: ["From: Alice <«alice.smith+news@example.org»>", "user=«bob_1987@mail.co.uk» logged in",
                       "contact «info@xn--bcher-kva.xn--tckwe»"],
            counterexamples: ["git@github.com:org/repo.git", "a@b", "@channel"]),
        Detector(
            id: "phone-number",
            description: "Phone number in international (+CC …) or North American ((NPA) NXX-XXXX) form (opt-in: builtin: all)",
            confidence: .low,
            pattern: #"(?|(?<![A-Za-z0-9+])\+[1-9]\d{0,2}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{1,4}){1,5}(?![A-Za-z0-9])|(?<![A-Za-z0-9(])\(\d{3}\)[ ]?\d{3}-\d{4}(?![0-9]))"#,
            prefilter: Prefilter(keywords: BuiltinDetectors.phoneKeywords),
            validator: { value in
                let digits = value.filter { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }.count
                return (8...15).contains(digits)
            },
            learnsValues: false,
            examples: ["call «+1 415 555 0132»", "tel: «+44 20 7946 0958»", "«(415) 555-0132» ext 4", "«+4915112345678»",
                       "Athens «+30 21 0 4417296»"],
            counterexamples: ["+1 vote", "score +12", "1.0.0+20130313144700"]),
        Detector(
            id: "phone-number-national",
            description: "Phone number in national form without a country code: NPA-NXX-XXXX, a trunk 0 and grouped digits (09-7625400, 06 12 34 56 78), a Chinese mobile (opt-in: builtin: all)",
            confidence: .low,
            // One separator throughout each number; not inside a version, path, date or id
            // (the bytes around it are no word, dot, plus, slash, colon or dash). A trunk
            // number is neither a group of an IBAN or card (`DE89 3704 0044…`: after a digit or
            // capital and a space) nor in a social security number's 3-2-4 shape (us-ssn's).
            pattern: #"(?<![A-Za-z0-9_.+/:-])(?:[2-9]\d\d([-.])[2-9]\d\d\1\d{4}|(?<![A-Z0-9] )(?!\d{3}([- ])\d\d\2\d{4}(?![0-9]))0[1-9]\d{0,3}([- ])\d{2,8}(?:\3\d{2,4}){0,3}|1[3-9]\d{9})(?![A-Za-z0-9_]|[.:/-]\d)"#,
            prefilter: nil,
            maxReach: 32,  // 29 bytes at most (a trunk number of five groups) and a 2-byte lookahead
            // North American: three digits and a dash or dot; trunk 0: an area code of two to
            // five digits and a dash or space; Chinese mobile: eleven digits from a 1.
            shapes: [Shape(.init(first: "23456789", notAfter: BuiltinDetectors.phoneNotAfter, long: nil, group: 3, separators: "-.", nextGroup: 3))]
                + (2...5).map { Shape(.init(first: "0", notAfter: BuiltinDetectors.phoneNotAfter, long: nil, group: $0, separators: "- ", nextGroup: 2)) }
                + [Shape(.init(first: "1", notAfter: BuiltinDetectors.phoneNotAfter, long: 11, group: 11, separators: ""))],
            validator: { value in
                let digits = value.filter { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }.count
                return (9...12).contains(digits)
            },
            learnsValues: false,
            examples: ["US: «312-867-5309»", "tel «212.736.0415» (office)", "Tokyo office «080-4417-2963»", "call «04-8831507» before 6",
                       "mobile: «07 81 44 29 63»", "London «020 3948 1172»", "CN «15927384061»"],
            counterexamples: ["2026-11-25", "01-05-2026", "version 0.12.3", "v312-867-5309", "id 123-456-7890",
                              "build 15927384061234", "05 12 34", "at 10:45:12", "1.312.867.5309.2", "/usr/lib/020-3948-1172",
                              "DE12 5003 0417 4470 5561 83", "078-05-0000"]),
        Detector(
            id: "ipv4-address",
            description: "IPv4 address (opt-in: builtin: all)",
            confidence: .low,
            pattern: #"(?<![A-Za-z0-9.:-])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![A-Za-z0-9]|\.\d)"#,
            prefilter: nil,
            maxReach: 24,  // 15 bytes at most and a 2-byte lookahead
            // From the first number's last digit to the last number's first.
            shapes: [Shape("[0-9]\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]", lead: 7...13)],
            // Not an address of no one: unspecified, loopback, broadcast or a netmask.
            validator: { value in
                !(value.elementsEqual("0.0.0.0".utf8) || value.starts(with: "127.".utf8) || value.starts(with: "255.".utf8))
            },
            learnsValues: false,
            examples: ["client «203.0.113.42» connected", "«10.1.2.3» - - [25/Nov/2026]"],
            counterexamples: ["version 1.2.3", "listening on 0.0.0.0:8080", "127.0.0.1", "v1.2.3.4", "1.2.3.4.5"]),
        Detector(
            id: "ipv6-address",
            description: "IPv6 address (opt-in: builtin: all)",
            confidence: .low,
            pattern: #"(?<![A-Za-z0-9:.])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![A-Za-z0-9:])|(?<![A-Za-z0-9:.])(?:[0-9A-Fa-f]{1,4}:){1,6}(?::[0-9A-Fa-f]{1,4}){1,6}(?![A-Za-z0-9:])"#,
            prefilter: nil,
            maxReach: 64,  // 60 bytes at most (the :: form) and a 1-byte lookahead
            // Eight groups: from the first group's last digit to the last group's first; or "x::y".
            shapes: [Shape("[0-9A-Fa-f]:(?:[0-9A-Fa-f]{1,4}:){6}[0-9A-Fa-f]", lead: 15...36), Shape("[0-9A-Fa-f]::[0-9A-Fa-f]", lead: 4...32)],
            validator: { value in
                let groups = value.split(separator: UInt8(ascii: ":")).count
                return groups >= 3 && groups <= 8
            },
            learnsValues: false,
            examples: ["from «2001:db8:85a3::8a2e:370:7334» port 443", "«fe80:0:0:0:202:b3ff:fe1e:8329»"],
            counterexamples: ["12:30:45", "std::vector", "a::b"]),
    ]

    /// The bytes a phone number written without a country code is never after: a word, a
    /// version's or path's separators (`v312-…`, `/lib/020-…`).
    static let phoneNotAfter = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_.+/:-"

    /// `+` and the first digit of a country code then a digit, space, dot, dash or
    /// parenthesis; `(` and the first two digits of a North American area code.
    static let phoneKeywords: [String] = {
        var keywords: [String] = []
        for first in 1...9 {
            for next in Array("0123456789 .-(") { keywords.append("+\(first)\(next)") }
        }
        for first in 2...9 { for second in 0...9 { keywords.append("(\(first)\(second)") } }
        return keywords
    }()
}
