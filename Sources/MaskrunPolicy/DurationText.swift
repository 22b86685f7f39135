/// Durations as policies and options write them: `30ms`, `1s`, `1.5s`, `250us`, `2m`.
public enum DurationText {
    public static func parse(_ text: String) -> Duration? {
        let units: [(String, Double)] = [("ms", 1e-3), ("us", 1e-6), ("µs", 1e-6), ("s", 1), ("m", 60)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            guard let number = Double(text.dropLast(suffix.count)), number >= 0, number.isFinite else {
                return nil
            }
            return .microseconds(Int64((number * scale * 1e6).rounded()))
        }
        return nil
    }

    /// The shortest exact text for `duration`, as `policy show` prints it.
    public static func format(_ duration: Duration) -> String {
        let microseconds = duration.components.seconds * 1_000_000 + duration.components.attoseconds / 1_000_000_000_000
        if microseconds % 1_000_000 == 0 { return "\(microseconds / 1_000_000)s" }
        if microseconds % 1000 == 0 { return "\(microseconds / 1000)ms" }
        return "\(microseconds)us"
    }
}
