import Foundation

/// Date formats particular feed software writes, which feedparser recognises: Korean
/// blogs (OnBlog, Nate), Greek and Hungarian month names, and Perforce's `yyyy/mm/dd`.
/// Each is rewritten into RFC 822 or W3C-DTF and read by those rules.
extension FeedDate {
    static func regional(_ text: String) -> Date? {
        for reader in [onBlog, nate, greek, hungarian, perforce] {
            if let date = reader(text) { return date }
        }
        return nil
    }

    private static func groups(_ pattern: String, _ text: String) -> [String]? {
        guard let regex = try? NSRegularExpression(pattern: pattern),
              let match = regex.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) else {
            return nil
        }
        return (1..<match.numberOfRanges).map { index in
            let range = match.range(at: index)
            return range.location == NSNotFound ? "" : (text as NSString).substring(with: range)
        }
    }

    /// `2004년 05월 28일 01:31:15` (Korean Standard Time).
    static func onBlog(_ text: String) -> Date? {
        guard let g = groups(#"^(\d{4})년\s+(\d{2})월\s+(\d{2})일\s+(\d{2}):(\d{2}):(\d{2})"#, text) else { return nil }
        return w3dtf("\(g[0])-\(g[1])-\(g[2])T\(g[3]):\(g[4]):\(g[5])+09:00")
    }

    /// `2004-05-25 오후 11:23:17` (afternoon marker, Korean Standard Time).
    static func nate(_ text: String) -> Date? {
        guard let g = groups(#"^(\d{4})-(\d{2})-(\d{2})\s+(오전|오후)\s+(\d{1,2}):(\d{1,2}):(\d{1,2})"#, text),
              var hour = Int(g[4]) else { return nil }
        if g[3] == "오후" { hour += 12 }
        let pad = { (value: String) in value.count == 1 ? "0" + value : value }
        return w3dtf("\(g[0])-\(g[1])-\(g[2])T\(pad(String(hour))):\(pad(g[5])):\(pad(g[6]))+09:00")
    }

    private static let greekMonths: [String: String] = [
        "Ιαν": "Jan", "Φεβ": "Feb", "Μάώ": "Mar", "Μαώ": "Mar", "Απρ": "Apr", "Μάι": "May", "Μαϊ": "May",
        "Μαι": "May", "Ιούν": "Jun", "Ιον": "Jun", "Ιούλ": "Jul", "Ιολ": "Jul", "Αύγ": "Aug", "Αυγ": "Aug",
        "Σεπ": "Sep", "Οκτ": "Oct", "Νοέ": "Nov", "Νοε": "Nov", "Δεκ": "Dec",
    ]
    private static let greekDays: [String: String] = [
        "Κυρ": "Sun", "Δευ": "Mon", "Τρι": "Tue", "Τετ": "Wed", "Πεμ": "Thu", "Παρ": "Fri", "Σαβ": "Sat",
    ]

    /// `Κυρ, 11 Ιούλ 2004 12:00:00 EST`.
    static func greek(_ text: String) -> Date? {
        guard let g = groups(#"^([^,]+),\s+(\d{2})\s+([^\s]+)\s+(\d{4})\s+(\d{2}):(\d{2}):(\d{2})\s+([^\s]+)"#, text),
              let day = greekDays[g[0]], let month = greekMonths[g[2]] else { return nil }
        return rfc822("\(day), \(g[1]) \(month) \(g[3]) \(g[4]):\(g[5]):\(g[6]) \(g[7])")
    }

    private static let hungarianMonths: [String: String] = [
        "január": "01", "februári": "02", "március": "03", "április": "04", "máujus": "05", "június": "06",
        "július": "07", "augusztus": "08", "szeptember": "09", "október": "10", "november": "11", "december": "12",
    ]

    /// `2004-július-13T9:15-05:00`.
    static func hungarian(_ text: String) -> Date? {
        guard let g = groups(#"^(\d{4})-([^-]+)-(\d{1,2})T(\d{1,2}):(\d{2})([+-](\d{1,2}:\d{2}))"#, text),
              let month = hungarianMonths[g[1]] else { return nil }
        let pad = { (value: String) in value.count == 1 ? "0" + value : value }
        return w3dtf("\(g[0])-\(month)-\(pad(g[2]))T\(pad(g[3])):\(g[4])\(g[5])")
    }

    /// `Fri, 2006/09/15 08:19:53 EDT`.
    static func perforce(_ text: String) -> Date? {
        guard let g = groups(#"^(\w{1,3}), (\d{1,4})/(\d{1,2})/(\d{2}) (\d{1,2}):(\d{2}):(\d{2}) (\w+)$"#, text),
              let monthNumber = Int(g[2]), (1...12).contains(monthNumber) else { return nil }
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return rfc822("\(g[0]), \(g[3]) \(months[monthNumber - 1]) \(g[1]) \(g[4]):\(g[5]):\(g[6]) \(g[7])")
    }
}
