import MaskrunSystem

/// Opening recording files the way SPEC §5 asks: created new with mode 0600 whatever the
/// umask, never through a symbolic link at the final path, and never over an existing
/// file unless appending was asked for. Recordings hold what the command printed; a
/// world-readable file or a planted symlink would hand it to someone else.
extension RecordingFile {
    /// What to do when a file is already at the path.
    public enum ExistingFile: Sendable {
        /// Refuse: the error has errno EEXIST, so the caller can suggest `--append`.
        case refuse
        /// Add to its end (`--append`), only when it is a regular file the user owns, with
        /// one link and no access for group or others (SPEC §5); anything else is refused
        /// before a byte or a mode bit of it changes.
        case append
        /// Try `name-2.ext`, `name-3.ext`, ...: for paths from a template with `{time}` or
        /// `{pid}`, which are meant to be new each run.
        case pickAnotherName
    }

    /// Opens `path` for writing under the rules above. The parent directory must exist
    /// (`createParentDirectories(of:)`). The error names the path and the errno text.
    public static func open(_ path: String, existing: ExistingFile) throws(RecordingError) -> RecordingFile {
        switch existing {
        case .refuse:
            return try create(path)
        case .append:
            do {
                return try create(path)
            } catch where error.errno == EEXIST {
                return try openForAppending(path)
            }
        case .pickAnotherName:
            for attempt in 1...1000 {
                let candidate = attempt == 1 ? path : numbered(path, attempt)
                do {
                    return try create(candidate)
                } catch where error.errno == EEXIST {
                    continue
                }
            }
            throw RecordingError("\(path): a thousand files with this name exist already", errno: EEXIST)
        }
    }

    /// O_CREAT|O_EXCL|O_NOFOLLOW: fails when anything, a dangling symlink included, is
    /// at the path. The open mode passes through the umask, which can only take bits
    /// away; fchmod then makes it exactly 0600 whatever the umask was.
    private static func create(_ path: String) throws(RecordingError) -> RecordingFile {
        var descriptor = try openNew(path)
        let fd = descriptor.rawValue
        do throws(SystemError) {
            try POSIX.changeMode(fd, 0o600, path: path)
        } catch {
            _ = try? descriptor.close(path: path)
            POSIX.remove(path)
            throw RecordingError(error)
        }
        return RecordingFile(descriptor: descriptor, path: path, created: true, initialSize: 0)
    }

    private static func openNew(_ path: String) throws(RecordingError) -> OwnedDescriptor {
        do throws(SystemError) {
            return try POSIX.open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode: 0o600)
        } catch where error.errno == EEXIST {
            if (try? POSIX.linkStatus(path))??.kind == .symbolicLink { throw symlinkError(path) }
            throw RecordingError("\(path): the file exists; maskrun does not overwrite recordings", errno: EEXIST)
        } catch {
            throw RecordingError(error)
        }
    }

    /// O_APPEND|O_NOFOLLOW on an existing file; readable too, for the asciicast header.
    /// The checks are made on the opened descriptor (fstat), so the file cannot be swapped
    /// between check and use; O_NONBLOCK keeps a FIFO planted at the path from blocking
    /// the open. Nothing is written or chmodded before they pass: a file another user can
    /// read, or a second name (hard link) of someone else's file, would receive raw output.
    private static func openForAppending(_ path: String) throws(RecordingError) -> RecordingFile {
        let descriptor = try openExisting(path)
        let fd = descriptor.rawValue
        let status = try system { () throws(SystemError) in try POSIX.status(fd, path: path) }
        if let refusal = appendRefusal(status, user: POSIX.effectiveUser()) {
            throw RecordingError("\(path): \(refusal); --append adds only to a private file of your own (mode 0600)", errno: EPERM)
        }
        let size = try system { () throws(SystemError) in try POSIX.size(fd, path: path) }
        return RecordingFile(descriptor: descriptor, path: path, created: false, initialSize: size)
    }

    private static func openExisting(_ path: String) throws(RecordingError) -> OwnedDescriptor {
        do throws(SystemError) {
            return try POSIX.open(path, O_RDWR | O_APPEND | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY)
        } catch where error.errno == ELOOP {
            throw symlinkError(path)
        } catch {
            throw RecordingError(error)
        }
    }

    /// Why a file may not be appended to, or nil when it may (SPEC §5).
    static func appendRefusal(_ status: FileStatus, user: uid_t) -> String? {
        if status.kind != .regular { return "is not a regular file" }
        if status.owner != user { return "belongs to another user" }
        if status.links != 1 { return "has \(status.links) hard links" }
        if status.permissions & 0o077 != 0 {
            return "can be accessed by group or others (mode 0\(String(status.permissions, radix: 8)))"
        }
        return nil
    }

    private static func symlinkError(_ path: String) -> RecordingError {
        RecordingError("\(path): is a symbolic link; maskrun does not write recordings through one", errno: ELOOP)
    }

    /// `dir/name.cast.age` → `dir/name-2.cast.age`: the number goes before the first dot
    /// of the file name (not a leading one), so extensions stay intact.
    static func numbered(_ path: String, _ number: Int) -> String {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let name = path[slash...]
        let searchFrom = name.first == "." ? name.index(after: name.startIndex) : name.startIndex
        let dot = name[searchFrom...].firstIndex(of: ".") ?? name.endIndex
        return String(path[..<dot]) + "-\(number)" + String(path[dot...])
    }

    /// Creates the missing directories above `path`, each 0700 (chmod after mkdir, since
    /// the umask may cut mkdir's mode). Existing directories are left as they are.
    public static func createParentDirectories(of path: String) throws(RecordingError) {
        var missing: [String] = []
        var directory = parent(of: path)
        while !directory.isEmpty, directory != "/", try system({ () throws(SystemError) in try POSIX.linkStatus(directory) }) == nil {
            missing.append(directory)
            directory = parent(of: directory)
        }
        for directory in missing.reversed() {
            try system { () throws(SystemError) in
                if try POSIX.makeDirectory(directory, mode: 0o700) {
                    try POSIX.changeMode(directory, 0o700)
                }
            }
        }
    }

    /// The path of the directory a file is in, after the file has been opened: its parent
    /// resolved (symbolic links, `..`) and the file name. Two recordings with equal
    /// identities would be one file.
    public static func identity(of path: String) throws(RecordingError) -> String {
        let directory = parent(of: path)
        let resolved = try system { () throws(SystemError) in try POSIX.resolvedPath(directory.isEmpty ? "." : directory) }
        return resolved + "/" + name(of: path)
    }

    static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.last == "/" { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "" }
        if slash == trimmed.startIndex { return "/" }
        return String(trimmed[..<slash])
    }

    static func name(of path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
