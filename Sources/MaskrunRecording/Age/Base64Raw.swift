import Foundation

/// Unpadded standard base64, as the age header uses it. Decoding accepts only canonical
/// encodings (as the age spec requires), so one header has one spelling.
enum Base64Raw {
    static func encode(_ bytes: [UInt8]) -> String {
        var text = Data(bytes).base64EncodedString()
        while text.last == "=" { text.removeLast() }
        return text
    }

    static func decode(_ text: some StringProtocol) -> [UInt8]? {
        let text = String(text)
        guard !text.contains("="), text.utf8.count % 4 != 1 else { return nil }
        let padded = text + String(repeating: "=", count: (4 - text.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: padded) else { return nil }
        let bytes = Array(data)
        return encode(bytes) == text ? bytes : nil
    }
}
