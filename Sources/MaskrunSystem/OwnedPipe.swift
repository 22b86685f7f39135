import CSystem

/// Both ends of a new pipe, each owned and close-on-exec (pipe2 O_CLOEXEC).
// Frozen, so its owner may take each end on its own (partial consumption across modules).
@frozen
public struct OwnedPipe: ~Copyable {
    public var readEnd: OwnedDescriptor
    public var writeEnd: OwnedDescriptor

    public init() throws(SystemError) {
        var ends: [Int32] = [-1, -1]
        try POSIX.retrying("pipe2") { maskrun_system_pipe_cloexec(&ends) }
        readEnd = OwnedDescriptor(owning: ends[0])
        writeEnd = OwnedDescriptor(owning: ends[1])
    }
}
