import Foundation

/// Literal secrets (`env:`, `values_file:`, `--mask-env`, `--mask-values-from`) and the
/// encodings in which programs print them (SPEC §3).
public enum LiteralValues {
    /// Values shorter than this are refused: masking every "abc" in the output helps nobody.
    public static let defaultMinimumLength = 4

    /// Every form of `value` worth searching for: raw, each line of a multi-line value,
    /// base64 (standard and URL-safe, at offsets 0, 1 and 2), URL encoding, JSON string
    /// escaping and shell quoting. Forms shorter than `minimumLength` are left out.
    public static func forms(of value: [UInt8], minimumLength: Int = defaultMinimumLength) -> [[UInt8]] {
        var pieces: [[UInt8]] = [value]
        let lines = value.split(separator: UInt8(ascii: "\n")).map { line -> [UInt8] in
            line.last == UInt8(ascii: "\r") ? Array(line.dropLast()) : Array(line)
        }
        if lines.count > 1 { pieces += lines.filter { $0.count >= minimumLength } }

        var forms: [[UInt8]] = []
        for piece in pieces {
            forms.append(piece)
            forms += base64Forms(of: piece)
            forms += base64EndingForms(of: piece)
            forms.append(percentEncoded(piece, spaceAsPlus: false))
            forms.append(percentEncoded(piece, spaceAsPlus: true))
            forms.append(percentEncoded(piece, spaceAsPlus: false, keepPunctuation: false))
            forms.append(percentEncoded(piece, spaceAsPlus: false, keep: Set("/".utf8)))
            forms.append(jsonEscaped(piece, escapeSlash: false))
            forms.append(jsonEscaped(piece, escapeSlash: true))
            forms.append(jsonEscaped(piece, escapeSlash: false, escapeHTML: true))
            forms.append(jsonEscaped(piece, escapeSlash: false, escapeNonASCII: true))
            forms.append(shellSingleQuoted(piece))
            forms.append(shellBackslashed(piece))
            forms.append(shellDoubleQuoted(piece))
            forms.append(shellANSIC(piece))
            forms.append(xmlEscaped(piece, apostrophe: "&apos;", quote: "&quot;"))
            forms.append(xmlEscaped(piece, apostrophe: "&#x27;", quote: "&quot;"))
            forms.append(xmlEscaped(piece, apostrophe: "&#39;", quote: "&#34;"))
            for width in [64, 76] { forms += wrappedBase64Lines(of: piece, width: width) }
        }
        var seen = Set<[UInt8]>()
        return forms.filter { $0.count >= minimumLength && seen.insert($0).inserted }
    }

    /// A PCRE2 pattern matching any of `forms`, longest first so the longest form wins.
    public static func pattern(for forms: [[UInt8]]) -> String {
        forms.sorted { $0.count > $1.count }.map(escaped).joined(separator: "|")
    }

    /// The base64 characters that depend only on the value's bytes, for the value starting
    /// 0, 1 or 2 bytes into the encoded data (as in `base64("user:" + secret)`).
    static func base64Forms(of value: [UInt8]) -> [[UInt8]] {
        var forms: [[UInt8]] = []
        for offset in 0..<3 {
            let data = Data([UInt8](repeating: 0, count: offset) + value)
            let encoded = Array(data.base64EncodedString().utf8)
            let first = (8 * offset + 5) / 6  // first character with no prefix bits
            let end = 8 * (offset + value.count) / 6  // characters made of value bits only
            guard end > first else { continue }
            let standard = Array(encoded[first..<end])
            forms.append(standard)
            forms.append(standard.map { byte in
                byte == UInt8(ascii: "+") ? UInt8(ascii: "-") : byte == UInt8(ascii: "/") ? UInt8(ascii: "_") : byte
            })
        }
        return forms
    }

    /// The same where the encoded data ends with the value (`base64 <<<"$SECRET"` without
    /// the newline, a Kubernetes Secret's `data`): the last characters then depend only on
    /// the value's last bits and the padding, so they are the value's too, with and without
    /// `=`. Without these forms the last two or three characters (a few bits of the value)
    /// were left in clear after the mask.
    static func base64EndingForms(of value: [UInt8]) -> [[UInt8]] {
        var forms: [[UInt8]] = []
        for offset in 0..<3 {
            let encoded = Array(Data([UInt8](repeating: 0, count: offset) + value).base64EncodedString().utf8)
            let first = (8 * offset + 5) / 6
            let standard = Array(encoded[first...])
            let unpadded = Array(standard.prefix { $0 != UInt8(ascii: "=") })
            for form in [standard, unpadded] {
                forms.append(form)
                forms.append(form.map { byte in
                    byte == UInt8(ascii: "+") ? UInt8(ascii: "-") : byte == UInt8(ascii: "/") ? UInt8(ascii: "_") : byte
                })
            }
        }
        return forms
    }

    /// `keepPunctuation: false` encodes `-._~` too, as some encoders do; `keep` lists bytes
    /// left as they are (Python's `quote` keeps `/`).
    static func percentEncoded(_ value: [UInt8], spaceAsPlus: Bool, keepPunctuation: Bool = true, keep: Set<UInt8> = []) -> [UInt8] {
        var out: [UInt8] = []
        for byte in value {
            if isUnreserved(byte) && (keepPunctuation || isAlphanumeric(byte)) || keep.contains(byte) {
                out.append(byte)
            } else if spaceAsPlus && byte == UInt8(ascii: " ") {
                out.append(UInt8(ascii: "+"))
            } else {
                out += [UInt8(ascii: "%"), hexDigit(byte >> 4, upper: true), hexDigit(byte & 15, upper: true)]
            }
        }
        return out
    }

