/// A descriptor maskrun opened and owns (as swift-subprocess's `IODescriptor`): it cannot
/// be copied, so it is closed exactly once, by `close()` or when its owner goes. Every
/// one is opened close-on-exec (`POSIX.open`). maskrun's own stdin, stdout and stderr are
/// never wrapped in one: maskrun does not own them.
public struct OwnedDescriptor: ~Copyable {
    /// -1 once closed.
    public private(set) var rawValue: Int32

    public init(owning rawValue: Int32) {
        self.rawValue = rawValue
    }

    public var isOpen: Bool { rawValue >= 0 }

    /// Closes now; later calls do nothing. An error (NFS reporting a failed write late)
    /// is still worth telling.
    public mutating func close(path: String? = nil) throws(SystemError) {
        guard rawValue >= 0 else { return }
        let closing = rawValue
        rawValue = -1
        try POSIX.close(closing, path: path)
    }

    deinit {
        if rawValue >= 0 { _ = try? POSIX.close(rawValue) }
    }
}
