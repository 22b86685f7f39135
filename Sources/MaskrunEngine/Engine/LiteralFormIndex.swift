#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every occurrence of a growing set of literals, each at least eight bytes long (the
/// learned values' forms), found in one pass that looks at every fourth position.
///
/// An occurrence starting at `p` covers one of the probed positions `q` (`from`, `from + 4`,
/// …) with `p <= q <= p + 3`, and the four bytes at `q` are then bytes 0…3, 1…4, 2…5 or
/// 3…6 of the literal. So each literal's four windows at offsets 0…3 are hashed into a
/// bitmap, and where a probe's window misses it, four starts are ruled out at once; where it
/// hits, each of the four starts is looked up in an open-addressed table: a literal of
/// fewer than 16 bytes by its first eight, a longer one by its first sixteen, so a chain
/// holds only literals that begin alike that far (learned IPv6 addresses all begin
/// `2001:db8`, and keyed by eight bytes they made one chain of hundreds).
///
/// Measured before it was written (session 6): a Vectorscan literal database took 20 ms to
/// build for 100 such literals, 380 ms for 1,000 and 5.4 s for 14,000, and scanned 2.8 GB/s,
/// 180 MB/s and 100 MB/s; a store that grows while the stream runs needs neither.
struct LiteralFormIndex {
    static let minimumLength = 8

    /// The literals' bytes, one after another, and where each starts (the last entry is the
    /// end): compared in place, without an array per literal.
    private var store: [UInt8] = []
    private var starts: [Int] = [0]
    /// Open addressing by a literal's first eight bytes and, for one of 16 bytes or more,
    /// the next eight (`longKeys`, `isLong`): the key, and the newest literal with it (-1:
    /// empty slot); `next` chains the older ones.
    private var keys: [UInt64] = Array(repeating: 0, count: 64)
    private var longKeys: [UInt64] = Array(repeating: 0, count: 64)
    private var isLong: [Bool] = Array(repeating: false, count: 64)
    private var heads: [Int32] = Array(repeating: -1, count: 64)
    private var next: [Int32] = []
    private var distinctKeys = 0
    /// Bit `windowSlot(w)` is set for each window `w` at offsets 0…3 of some literal.
    private var windows: [UInt64] = Array(repeating: 0, count: 1 << (LiteralFormIndex.minimumWindowBits - 6))
    private var windowBits = LiteralFormIndex.minimumWindowBits

    /// Sized to the literals: about one bit in 32 set, so a probe rarely looks further.
    private static let minimumWindowBits = 12
    private static let maximumWindowBits = 22

    var count: Int { starts.count - 1 }

    /// Adds a literal (at least `minimumLength` bytes); its index is the count before.
    mutating func insert(_ literal: [UInt8]) {
        precondition(literal.count >= LiteralFormIndex.minimumLength, "indexed literals have eight bytes")
        // Grown first, so the table re-adds only the literals before this one.
        if (distinctKeys + 1) * 2 > keys.count { growTable() }
        let index = count
        store += literal
        starts.append(store.count)
        next.append(-1)
        addKey(of: index)
        let wanted = min(LiteralFormIndex.maximumWindowBits, max(LiteralFormIndex.minimumWindowBits, Self.log2Ceiling(count * 4 * 32)))
        if wanted > windowBits {
            windowBits = wanted
            windows = Array(repeating: 0, count: 1 << (wanted - 6))
            for literal in 0..<count { addWindows(of: literal) }
        } else {
            addWindows(of: index)
        }
    }

    /// The bytes of literal `index`.
    func literal(_ index: Int) -> ArraySlice<UInt8> { store[starts[index]..<starts[index + 1]] }

