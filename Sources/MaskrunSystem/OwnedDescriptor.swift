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

    /// A descriptor that is not there (a stream the session does not have): closing it
    /// does nothing.
    public static var none: OwnedDescriptor { OwnedDescriptor(owning: -1) }

    public var isOpen: Bool { rawValue >= 0 }

    /// The raw value while open, nil once closed (or for `none`).
    public var ifOpen: Int32? { rawValue >= 0 ? rawValue : nil }

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
