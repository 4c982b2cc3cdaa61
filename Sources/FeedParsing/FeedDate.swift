import Foundation

/// Reads the dates feeds write, by feedparser's rules: W3C-DTF / RFC 3339, RFC 822 and
/// its broken variants (missing day names, two-digit years, named zones, `GMT+2`),
/// ISO 8601 without separators, C's asctime, and a few regional formats
/// (`FeedDate+Regional`). The result is a moment in UTC.
enum FeedDate {
    static func parse(_ text: String?) -> Date? {
        guard let text else { return nil }
        let trimmed = PythonText.strip(text)
        guard !trimmed.isEmpty, trimmed.count < 200 else { return nil }
        for reader in [w3dtf, rfc822, iso8601Compact, asctime, regional] {
            if let date = reader(trimmed) { return date }
        }
        return nil
    }

    /// Time-zone names feeds use, in hours east of UTC.
    private static let zoneHours: [String: Int] = [
        "ut": 0, "gmt": 0, "z": 0, "adt": -3, "ast": -4, "at": -4, "edt": -4, "est": -5, "et": -5,
        "cdt": -5, "cst": -6, "ct": -6, "mdt": -6, "mst": -7, "mt": -7, "pdt": -7, "pst": -8, "pt": -8,
        "a": -1, "n": 1, "m": -12, "y": 12, "met": 1, "mest": 2,
    ]

