import CProcessGuard

/// What maskrun does for itself first, before it opens anything (SPEC §7, §8).
public enum ProcessGuard {
    /// Reopens closed descriptors 0–2 on /dev/null, then installs the crash handler that
    /// restores the terminal and exits 125 instead of Swift's backtracer. A failure to
    /// open /dev/null is maskrun's own failure: it cannot then tell its output from files.
    public static func startUp() throws(MaskrunFailure) {
        if maskrun_reopen_standard_descriptors() != 0 {
            throw MaskrunFailure("cannot open /dev/null for a closed standard descriptor")
        }
        maskrun_install_crash_handler()
    }
}
