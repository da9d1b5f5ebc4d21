/// A calendar day (proleptic Gregorian, no time of day, no time zone), as plans,
/// deadlines and check-ins use them: `2026-03-31`.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The day, or nil if there is no such day (2026-02-30) or the year is outside 1...9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `YYYY-MM-DD` (one- or two-digit month and day are accepted); nil otherwise.
    public init?(_ text: String) {
        // Read from the bytes: three groups of ASCII digits (4, 1–2 and 1–2 long)
        // between two hyphens, and nothing else.
        var values = (0, 0, 0), digits = (0, 0, 0), group = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "-") {
                group += 1
                guard group < 3 else { return nil }
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                let digit = Int(byte - UInt8(ascii: "0"))
                switch group {
                case 0: values.0 = values.0 * 10 + digit; digits.0 += 1
                case 1: values.1 = values.1 * 10 + digit; digits.1 += 1
                default: values.2 = values.2 * 10 + digit; digits.2 += 1
                }
                guard digits.0 <= 4, digits.1 <= 2, digits.2 <= 2 else { return nil }
            } else {
                return nil
            }
        }
        guard group == 2, digits.0 == 4, digits.1 >= 1, digits.2 >= 1 else { return nil }
        self.init(year: values.0, month: values.1, day: values.2)
    }

    /// `2026-03-31`.
    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// Days since 1970-01-01 (negative before it).
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil: exact for the proleptic Gregorian calendar.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day with the given day number; nil when that falls outside years 1...9999.
    public init?(dayNumber: Int) {
        guard dayNumber > -800_000, dayNumber < 3_000_000 else { return nil }
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// The day `n` days later (earlier for negative `n`); nil outside years 1...9999.
    public func adding(days n: Int) -> Day? {
        Day(dayNumber: dayNumber + n)
    }

    /// The number of days from `b` to `a` (`a - b`); 2026-03-31 − 2026-01-01 = 89.
    public static func - (a: Day, b: Day) -> Int {
        a.dayNumber - b.dayNumber
    }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// Days in a month of the proleptic Gregorian calendar.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
