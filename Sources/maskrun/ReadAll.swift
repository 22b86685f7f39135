import MaskrunCore
import MaskrunSystem

/// Everything readable from `path` (`-`: standard input), at most `limit` bytes, or a
/// `MaskrunFailure` naming it and the failed call's own errno (read at once by
/// MaskrunSystem, never a stale one left by an earlier call): a directory, an unreadable
/// file, a pipe or device that ends in an error.
func readAll(_ path: String, limit: Int = .max) throws(MaskrunFailure) -> [UInt8] {
    let name = path == "-" ? "standard input" : path
    do throws(SystemError) {
        if path == "-" { return try POSIX.readToEnd(0, limit: limit, path: name) }
        return try POSIX.readFile(path, limit: limit)
    } catch {
        throw MaskrunFailure("cannot read \(name): \(POSIX.errorText(error.errno))")
    }
}
