import Foundation
import MaskrunEngine
import MaskrunSystem

/// Keeps the first pass's compiled Vectorscan databases in `$XDG_CACHE_HOME/maskrun` (or
/// `~/.cache/maskrun`): compiling the built-in keywords took most of maskrun's start-up,
/// loading them takes well under a millisecond. Only public text is ever compiled into a
/// cached database (vendors' keywords and shapes, never a policy's literal values).
///
/// Best effort, and never trusted blindly: a file is used only when it and its folder
/// belong to this user and nobody else may write to them and its header names the same
/// key (the engine checks the digest inside); anything else is compiled again. `MASKRUN_CACHE=0` turns the
/// cache off.
enum VectorscanFileCache {
    static let magic = Array("maskrun vectorscan cache 1\n".utf8)
    /// More entries than catalogues in use (policies differ, upgrades change keys).
    static let maximumEntries = 8
    static let maximumSize = 16 << 20

    /// The cache for `environment`, nil when it is turned off or has no home.
    static func make(environment: [String: String]) -> VectorscanCache? {
        if environment["MASKRUN_CACHE"] == "0" { return nil }
        let folder: String
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            folder = xdg + "/maskrun"
        } else if let home = environment["HOME"], home.hasPrefix("/") {
            folder = home + "/.cache/maskrun"
        } else {
            return nil
        }
        return VectorscanCache(load: { load(key: $0, folder: folder) }, store: { store(key: $0, bytes: $1, folder: folder) })
    }

    static func path(key: String, folder: String) -> String {
        let kind = kind(of: key)
        return "\(folder)/\(kind.prefix)\(key.dropFirst(kind.keyPrefix.count).prefix(32))\(kind.suffix)"
    }

    /// Databases, and the built-in patterns' PCRE2 code (`PCRE2CodeCache`, keys starting
    /// `pcre2-`): one file per pattern that got a candidate, a few hundred at most per
    /// catalogue, pruned apart from the databases so they never push one out.
    struct Kind {
        let keyPrefix: String, prefix: String, suffix: String, maximumEntries: Int
    }
    static let database = Kind(keyPrefix: "", prefix: "vectorscan-", suffix: ".db", maximumEntries: maximumEntries)
    static let code = Kind(keyPrefix: "pcre2-", prefix: "pcre2-", suffix: ".code", maximumEntries: 1024)
    static func kind(of key: String) -> Kind { key.hasPrefix(code.keyPrefix) ? code : database }

    /// True the first time it is asked in a process.
    final class FirstTime: @unchecked Sendable {
        private let lock = NSLock()
        private var asked = false

        func isFirst() -> Bool {
            lock.lock()
            defer { lock.unlock() }
            defer { asked = true }
            return !asked
        }
    }
    private static let codePruning = FirstTime()

    /// Whether `status` is this user's and writable by nobody else.
    private static func isPrivate(_ status: FileStatus?, _ kind: FileStatus.Kind) -> Bool {
        guard let status else { return false }
        return status.kind == kind && status.owner == POSIX.effectiveUser() && status.permissions & 0o022 == 0
    }

    private static func header(key: String) -> [UInt8] { magic + Array("\(key)\n".utf8) }

    static func load(key: String, folder: String) -> [UInt8]? {
        let file = path(key: key, folder: folder)
        guard isPrivate(try? POSIX.linkStatus(folder), .directory), isPrivate(try? POSIX.linkStatus(file), .regular),
            let content = try? POSIX.readFile(file, limit: maximumSize)
        else { return nil }
        let header = header(key: key)
        guard content.count > header.count, content.starts(with: header) else { return nil }
        return Array(content[header.count...])
    }

    static func store(key: String, bytes: [UInt8], folder: String) {
        let parent = String(folder[..<(folder.lastIndex(of: "/") ?? folder.startIndex)])
        if !parent.isEmpty, (try? POSIX.linkStatus(parent)) == nil { _ = try? POSIX.makeDirectory(parent, mode: 0o700) }
        _ = try? POSIX.makeDirectory(folder, mode: 0o700)
        guard isPrivate(try? POSIX.linkStatus(folder), .directory) else { return }
        let file = path(key: key, folder: folder)
        // Written aside and renamed: a reader sees a whole file or none.
        let temporary = "\(file).\(POSIX.processID()).tmp"
        do throws(SystemError) {
            var descriptor = try POSIX.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode: 0o600)
            defer { _ = try? descriptor.close(path: temporary) }
            try POSIX.writeAll(descriptor.rawValue, header(key: key) + bytes, path: temporary)
        } catch {
            POSIX.remove(temporary)
            return
        }
        if rename(temporary, file) != 0 { POSIX.remove(temporary) }
        let kind = kind(of: key)
        // Code entries are pruned at a process's first store only: listing the folder at each
        // of a first run's ~200 stores cost more than the compilations they save.
        if kind.prefix != code.prefix || codePruning.isFirst() { prune(folder: folder, keeping: file, kind: kind) }
    }

    /// Removes the oldest entries of `kind` past its `maximumEntries`.
    private static func prune(folder: String, keeping kept: String, kind: Kind) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: folder) else { return }
        let entries = names.filter { $0.hasPrefix(kind.prefix) && $0.hasSuffix(kind.suffix) }.map { "\(folder)/\($0)" }
        guard entries.count > kind.maximumEntries else { return }
        let dated = entries.filter { $0 != kept }.map { path -> (String, Date) in
            let attributes = try? manager.attributesOfItem(atPath: path)
            return (path, attributes?[.modificationDate] as? Date ?? .distantPast)
        }
        for (path, _) in dated.sorted(by: { $0.1 < $1.1 }).prefix(entries.count - kind.maximumEntries) { POSIX.remove(path) }
    }
}
