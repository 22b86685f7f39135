// The one place maskrun imports the C library; every target that makes system calls
// imports MaskrunSystem instead of repeating this block.
#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Musl)
@_exported import Musl
#elseif canImport(Darwin)
@_exported import Darwin
#endif
