#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens `/dev/null` on each of descriptors 0, 1 and 2 that is closed (SPEC §7), as the
/// first thing maskrun does: otherwise the next file opened, a recording or a pipe to
/// the child, would take the free number and be read or written as stdin, stdout or
/// stderr. open(2) returns the lowest free descriptor, so the loop fills them in order.
public func reopenClosedStandardDescriptors() {
    for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
        var opened: Int32
        repeat {
            opened = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY)
        } while opened == -1 && errno == EINTR
        // Should /dev/null be missing, a later write to this descriptor fails with EBADF,
        // which maskrun reports; nothing else can be done this early.
        if opened != -1 && opened != fd {
            _ = dup2(opened, fd)
            _ = close(opened)
        }
    }
}
