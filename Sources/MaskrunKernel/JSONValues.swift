/// Finds the values inside a JSON document with their paths and byte ranges, so the proxy
/// can replace a few strings and keep every other byte as the kernel wrote it (numbers,
/// key order and escapes stay exact; only what is masked changes).
enum JSONValues {
    /// One key or array position on the way to a value.
    enum Step: Equatable {
        case key(String)
        case index(Int)
    }

    enum Kind { case string, object, array, scalar }

    struct Value {
        var path: [Step]
        var kind: Kind
        /// The value's bytes in the document, quotes included for a string.
        var range: Range<Int>
    }

    /// Every value of `document`, parents before their children; nil when it is not JSON.
    static func scan(_ document: [UInt8]) -> [Value]? {
        var scanner = Scanner(bytes: document)
        var values: [Value] = []
        guard scanner.value(path: [], into: &values, depth: 0) else { return nil }
        scanner.skipSpace()
        return scanner.position == document.count ? values : nil
    }

    /// `document` with the byte ranges replaced (ranges must not overlap).
    static func splice(_ document: [UInt8], _ replacements: [(range: Range<Int>, bytes: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(document.count)
        var position = 0
        for replacement in replacements.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            out += document[position..<replacement.range.lowerBound]
            out += replacement.bytes
            position = replacement.range.upperBound
        }
        out += document[position...]
        return out
    }

    /// The text of a JSON string literal (quotes included); nil when malformed.
    static func decodeString(_ literal: ArraySlice<UInt8>) -> [UInt8]? {
        var scanner = Scanner(bytes: Array(literal))
        return scanner.string()
    }

    /// A JSON string literal for UTF-8 text: quotes, backslashes and control characters
    /// escaped, everything else as it is.
    static func encodeString(_ text: some Sequence<UInt8>) -> [UInt8] {
        var out: [UInt8] = [0x22]
        let hex = Array("0123456789abcdef".utf8)
        for byte in text {
            switch byte {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0x08: out += [0x5C, 0x62]
            case 0x0C: out += [0x5C, 0x66]
            case 0..<0x20, 0x7F:
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        out.append(0x22)
        return out
    }

    /// A recursive-descent reader; depth is bounded so no input can exhaust the stack.
    private struct Scanner {
        let bytes: [UInt8]
        var position = 0
        static let maxDepth = 512

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func skipSpace() {
            while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
        }

        mutating func value(path: [Step], into values: inout [Value], depth: Int) -> Bool {
            guard depth < Self.maxDepth else { return false }
            skipSpace()
            guard position < bytes.count else { return false }
            let start = position
            switch bytes[position] {
            case 0x22:
                guard string() != nil else { return false }
                values.append(Value(path: path, kind: .string, range: start..<position))
            case 0x7B:
                let slot = values.count
                values.append(Value(path: path, kind: .object, range: start..<start))
                position += 1
                skipSpace()
                if position < bytes.count, bytes[position] == 0x7D {
                    position += 1
                } else {
                    while true {
                        skipSpace()
                        guard position < bytes.count, bytes[position] == 0x22, let key = string() else { return false }
                        skipSpace()
                        guard position < bytes.count, bytes[position] == 0x3A else { return false }
                        position += 1
                        let name = String(decoding: key, as: UTF8.self)
                        guard value(path: path + [.key(name)], into: &values, depth: depth + 1) else { return false }
                        skipSpace()
                        guard position < bytes.count else { return false }
                        if bytes[position] == 0x2C { position += 1; continue }
                        guard bytes[position] == 0x7D else { return false }
                        position += 1
                        break
                    }
                }
                values[slot].range = start..<position
            case 0x5B:
                let slot = values.count
                values.append(Value(path: path, kind: .array, range: start..<start))
                position += 1
                skipSpace()
                if position < bytes.count, bytes[position] == 0x5D {
                    position += 1
                } else {
                    var index = 0
                    while true {
                        guard value(path: path + [.index(index)], into: &values, depth: depth + 1) else { return false }
                        index += 1
                        skipSpace()
                        guard position < bytes.count else { return false }
                        if bytes[position] == 0x2C { position += 1; continue }
                        guard bytes[position] == 0x5D else { return false }
                        position += 1
                        break
                    }
                }
                values[slot].range = start..<position
            default:
                while position < bytes.count, !",]} \t\r\n".utf8.contains(bytes[position]) { position += 1 }
                guard position > start else { return false }
                values.append(Value(path: path, kind: .scalar, range: start..<position))
            }
            return true
        }

        /// Reads a string literal at `position`; returns its UTF-8 text.
        mutating func string() -> [UInt8]? {
            guard position < bytes.count, bytes[position] == 0x22 else { return nil }
            position += 1
            var out: [UInt8] = []
            while position < bytes.count {
                let byte = bytes[position]
                position += 1
                switch byte {
                case 0x22: return out
                case 0x5C:
                    guard position < bytes.count else { return nil }
                    let escape = bytes[position]
                    position += 1
                    switch escape {
                    case 0x22, 0x5C, 0x2F: out.append(escape)
                    case 0x62: out.append(0x08)
                    case 0x66: out.append(0x0C)
                    case 0x6E: out.append(0x0A)
                    case 0x72: out.append(0x0D)
                    case 0x74: out.append(0x09)
                    case 0x75:
                        guard var scalar = hex4() else { return nil }
                        if (0xD800..<0xDC00).contains(scalar), position + 1 < bytes.count,
                           bytes[position] == 0x5C, bytes[position + 1] == 0x75 {
                            let save = position
                            position += 2
                            if let low = hex4(), (0xDC00..<0xE000).contains(low) {
                                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                position = save
                            }
                        }
                        // A lone surrogate becomes U+FFFD, as Python's decoder would not
                        // produce valid UTF-8 for it either.
                        let value = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                        out += Array(String(Character(value)).utf8)
                    default: return nil
                    }
                default: out.append(byte)
                }
            }
            return nil
        }

        private mutating func hex4() -> UInt32? {
            guard position + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for byte in bytes[position..<position + 4] {
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                default: return nil
                }
                value = value << 4 | digit
            }
            position += 4
            return value
        }
    }
}
