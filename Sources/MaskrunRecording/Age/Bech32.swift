/// Bech32 (BIP 173), as age uses it for keys: `age1...` recipients and
/// `AGE-SECRET-KEY-1...` identities. Unlike BIP 173 there is no length limit, and the
/// checksum constant is 1 (bech32, not bech32m).
enum Bech32 {
    private static let alphabet = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)
    private static let generator: [UInt32] = [0x3B6A_57B2, 0x2650_8E6D, 0x1EA1_19FA, 0x3D42_33DD, 0x2A14_62B3]

    enum Failure: Error, Equatable {
        case mixedCase, noSeparator, badCharacter, badChecksum, badPadding
    }

    /// `hrp` (lowercase) + `1` + the data in 5-bit groups + a 6-character checksum.
    static func encode(hrp: String, data: [UInt8]) -> String {
        let hrpBytes = Array(hrp.lowercased().utf8)
        // With padding, regroup has no failure: only the unpadded check returns nil.
        let values = regroup(data, from: 8, to: 5, pad: true)!
        let checksum = checksum(hrp: hrpBytes, values: values)
        return hrp.lowercased() + "1" + String(decoding: (values + checksum).map { alphabet[Int($0)] }, as: UTF8.self)
    }

    /// The human-readable part (lowercase) and the data; the string may be all uppercase
    /// (as age identities are) or all lowercase, never mixed.
    static func decode(_ text: String) throws(Failure) -> (hrp: String, data: [UInt8]) {
        let bytes = Array(text.utf8)
        let hasLower = bytes.contains { (0x61...0x7A).contains($0) }
        let hasUpper = bytes.contains { (0x41...0x5A).contains($0) }
        if hasLower && hasUpper { throw .mixedCase }
        let lower = bytes.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }
        guard let separator = lower.lastIndex(of: UInt8(ascii: "1")), separator > 0,
            lower.count - separator - 1 >= 6
        else { throw .noSeparator }
        let hrp = Array(lower[..<separator])
        guard hrp.allSatisfy({ (33...126).contains($0) }) else { throw .badCharacter }
        var values: [UInt8] = []
        for byte in lower[(separator + 1)...] {
            guard let value = alphabet.firstIndex(of: byte) else { throw .badCharacter }
            values.append(UInt8(value))
        }
        guard polymod(expand(hrp) + values) == 1 else { throw .badChecksum }
        guard let data = regroup(Array(values.dropLast(6)), from: 5, to: 8, pad: false) else { throw .badPadding }
        return (String(decoding: hrp, as: UTF8.self), data)
    }

    private static func checksum(hrp: [UInt8], values: [UInt8]) -> [UInt8] {
        let mod = polymod(expand(hrp) + values + [0, 0, 0, 0, 0, 0]) ^ 1
        return (0..<6).map { UInt8((mod >> (5 * (5 - UInt32($0)))) & 31) }
    }

    private static func expand(_ hrp: [UInt8]) -> [UInt8] {
        hrp.map { $0 >> 5 } + [0] + hrp.map { $0 & 31 }
    }

    private static func polymod(_ values: [UInt8]) -> UInt32 {
        var check: UInt32 = 1
        for value in values {
            let top = check >> 25
            check = (check & 0x1FF_FFFF) << 5 ^ UInt32(value)
            for bit in 0..<5 where (top >> bit) & 1 == 1 { check ^= generator[bit] }
        }
        return check
    }

    /// Regroups bits (8 to 5 for encoding, 5 to 8 for decoding). Decoding rejects more
    /// than 4 bits of padding, or padding that is not zero.
    private static func regroup(_ data: [UInt8], from: Int, to: Int, pad: Bool) -> [UInt8]? {
        var accumulator = 0, bits = 0
        var output: [UInt8] = []
        let mask = (1 << to) - 1
        for value in data {
            accumulator = (accumulator << from) | Int(value)
            bits += from
            while bits >= to {
                bits -= to
                output.append(UInt8((accumulator >> bits) & mask))
            }
            accumulator &= (1 << bits) - 1
        }
        if pad {
            if bits > 0 { output.append(UInt8((accumulator << (to - bits)) & mask)) }
        } else if bits >= from || (accumulator << (to - bits)) & mask != 0 {
            return nil
        }
        return output
    }
}
