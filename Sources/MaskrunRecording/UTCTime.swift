/// A Unix time as a UTC calendar date and time, by the civil-from-days algorithm (Howard
/// Hinnant's), so that no libc time zone state is involved.
struct UTCTime: Equatable {
    var year, month, day, hour, minute, second: Int

    init(unixSeconds seconds: Int) {
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let secondOfDay = seconds - days * 86400
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
    }

    /// `20250314T092653Z`: for file names (sorts as text, no `:`).
    var compact: String {
        "\(year)\(Self.two(month))\(Self.two(day))T\(Self.two(hour))\(Self.two(minute))\(Self.two(second))Z"
    }

    /// `2025-03-14T09:26:53.104211Z`: ISO 8601 with microseconds, for the audit log.
    static func iso8601(microseconds: Int64) -> String {
        let seconds = microseconds >= 0 ? microseconds / 1_000_000 : (microseconds - 999_999) / 1_000_000
        let fraction = String(microseconds - seconds * 1_000_000)
        let time = UTCTime(unixSeconds: Int(seconds))
        return "\(time.year)-\(two(time.month))-\(two(time.day))T\(two(time.hour)):\(two(time.minute)):\(two(time.second))."
            + String(repeating: "0", count: 6 - fraction.count) + fraction + "Z"
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
