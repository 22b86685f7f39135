import Foundation
import MaskrunCore

/// Everything readable from `path` (`-`: standard input), or a `MaskrunFailure` naming
/// it. FileHandle's `readDataToEndOfFile()` traps on a read error (a directory given as
/// the file); `readToEnd()` throws, and the message says which file and why.
func readAll(_ path: String) throws(MaskrunFailure) -> [UInt8] {
    let name = path == "-" ? "standard input" : path
    guard let handle = path == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: path) else {
        throw MaskrunFailure("cannot read \(name): \(String(cString: strerror(errno)))")
    }
    do {
        return Array(try handle.readToEnd() ?? Data())
    } catch {
        // The underlying error is the POSIX one (EISDIR, EIO): say it as strerror(3) does.
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        let reason = underlying.map { String(cString: strerror(Int32($0.code))) } ?? "read error"
        throw MaskrunFailure("cannot read \(name): \(reason)")
    }
}
