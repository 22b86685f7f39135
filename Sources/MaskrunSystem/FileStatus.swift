/// What stat(2) says about a file, in the terms maskrun decides on.
public struct FileStatus: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case regular, directory, symbolicLink, other
    }

    public var kind: Kind
    public var owner: uid_t
    public var links: UInt64
    /// The permission bits (with setuid, setgid and sticky).
    public var permissions: mode_t
    /// The file system and inode (st_dev, st_ino): equal for two descriptors on one file
    /// or pipe.
    public var device: UInt64 = 0
    public var inode: UInt64 = 0
    /// For a device file (a terminal), the device it is (st_rdev).
    public var representedDevice: UInt64 = 0

    public init(kind: Kind, owner: uid_t, links: UInt64, permissions: mode_t) {
        self.kind = kind
        self.owner = owner
        self.links = links
        self.permissions = permissions
    }

    init(_ info: stat) {
        switch info.st_mode & S_IFMT {
        case S_IFREG: kind = .regular
        case S_IFDIR: kind = .directory
        case S_IFLNK: kind = .symbolicLink
        default: kind = .other
        }
        owner = info.st_uid
        links = UInt64(info.st_nlink)
        permissions = info.st_mode & 0o7777
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        representedDevice = UInt64(info.st_rdev)
    }
}
