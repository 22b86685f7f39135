/// The few pieces of JSON the recordings write, written by hand so that the bytes are
/// exactly as documented (key order, microsecond times) and a line is built without
/// going through Foundation's String bridging for every read.
enum JSONText {
    /// A JSON string literal, quotes included, for text that is valid UTF-8 (see
    /// `UTF8Repair`). Non-ASCII characters are written as they are, as asciinema does;
    /// control characters, `"` and `\` are escaped.
    static func quoted(utf8 bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [UInt8(ascii: "\"")]
        output.reserveCapacity(bytes.count + bytes.count / 8 + 2)
        let hex = Array("0123456789abcdef".utf8)
        // Runs of bytes that need no escape are copied whole.
        var runStart = 0
        for index in bytes.indices {
            let byte = bytes[index]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F else { continue }
            output.append(contentsOf: bytes[runStart..<index])
            runStart = index + 1
            switch byte {
            case 0x22: output += [0x5C, 0x22]
            case 0x5C: output += [0x5C, 0x5C]
            case 0x0A: output += [0x5C, UInt8(ascii: "n")]
            case 0x0D: output += [0x5C, UInt8(ascii: "r")]
            case 0x09: output += [0x5C, UInt8(ascii: "t")]
            case 0x08: output += [0x5C, UInt8(ascii: "b")]
            case 0x0C: output += [0x5C, UInt8(ascii: "f")]
            default: output += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        output.append(contentsOf: bytes[runStart...])
        output.append(UInt8(ascii: "\""))
        return output
    }

    /// A JSON string literal for a Swift string (always valid UTF-8).
    static func quoted(_ text: String) -> [UInt8] {
        quoted(utf8: Array(text.utf8))
    }

    /// Seconds with exactly six decimals, `12.000345`: asciicast times, microsecond
    /// precision, never in exponent form.
    static func seconds(microseconds: Int64) -> String {
        let sign = microseconds < 0 ? "-" : ""
        let magnitude = microseconds.magnitude
        let fraction = String(magnitude % 1_000_000)
        return "\(sign)\(magnitude / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }

    /// An object with keys in the order given; values are JSON text already.
    static func object(_ members: [(String, [UInt8])]) -> [UInt8] {
        var output: [UInt8] = [UInt8(ascii: "{")]
        for (index, member) in members.enumerated() {
            if index > 0 { output += Array(", ".utf8) }
            output += quoted(member.0) + Array(": ".utf8) + member.1
        }
        output.append(UInt8(ascii: "}"))
        return output
    }

    /// An array of JSON values.
    static func array(_ items: [[UInt8]]) -> [UInt8] {
        var output: [UInt8] = [UInt8(ascii: "[")]
        for (index, item) in items.enumerated() {
            if index > 0 { output += Array(", ".utf8) }
            output += item
        }
        output.append(UInt8(ascii: "]"))
        return output
    }

    static func number(_ value: some BinaryInteger) -> [UInt8] { Array(String(value).utf8) }
}

extension Duration {
    /// Whole microseconds, rounded down.
    var microseconds: Int64 {
        components.seconds * 1_000_000 + components.attoseconds / 1_000_000_000_000
    }
}
