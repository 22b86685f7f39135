/// Durations as policies and options write them: `30ms`, `1s`, `1.5s`, `250us`, `2m`.
/// Values past `maximum` are refused rather than converted: `1e300s` would overflow the
/// conversion to microseconds and trap (SPEC §8: no input makes maskrun trap).
public enum DurationText {
    /// One hour: far beyond any useful flush window, far below any overflow.
    public static let maximum = Duration.seconds(3600)

    /// Why `text` is not a duration maskrun accepts, or nil when it is one.
    public enum Problem: Error, Equatable {
        case notADuration
        case tooLong

        /// The end of a message that begins with the option or key.
        public var explanation: String {
            switch self {
            case .notADuration: "must be a duration such as 30ms or 1s"
            case .tooLong: "must be at most \(DurationText.format(DurationText.maximum))"
            }
        }
    }

    public static func parse(_ text: String) -> Duration? {
        try? check(text).get()
    }

    /// The duration, or the reason it is refused. The number is range-checked in seconds,
    /// before any conversion that could overflow.
    public static func check(_ text: String) -> Result<Duration, Problem> {
        let units: [(String, Double)] = [("ms", 1e-3), ("us", 1e-6), ("µs", 1e-6), ("s", 1), ("m", 60)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            let digits = text.dropLast(suffix.count)
            // Double() also takes "nan", "inf" and hexadecimal; a duration is written in decimal.
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                let number = Double(digits), number.isFinite
            else {
                return .failure(.notADuration)
            }
            let seconds = number * scale
            guard seconds <= Double(maximum.components.seconds) else { return .failure(.tooLong) }
            return .success(.microseconds(Int64((seconds * 1e6).rounded())))
        }
        return .failure(.notADuration)
    }

    /// The shortest exact text for `duration`, as `policy show` prints it.
    public static func format(_ duration: Duration) -> String {
        let microseconds = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        if microseconds % 1_000_000 == 0 { return "\(microseconds / 1_000_000)s" }
        if microseconds % 1000 == 0 { return "\(microseconds / 1000)ms" }
        return "\(microseconds)us"
    }
}
