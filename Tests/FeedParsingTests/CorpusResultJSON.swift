@testable import FeedParsing
import Foundation

/// Maps a parse result onto feedparser's result dictionary (`bozo`, `encoding`,
/// `version`, `feed`, `entries`, `headers`), as JSON for the expectation evaluator.
/// Dates become feedparser's UTC 9-tuples; aliases are resolved on the Python side.
enum CorpusResultJSON {
    static func result(_ parsed: Result<Feed, FeedParseError>, headers: [String: String]) -> [String: Any] {
        var result: [String: Any] = ["headers": headers, "namespaces": [String: Any]()]
        // What feedparser's HTTP layer adds: the validators for a conditional GET.
        if let etag = headers["etag"] { result["etag"] = etag }
        if let modified = headers["last-modified"], !modified.isEmpty {
            result["modified"] = modified
            if let date = FeedDate.parse(modified) { result["modified_parsed"] = ["__time__": timeTuple(date)] }
        }
        switch parsed {
        case .success(let feed):
            result["bozo"] = feed.problem != nil
            if let problem = feed.problem { result["bozo_exception"] = problem }
            result["encoding"] = feed.encoding ?? ""
            result["version"] = feed.version
            result["feed"] = json(.object(feed.fields))
            result["entries"] = feed.items.map { json(.object($0.fields)) }
        case .failure(let error):
            result["bozo"] = true
            result["bozo_exception"] = error.description
            result["encoding"] = ""
            result["version"] = ""
            result["feed"] = [String: Any]()
            result["entries"] = [Any]()
        }
        return result
    }

    static func json(_ value: FeedValue) -> Any {
        switch value {
        case .text(let text): return text
        case .number(let number): return number
        case .real(let number): return number
        case .flag(let flag): return flag
        case .date(let date): return ["__time__": timeTuple(date)]
        case .list(let values): return values.map(json)
        case .object(let object): return object.mapValues(json)
        case .null: return NSNull()
        }
    }

    /// Python's `time.struct_time` in UTC: year, month, day, hour, minute, second,
    /// weekday (Monday 0), day of the year, DST flag 0.
    static func timeTuple(_ date: Date) -> [Int] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let dayOfYear = calendar.ordinality(of: .day, in: .year, for: date) ?? 1
        let weekday = ((c.weekday ?? 1) + 5) % 7
        return [c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0, weekday, dayOfYear, 0]
    }
}
