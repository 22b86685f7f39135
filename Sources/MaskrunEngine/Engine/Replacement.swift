import Foundation
import Crypto

/// How a masked span is written out (SPEC §2, `replacement:`).
public enum Replacement: Sendable, Equatable {
    /// A text where `{rule}` becomes the rule id, e.g. `[MASKED:{rule}]`.
    case template(String)
    /// The same number of characters, all `*`.
    case mask
    /// `****` followed by the value's last four characters; short values keep nothing.
    case partial
    /// `[hash:<12 hex>]`, a keyed HMAC-SHA256, so equal values correlate without being recoverable.
    case hash
    /// Nothing at all.
    case drop

    public static let defaultTemplate = "[MASKED:{rule}]"

    /// The policy keyword for each style; any other string is a template.
    public init(policyValue: String) {
        switch policyValue {
        case "mask": self = .mask
        case "partial": self = .partial
        case "hash": self = .hash
        case "drop": self = .drop
        case "template": self = .template(Replacement.defaultTemplate)
        default: self = .template(policyValue)
        }
    }

    /// The word used for this style in audit events and `policy show`.
    public var kind: String {
        switch self {
        case .template: return "template"
        case .mask: return "mask"
        case .partial: return "partial"
        case .hash: return "hash"
        case .drop: return "drop"
        }
    }

    /// Values shorter than this keep none of their characters under `partial`.
    static let partialMinimumLength = 12

    /// The bytes that stand in for `value`.
    func render(ruleID: String, value: ArraySlice<UInt8>, key: SymmetricKey) -> [UInt8] {
        switch self {
        case .template(let text):
            return Array(text.replacingOccurrences(of: "{rule}", with: ruleID).utf8)
        case .mask:
            return [UInt8](repeating: UInt8(ascii: "*"), count: characterCount(value))
        case .partial:
            let stars = Array("****".utf8)
            guard characterCount(value) >= Replacement.partialMinimumLength else { return stars }
            return stars + lastCharacters(value, count: 4)
        case .hash:
            return Array("[hash:\(Fingerprint.hex(of: value, key: key))]".utf8)
        case .drop:
            return []
        }
    }
}

/// Keyed fingerprints of masked values: what `hash` prints and what the audit log records.
public enum Fingerprint {
    /// The first 12 hex digits of HMAC-SHA256(key, value).
    public static func hex(of value: some Collection<UInt8>, key: SymmetricKey) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(value), using: key)
        return mac.prefix(6).map { byte in
            let digits = Array("0123456789abcdef".utf8)
            return String(decoding: [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]], as: UTF8.self)
        }.joined()
    }
}

/// Counts UTF-8 characters, treating each byte of invalid UTF-8 as one character.
func characterCount(_ bytes: ArraySlice<UInt8>) -> Int {
    bytes.reduce(0) { count, byte in (byte & 0xC0) == 0x80 ? count : count + 1 }
}

/// The last `count` characters of `bytes`, never splitting a UTF-8 sequence.
func lastCharacters(_ bytes: ArraySlice<UInt8>, count: Int) -> [UInt8] {
    var index = bytes.endIndex
    var seen = 0
    while index > bytes.startIndex && seen < count {
        index -= 1
        if (bytes[index] & 0xC0) != 0x80 { seen += 1 }
    }
    return Array(bytes[index...])
}