    /// Calls `body(start, literal)` for every occurrence of every literal that starts in
    /// `bytes[from...]` and ends by `bytes.count`, overlapping ones included, by ascending
    /// start (literals at one start in no particular order).
    func forEachOccurrence(in bytes: UnsafeBufferPointer<UInt8>, from: Int, _ body: (Int, Int) -> Void) {
        let end = bytes.count
        guard count > 0, end - from >= LiteralFormIndex.minimumLength, let base = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        let shift = UInt32(32 - windowBits)
        windows.withUnsafeBufferPointer { windows in
            keys.withUnsafeBufferPointer { keys in
              longKeys.withUnsafeBufferPointer { longKeys in
               isLong.withUnsafeBufferPointer { isLong in
                heads.withUnsafeBufferPointer { heads in
                    next.withUnsafeBufferPointer { next in
                        store.withUnsafeBufferPointer { store in
                            starts.withUnsafeBufferPointer { starts in
                                let mask = keys.count - 1
                                var probe = from
                                // The last start with eight bytes left, and the last probe that
                                // can cover a start up to it.
                                let lastStart = end - LiteralFormIndex.minimumLength
                                while probe <= lastStart + 3 && probe + 4 <= end {
                                    let window = raw.loadUnaligned(fromByteOffset: probe, as: UInt32.self)
                                    let slot = Int(truncatingIfNeeded: (window &* 0x9E37_79B1) >> shift)
                                    if windows[slot >> 6] & (1 << UInt64(slot & 63)) != 0 {
                                        var start = max(from, probe - 3)
                                        while start <= min(probe, lastStart) {
                                            let key = raw.loadUnaligned(fromByteOffset: start, as: UInt64.self)
                                            // Literals of 8…15 bytes by their first eight, longer ones
                                            // by sixteen where the text has them.
                                            var long = false
                                            while !long || start + 16 <= end {
                                                let second = long ? raw.loadUnaligned(fromByteOffset: start + 8, as: UInt64.self) : 0
                                                var position = Self.keySlot(key, second, long: long) & mask
                                                while heads[position] >= 0 {
                                                    if keys[position] == key && isLong[position] == long && longKeys[position] == second {
                                                        var literal = Int(heads[position])
                                                        let known = long ? 16 : 8
                                                        while literal >= 0 {
                                                            let first = starts[literal], length = starts[literal + 1] - first
                                                            if length <= end - start
                                                                && memcmp(base + start + known, store.baseAddress! + first + known, length - known) == 0
                                                            {
                                                                body(start, literal)
                                                            }
                                                            literal = Int(next[literal])
                                                        }
                                                        break
                                                    }
                                                    position = (position + 1) & mask
                                                }
                                                if long { break }
                                                long = true
                                            }
                                            start += 1
                                        }
                                    }
                                    probe += 4
                                }
                            }
                        }
                    }
                }
               }
              }
            }
        }
    }

    private func word(of index: Int, at offset: Int) -> UInt64 {
        store.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: starts[index] + offset, as: UInt64.self) }
    }

    private mutating func addKey(of index: Int) {
        let long = starts[index + 1] - starts[index] >= 16
        let key = word(of: index, at: 0), second = long ? word(of: index, at: 8) : 0
        let mask = keys.count - 1
        var position = Self.keySlot(key, second, long: long) & mask
        while heads[position] >= 0 && !(keys[position] == key && isLong[position] == long && longKeys[position] == second) {
            position = (position + 1) & mask
        }
        if heads[position] < 0 {
            keys[position] = key
            longKeys[position] = second
            isLong[position] = long
            distinctKeys += 1
        }
        next[index] = heads[position]
        heads[position] = Int32(index)  // fewer than 2^31: the store is bounded in bytes
    }

    private mutating func growTable() {
        keys = Array(repeating: 0, count: keys.count * 2)
        longKeys = Array(repeating: 0, count: keys.count)
        isLong = Array(repeating: false, count: keys.count)
        heads = Array(repeating: -1, count: keys.count)
        distinctKeys = 0
        // Re-chained oldest first, so each chain is newest first again.
        for index in 0..<count { addKey(of: index) }
    }

    private mutating func addWindows(of index: Int) {
        let shift = UInt32(32 - windowBits)
        let first = starts[index]
        for offset in 0..<4 {
            let window = store.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: first + offset, as: UInt32.self) }
            let slot = Int(truncatingIfNeeded: (window &* 0x9E37_79B1) >> shift)
            windows[slot >> 6] |= 1 << UInt64(slot & 63)
        }
    }

    @inline(__always)
    private static func keySlot(_ key: UInt64, _ second: UInt64, long: Bool) -> Int {
        let mixed = long ? (key ^ (second &* 0xC2B2_AE3D_27D4_EB4F)) &+ 1 : key
        return Int(truncatingIfNeeded: (mixed &* 0x9E37_79B9_7F4A_7C15) >> 40)
    }

    private static func log2Ceiling(_ value: Int) -> Int {
        value <= 1 ? 0 : Int.bitWidth - (value - 1).leadingZeroBitCount
    }
}
