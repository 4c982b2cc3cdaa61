import Foundation

/// Dates as the list and the reader show them.
public enum ListDates {
    /// "Sat 08 Jan" this year, "08 Jan 2021" before; 11 cells at most.
    public static func short(_ date: Date, now: Date, calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
        let thisYear = calendar.component(.year, from: now)
        // Not String(format:): every list row of every frame formats a date.
        let number = parts.day ?? 1
        let day = number < 10 ? "0\(number)" : "\(number)"
        let month = months[((parts.month ?? 1) - 1) % 12]
        if parts.year == thisYear {
            return "\(weekdays[((parts.weekday ?? 1) - 1) % 7]) \(day) \(month)"
        }
        return "\(day) \(month) \(parts.year ?? 0)"
    }

    /// "Sat 8 Jan 2022 10:00", for the reader's byline.
    public static func long(_ date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let p = calendar.dateComponents([.year, .month, .day, .weekday, .hour, .minute], from: date)
        return "\(weekdays[((p.weekday ?? 1) - 1) % 7]) \(p.day ?? 1) \(months[((p.month ?? 1) - 1) % 12]) \(p.year ?? 0) "
            + String(format: "%02d:%02d", p.hour ?? 0, p.minute ?? 0)
    }

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
