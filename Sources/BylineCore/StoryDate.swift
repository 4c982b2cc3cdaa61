import Foundation

/// Dates as story files write them: RFC 3339 (`2022-01-08T10:00:00Z`), with or without
/// seconds, fraction or zone, or a bare day (`2022-01-08`).
public enum StoryDate {
    public static func parse(_ text: String) -> Date? {
        // Trimming through Foundation costs more than the rest: skip it when there is
        // nothing to trim (no space, tab or other character at either end).
        let utf8 = text.utf8
        let s: [UInt8]
        if let first = utf8.first, let last = utf8.last, first < 0x80, last < 0x80,
           first != 0x20, first != 0x09, last != 0x20, last != 0x09 {
            s = Array(utf8)
        } else {
            s = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        }
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= s.count else { return nil }
            var value = 0
            for byte in s[from..<from + count] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0, 4), s.count >= 10, s[4] == 45, let month = number(5, 2), s[7] == 45,
              let day = number(8, 2), (1...12).contains(month), (1...31).contains(day) else { return nil }
        var components = DateComponents(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
        var offsetSeconds = 0
        var index = 10
        if index < s.count, s[index] == 84 || s[index] == 116 || s[index] == 32 {  // T, t or space
            guard let hour = number(index + 1, 2), s.count > index + 5, s[index + 3] == 58,
                  let minute = number(index + 4, 2) else { return nil }
            components.hour = hour
            components.minute = minute
            index += 6
            if index < s.count, s[index] == 58, let second = number(index + 1, 2) {
                components.second = second
                index += 3
                if index < s.count, s[index] == 46 {  // fraction: skip it
                    index += 1
                    while index < s.count, s[index] >= 48 && s[index] <= 57 { index += 1 }
                }
            }
            while index < s.count, s[index] == 32 { index += 1 }
            if index < s.count {
                switch s[index] {
                case 90, 122: break  // Z
                case 43, 45:  // + or -
                    let sign = s[index] == 45 ? -1 : 1
                    let compact = number(index + 1, 4)
                    if let h = number(index + 1, 2), let m = number(index + 4, 2) ?? compact.map({ $0 % 100 }) {
                        offsetSeconds = sign * (h * 3600 + m * 60)
                    } else if let h = number(index + 1, 2) {
                        offsetSeconds = sign * h * 3600
                    }
                default: return nil
                }
            }
        }
        if let seconds = secondsSince1970(components) {
            return Date(timeIntervalSince1970: TimeInterval(seconds - offsetSeconds))
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: components) else { return nil }
        return date.addingTimeInterval(TimeInterval(-offsetSeconds))
    }

    /// The seconds `Calendar` gives for a date and time in UTC, counted without it when
    /// every part is in range and the year is after the Julian calendar's: a `Calendar`
    /// call per story was a tenth of indexing a library. Nil otherwise (31 February,
    /// hour 24, 1500), for `Calendar` to settle as it always has.
    static func secondsSince1970(_ parts: DateComponents) -> Int? {
        guard let year = parts.year, let month = parts.month, let day = parts.day,
              let hour = parts.hour, let minute = parts.minute, let second = parts.second,
              (1601...9999).contains(year), (1...12).contains(month), (0...23).contains(hour),
              (0...59).contains(minute), (0...59).contains(second) else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...monthDays[month - 1]).contains(day) else { return nil }
        // Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
        let y = month <= 2 ? year - 1 : year
        let era = y / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// Formats a date the way Byline writes `Published:` headers: RFC 3339 in UTC, to the
    /// second (`2022-01-08T10:00:00Z`).
    ///
    /// Written out by hand: a formatter built per call cost a tenth of a cold fetch, and one
    /// shared formatter is not `Sendable`. Fractions of a second are dropped, as before.
    public static func format(_ date: Date) -> String {
        // Years 1 to 9999 are what RFC 3339 writes; anything outside (a hostile or broken
        // date) is held at the edge rather than trapping on the conversion below.
        let seconds = Int64(min(max(date.timeIntervalSince1970, -62_135_596_800), 253_402_300_799).rounded(.down))
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        let (year, month, day) = civilDate(daysSince1970: days)
        var out = ""
        out.reserveCapacity(20)
        append(year, width: 4, to: &out)
        out += "-"
        append(month, width: 2, to: &out)
        out += "-"
        append(day, width: 2, to: &out)
        out += "T"
        append(secondOfDay / 3600, width: 2, to: &out)
        out += ":"
        append(secondOfDay / 60 % 60, width: 2, to: &out)
        out += ":"
        append(secondOfDay % 60, width: 2, to: &out)
        out += "Z"
        return out
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let remainder = (value % divisor + divisor) % divisor
        return ((value - remainder) / divisor, remainder)
    }

    /// The proleptic Gregorian year, month and day of a day count from 1970-01-01
    /// (Howard Hinnant's `civil_from_days`).
    private static func civilDate(daysSince1970: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = daysSince1970 + 719_468
        let era = floorDivision(z, 146_097).quotient
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func append(_ value: Int64, width: Int, to out: inout String) {
        let digits = String(value.magnitude)
        if value < 0 { out += "-" }
        if digits.count < width { out += String(repeating: "0", count: width - digits.count) }
        out += digits
    }
}
