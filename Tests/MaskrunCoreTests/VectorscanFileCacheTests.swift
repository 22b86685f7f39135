import Foundation
import MaskrunEngine
import Testing

@testable import MaskrunCore

/// The cache of compiled Vectorscan databases on disk: an entry comes back as it was stored,
/// only from a folder and file that are this user's and writable by nobody else, only under
/// its own key, and `MASKRUN_CACHE=0` turns it off.
@Suite struct VectorscanFileCacheTests {
    static func folder() -> String {
        let path = NSTemporaryDirectory() + "maskrun-cache-\(UUID().uuidString)"
        return path + "/maskrun"
    }

    @Test func anEntryComesBackUnderItsKeyOnly() throws {
        let folder = Self.folder()
        let key = String(repeating: "ab", count: 32), other = String(repeating: "cd", count: 32)
        let bytes: [UInt8] = Array(0...255) + Array(0...255)
        VectorscanFileCache.store(key: key, bytes: bytes, folder: folder)
        #expect(VectorscanFileCache.load(key: key, folder: folder) == bytes)
        #expect(VectorscanFileCache.load(key: other, folder: folder) == nil)
        let attributes = try FileManager.default.attributesOfItem(atPath: folder)
        #expect((attributes[.posixPermissions] as? Int) == 0o700)
        // Same file name prefix, another key in the header: not used.
        let clash = String(key.prefix(32)) + String(repeating: "ef", count: 16)
        #expect(VectorscanFileCache.load(key: clash, folder: folder) == nil)
    }

    @Test func aFolderOthersMayWriteToIsNotUsed() throws {
        let folder = Self.folder()
        let key = String(repeating: "12", count: 32)
        VectorscanFileCache.store(key: key, bytes: [1, 2, 3], folder: folder)
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder)
        #expect(VectorscanFileCache.load(key: key, folder: folder) == nil)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder)
        #expect(VectorscanFileCache.load(key: key, folder: folder) == [1, 2, 3])
        try FileManager.default.setAttributes(
            [.posixPermissions: 0o666], ofItemAtPath: VectorscanFileCache.path(key: key, folder: folder))
        #expect(VectorscanFileCache.load(key: key, folder: folder) == nil)
    }

    static func key(_ index: Int) -> String { String(format: "%032x", index) + String(repeating: "0", count: 32) }

    @Test func oldEntriesArePruned() throws {
        let folder = Self.folder()
        for index in 0..<(VectorscanFileCache.maximumEntries + 4) {
            VectorscanFileCache.store(key: Self.key(index), bytes: [UInt8(index)], folder: folder)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(names.count == VectorscanFileCache.maximumEntries)
        #expect(VectorscanFileCache.load(key: Self.key(VectorscanFileCache.maximumEntries + 3), folder: folder) == [UInt8(VectorscanFileCache.maximumEntries + 3)])
    }

    /// The built-in patterns' PCRE2 code (keys `pcre2-…`) is kept in files of its own, pruned
    /// apart: a run that keeps many patterns never pushes a database out.
    @Test func patternCodeNeverPushesADatabaseOut() throws {
        let folder = Self.folder()
        for index in 0..<VectorscanFileCache.maximumEntries {
            VectorscanFileCache.store(key: Self.key(index), bytes: [UInt8(index)], folder: folder)
        }
        let codeKey = { (index: Int) in "pcre2-" + String(format: "%032x", index + 1000) }
        for index in 0..<(VectorscanFileCache.maximumEntries * 3) {
            VectorscanFileCache.store(key: codeKey(index), bytes: [UInt8(index), 7], folder: folder)
        }
        for index in 0..<VectorscanFileCache.maximumEntries {
            #expect(VectorscanFileCache.load(key: Self.key(index), folder: folder) == [UInt8(index)])
        }
        for index in 0..<(VectorscanFileCache.maximumEntries * 3) {
            #expect(VectorscanFileCache.load(key: codeKey(index), folder: folder) == [UInt8(index), 7])
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        #expect(names.filter { $0.hasPrefix("pcre2-") && $0.hasSuffix(".code") }.count == VectorscanFileCache.maximumEntries * 3)
    }

    @Test func theEnvironmentChoosesTheFolder() {
        #expect(VectorscanFileCache.make(environment: ["HOME": "/h", "MASKRUN_CACHE": "0"]) == nil)
        #expect(VectorscanFileCache.make(environment: [:]) == nil)
        #expect(VectorscanFileCache.make(environment: ["HOME": "relative"]) == nil)
        #expect(VectorscanFileCache.make(environment: ["HOME": "/h"]) != nil)
    }
}
