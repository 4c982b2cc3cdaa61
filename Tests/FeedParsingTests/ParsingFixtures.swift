import FeedParsing
import Foundation
import Testing

/// Parses a document given as text, failing the test when it does not parse.
func parsedFeed(_ text: String, url: String? = nil, contentType: String? = nil,
                sourceLocation: SourceLocation = #_sourceLocation) throws -> Feed {
    let result = FeedParser.parse(Data(text.utf8), url: url.flatMap(URL.init(string:)), contentType: contentType)
    switch result {
    case .success(let feed):
        return feed
    case .failure(let error):
        Issue.record("did not parse: \(error)", sourceLocation: sourceLocation)
        throw error
    }
}

/// A moment in UTC, for comparing parsed dates.
func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Date? {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    return calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second))
}