    private static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
        "oct": 10, "nov": 11, "dec": 12,
    ]

    private static let dayNames: Set<String> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    // MARK: - RFC 822

    static func rfc822(_ text: String) -> Date? {
        var parts = words(text.lowercased())
        if parts.count < 5 { parts += ["00:00:00", "0000"] }
        if let first = parts.first, dayNames.contains(String(first.prefix(3))) { parts.removeFirst() }
        guard parts.count >= 5 else { return nil }
        var month = months[String(parts[1].prefix(3))]
        var day: Int
        if let value = Int(parts[0]) {
            day = value
        } else if let swapped = months[String(parts[0].prefix(3))], let value = Int(parts[1]) {
            day = value
            month = swapped
        } else {
            return nil
        }
        guard let month, var year = Int(parts[2]) else { return nil }
        if parts[2].count <= 2 { year += year < 90 ? 2000 : 1900 }
        var time = parts[3].split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        while time.count < 3 { time.append("0") }
        guard time.count == 3, let hour = Int(time[0]), let minute = Int(time[1]), let second = Int(time[2]) else { return nil }
        var zone = parts[4]
        if zone.hasPrefix("etc/") { zone = String(zone.dropFirst(4)) }
        if zone.hasPrefix("gmt") {
            let rest = ByteScan.replacing(String(zone.dropFirst(3)), ":", with: "")
            zone = rest.isEmpty ? "gmt" : rest
        }
        var offsetMinutes: Int
        if let sign = zone.first, sign == "-" || sign == "+" {
            let digits = zone.dropFirst()
            let hoursText = digits.prefix(2)
            let minutesText = zone.contains(":") ? digits.dropFirst(3) : digits.dropFirst(2)
            // "GMT+2" has no minutes; feedparser gives up on it, Byline reads it as +02:00.
            guard let offset = zoneOffset(sign: sign, hours: hoursText, minutes: minutesText) else { return nil }
            offsetMinutes = offset
        } else {
            offsetMinutes = (zoneHours[zone] ?? 0) * 60
        }
        return moment(year, month, day, hour, minute, second, offsetMinutes: offsetMinutes)
    }

    /// The text split at white space, as `split(whereSeparator: \.isWhitespace)` splits
    /// it; ASCII text on its bytes, without breaking it into characters first.
    static func words(_ text: String) -> [String] {
        guard ByteScan.isASCII(text) else { return text.split(whereSeparator: { $0.isWhitespace }).map(String.init) }
        return text.utf8.split(whereSeparator: { $0 == 0x20 || (0x09...0x0D).contains($0) }).map { String(Substring($0)) }
    }

    // MARK: - W3C-DTF

    static func w3dtf(_ text: String) -> Date? {
        var parts = text.lowercased().split(separator: "t", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1 {
            parts = words(parts[0])
            if parts.count == 1 { parts.append("00:00:00z") }
        } else if parts.count > 2 {
            return nil
        }
        guard parts.count >= 2 else { return nil }
        var date = parts[0].split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard let first = date.first, first.count == 4 else { return nil }
        while date.count < 3 { date.append("1") }
        guard let year = Int(date[0]), let month = Int(date[1]), let day = Int(date[2]) else { return nil }
        if parts[1].hasSuffix("z") {
            parts[1].removeLast()
            parts.append("z")
        }
        let timePart = parts[1]
        let location = timePart.firstIndex(of: "-") ?? timePart.firstIndex(of: "+") ?? timePart.endIndex
        parts.append(String(timePart[location...]))
        parts[1] = String(timePart[..<location])
        var time = parts[1].split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        while time.count < 3 { time.append("0") }
        let zone = parts[2]
        var offsetMinutes = 0
        if let sign = zone.first, sign == "-" || sign == "+" {
            let chars = zone.dropFirst()
            // `+01:00` and `+0100`; the minutes are required here.
            let afterHours = chars.dropFirst(2)
            let minutesText = afterHours.first == ":" ? afterHours.dropFirst() : afterHours
            guard chars.count >= 2, !minutesText.isEmpty,
                  let offset = zoneOffset(sign: sign, hours: chars.prefix(2), minutes: minutesText) else { return nil }
            offsetMinutes = offset
        } else {
            offsetMinutes = (zoneHours[zone] ?? 0) * 60
        }
        guard let hour = Int(time[0]), let minute = Int(time[1]), let seconds = Double(time[2]),
              seconds.isFinite, seconds >= 0, seconds < 61 else { return nil }
        return moment(year, month, day, hour, minute, Int(seconds), offsetMinutes: offsetMinutes)
    }

    // MARK: - ISO 8601 without separators, asctime

    /// `20031231T101455Z`, `20031231`: the compact ISO 8601 forms.
    static func iso8601Compact(_ text: String) -> Date? {
        let chars = Array(text.uppercased())
        guard chars.count >= 8, chars[0..<8].allSatisfy(\.isNumber),
              let year = Int(String(chars[0..<4])), let month = Int(String(chars[4..<6])),
              let day = Int(String(chars[6..<8])) else { return nil }
        var rest = Array(chars[8...])
        var hour = 0, minute = 0, second = 0, offset = 0
        if rest.first == "T" {
            rest.removeFirst()
            let digits = rest.prefix { $0.isNumber }
            guard digits.count == 4 || digits.count == 6 else { return nil }
            let d = Array(digits)
            hour = Int(String(d[0..<2])) ?? 0
            minute = Int(String(d[2..<4])) ?? 0
            if d.count == 6 { second = Int(String(d[4..<6])) ?? 0 }
            rest.removeFirst(d.count)
        }
        if rest == ["Z"] || rest.isEmpty {
            offset = 0
        } else if let sign = rest.first, sign == "+" || sign == "-" {
            let digits = rest.dropFirst().filter(\.isNumber)
            guard digits.count == 4 || digits.count == 2 else { return nil }
            let d = String(digits)
            guard let minutes = zoneOffset(sign: sign, hours: d.prefix(2), minutes: d.dropFirst(2)) else { return nil }
            offset = minutes
        } else {
            return nil
        }
        return moment(year, month, day, hour, minute, second, offsetMinutes: offset)
    }

    /// `Sun Jan  4 16:29:06 PST 2004` (C's asctime), read by moving the year before the time.
    static func asctime(_ text: String) -> Date? {
        let parts = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        guard parts.count == 5 || parts.count == 6, dayNames.contains(String(parts[0].prefix(3)).lowercased()) else { return nil }
        let zone = parts.count == 6 ? parts[4] : "GMT"
        return rfc822("\(parts[0]), \(parts[2]) \(parts[1]) \(parts[parts.count - 1]) \(parts[3]) \(zone)")
    }

    // MARK: - Building the moment

    /// Minutes east of UTC for a numeric zone such as `+05:30`: one or two digits of hours
    /// (0-23) and none or two digits of minutes (0-59), or nil. Reading a bounded number of
    /// digits keeps a hostile `+01:9223372036854775807` from overflowing the arithmetic.
    static func zoneOffset<S: StringProtocol>(sign: Character, hours: S, minutes: S) -> Int? {
        guard let hours = smallNumber(hours, digits: 1...2), (0...23).contains(hours),
              minutes.isEmpty || minutes.count == 2 else { return nil }
        let minuteValue = minutes.isEmpty ? 0 : smallNumber(minutes, digits: 2...2)
        guard let minuteValue, (0...59).contains(minuteValue) else { return nil }
        let offset = hours * 60 + minuteValue
        return sign == "-" ? -offset : offset
    }

    /// A number written with only ASCII digits, as many as `digits` allows.
    private static func smallNumber<S: StringProtocol>(_ text: S, digits: ClosedRange<Int>) -> Int? {
        guard digits.contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()

    private static func moment(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int,
                               offsetMinutes: Int) -> Date? {
        guard (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day),
              (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
              // Zones are under a day from UTC; checked so the sum below cannot overflow.
              abs(offsetMinutes) < 24 * 60 else { return nil }
        let seconds = hour * 3600 + minute * 60 + min(second, 59) - offsetMinutes * 60
        // From the Gregorian reform's first whole year on, the calendar is plain arithmetic;
        // Foundation's Calendar (Julian before 1582) was a third of reading a date.
        if year >= 1583 {
            guard day <= daysIn(month: month, year: year) else { return nil }
            return Date(timeIntervalSince1970: TimeInterval(daysSince1970(year, month, day) * 86400 + seconds))
        }
        var components = DateComponents()
        components.year = year
        components.month = month
        components.day = day
        guard let start = utc.date(from: components),
              utc.component(.month, from: start) == month,
              let lastDay = utc.range(of: .day, in: .month, for: start), lastDay.contains(day) else { return nil }
        return start.addingTimeInterval(TimeInterval(seconds))
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (year > 0).
    static func daysSince1970(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = shiftedYear / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