    /// `escapeHTML`: `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026` (Go's encoding/json);
    /// `escapeNonASCII`: every non-ASCII character as `\uXXXX`, in UTF-16 (Python's default).
    static func jsonEscaped(_ value: [UInt8], escapeSlash: Bool, escapeHTML: Bool = false, escapeNonASCII: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        if escapeNonASCII, let text = String(validatingUTF8: value.map { CChar(bitPattern: $0) } + [0]), text.utf8.count == value.count {
            for unit in text.utf16 {
                if unit >= 0x80 {
                    out += Array("\\u".utf8) + (0..<4).reversed().map { hexDigit(UInt8(truncatingIfNeeded: unit >> ($0 * 4)) & 15) }
                } else {
                    out += jsonEscaped([UInt8(unit)], escapeSlash: escapeSlash, escapeHTML: escapeHTML)
                }
            }
            return out
        }
        for byte in value {
            switch byte {
            case UInt8(ascii: "<") where escapeHTML: out += Array("\\u003c".utf8)
            case UInt8(ascii: ">") where escapeHTML: out += Array("\\u003e".utf8)
            case UInt8(ascii: "&") where escapeHTML: out += Array("\\u0026".utf8)
            case UInt8(ascii: "\""): out += Array("\\\"".utf8)
            case UInt8(ascii: "\\"): out += Array("\\\\".utf8)
            case UInt8(ascii: "/") where escapeSlash: out += Array("\\/".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0x08: out += Array("\\b".utf8)
            case 0x0C: out += Array("\\f".utf8)
            case 0..<0x20: out += Array("\\u00".utf8) + [hexDigit(byte >> 4), hexDigit(byte & 15)]
            default: out.append(byte)
            }
        }
        return out
    }

    /// The value as it appears inside single quotes: each `'` written as `'\''`.
    static func shellSingleQuoted(_ value: [UInt8]) -> [UInt8] {
        value.flatMap { $0 == UInt8(ascii: "'") ? Array("'\\''".utf8) : [$0] }
    }

    /// The value inside double quotes, as `declare -p` and `set` print it: `"`, `$`, `\` and
    /// backquote escaped.
    static func shellDoubleQuoted(_ value: [UInt8]) -> [UInt8] {
        let special = Set("\"$\\`".utf8)
        return value.flatMap { special.contains($0) ? [UInt8(ascii: "\\"), $0] : [$0] }
    }

    /// The inside of a `$'…'` string, as `printf %q` writes a value with control characters.
    static func shellANSIC(_ value: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for byte in value {
            switch byte {
            case UInt8(ascii: "'"): out += Array("\\'".utf8)
            case UInt8(ascii: "\\"): out += Array("\\\\".utf8)
            case 0x0A: out += Array("\\n".utf8)
            case 0x09: out += Array("\\t".utf8)
            case 0x0D: out += Array("\\r".utf8)
            case 0..<0x20, 0x7F: out += Array(String(format: "\\%03o", byte).utf8)
            default: out.append(byte)
            }
        }
        return out
    }

    /// XML and HTML character escaping, with the given entities for `'` and `"`.
    static func xmlEscaped(_ value: [UInt8], apostrophe: String, quote: String) -> [UInt8] {
        var out: [UInt8] = []
        for byte in value {
            switch byte {
            case UInt8(ascii: "&"): out += Array("&amp;".utf8)
            case UInt8(ascii: "<"): out += Array("&lt;".utf8)
            case UInt8(ascii: ">"): out += Array("&gt;".utf8)
            case UInt8(ascii: "'"): out += Array(apostrophe.utf8)
            case UInt8(ascii: "\""): out += Array(quote.utf8)
            default: out.append(byte)
            }
        }
        return out
    }

    /// The lines of the value's base64 wrapped at `width` columns (`base64` without `-w0`
    /// wraps at 76, PEM at 64): each whole line is the value's alone.
    static func wrappedBase64Lines(of value: [UInt8], width: Int) -> [[UInt8]] {
        let encoded = Array(Data(value).base64EncodedString().utf8)
        guard encoded.count > width else { return [] }
        return stride(from: 0, to: encoded.count, by: width).map { Array(encoded[$0..<min($0 + width, encoded.count)]) }
    }

    /// The value with shell metacharacters backslash-escaped, as `printf %q` writes it.
    static func shellBackslashed(_ value: [UInt8]) -> [UInt8] {
        let special = Set(" !\"#$&'()*,;<>?[\\]^`{|}~".utf8)
        return value.flatMap { special.contains($0) ? [UInt8(ascii: "\\"), $0] : [$0] }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return false
        }
    }

    /// The hex digit for `nibble` (0…15). `String(format:)` cost thousands of instructions
    /// per escaped byte, paid for every learned value's forms.
    @inline(__always)
    private static func hexDigit(_ nibble: UInt8, upper: Bool = false) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : (upper ? UInt8(ascii: "A") : UInt8(ascii: "a")) + nibble - 10
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    /// Letters and digits as themselves, every other byte as `\xHH`, so any bytes are literal.
    static func escaped(_ form: [UInt8]) -> String {
        form.map { isAlphanumeric($0) ? String(UnicodeScalar($0)) : String(format: "\\x%02x", $0) }.joined()
    }
}
