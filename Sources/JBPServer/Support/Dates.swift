import Foundation

/// Dates as the API writes them: `YYYY-MM-DD`, and deadlines that may carry a time.
enum Dates {
    /// A time as a person in the class reads it, in the session's time zone (the server's
    /// when the session has none): 12月6日 21:28.
    static func shown(_ date: Date, english: Bool = false, timeZone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let time = String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
        if english {
            let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
            return "\(c.day ?? 1) \(months[max(0, min(11, (c.month ?? 1) - 1))]) \(time)"
        }
        return "\(c.month ?? 1)月\(c.day ?? 1)日 \(time)"
    }

    /// Today's date in the session's time zone, `YYYY-MM-DD` (a check-in's default date).
    static func today(timeZone: TimeZone = .current) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", c.year ?? 2026, c.month ?? 1, c.day ?? 1)
    }

    /// Parses `YYYY-MM-DD` (a real calendar date) to midnight UTC of that day.
    static func day(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        let components = DateComponents(year: year, month: month, day: day)
        guard components.isValidDate(in: dayCalendar), let date = dayCalendar.date(from: components) else { return nil }
        return date
    }

    /// The calendar `day(_:)` reads days in: Gregorian, UTC.
    static let dayCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// A day read by `day(_:)` written back as `YYYY-MM-DD`.
    static func dayText(_ date: Date) -> String {
        let c = dayCalendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 1, c.day ?? 1)
    }

    /// The day `months` months after `day` (`YYYY-MM-DD`), or nil when `day` is not one.
    static func day(_ day: String, plusMonths months: Int) -> Date? {
        Dates.day(day).flatMap { dayCalendar.date(byAdding: .month, value: months, to: $0) }
    }

    /// A deadline: `YYYY-MM-DD` means the end of that day in the session's time zone; a full
    /// ISO 8601 date and time is taken as written.
    static func deadline(_ text: String, timeZone: TimeZone = .current) -> Date? {
        if day(text) != nil {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = timeZone
            let parts = text.split(separator: "-").compactMap { Int($0) }
            guard let start = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else { return nil }
            return calendar.date(byAdding: .day, value: 1, to: start)
        }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    /// ISO 8601 with seconds, UTC: how times appear in JSON and CSV.
    static func iso(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
