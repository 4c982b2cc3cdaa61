import FeedParsing
import Foundation
import Testing

/// Dates built to overflow the arithmetic that turns them into a moment: `byline fetch`
/// must read the feed on, with the date left out, rather than trap.
@Suite("Parsing hostile dates")
struct ParsingHostileDateTests {
    private func published(_ text: String) throws -> Date? {
        try parsedFeed("<rss version=\"2.0\"><channel><item><title>T</title><pubDate>\(text)</pubDate></item></channel></rss>")
            .items.first?.published
    }

    @Test("Zone hours and minutes far out of range are rejected", arguments: [
        "2003-12-31T10:14:55+01:9223372036854775807",
        "2003-12-31T10:14:55-9223372036854775807:00",
        "2003-12-31T10:14:55+99:00",
        "2003-12-31T10:14:55+01:60",
        "2003-12-31T10:14:55+-1:00",
        "Sat, 07 Sep 2002 00:00:01 +01:9223372036854775807",
        "Sat, 07 Sep 2002 00:00:01 +019223372036854775807",
        "Sat, 07 Sep 2002 00:00:01 GMT+9223372036854775807",
        "Sat, 07 Sep 2002 00:00:01 +9900",
        "20031231T101455+9959",
    ])
    func hostileZones(text: String) throws {
        #expect(try published(text) == nil)
    }

    @Test("Huge years, hours, seconds and fractions are rejected", arguments: [
        "9223372036854775807-12-31T10:14:55Z",
        "2003-12-31T9223372036854775807:14:55Z",
        "2003-12-31T10:9223372036854775807:55Z",
        "2003-12-31T10:14:9223372036854775807Z",
        "2003-12-31T10:14:55.99999999999999999999999999999e400Z",
        "Sat, 07 Sep 9223372036854775807 00:00:01 GMT",
        "Sat, 9223372036854775807 Sep 2002 00:00:01 GMT",
        "Sat, 07 Sep 2002 9223372036854775807:00:01 GMT",
    ])
    func hostileFields(text: String) throws {
        #expect(try published(text) == nil)
    }

    @Test func ordinaryZonesStillRead() throws {
        #expect(try published("2003-12-31T10:14:55+0530") == utc(2003, 12, 31, 4, 44, 55))
        #expect(try published("Sat, 07 Sep 2002 09:00:01 +09:30") == utc(2002, 9, 6, 23, 30, 1))
        #expect(try published("20031231T101455-0100") == utc(2003, 12, 31, 11, 14, 55))
    }

    @Test("Podlove chapter starts in digits that are not ASCII are left out", arguments: ["٣٣:12", "½½:12", "01:٣٣:12", "12:34.٣٣٣"])
    func hostileChapterStart(start: String) throws {
        let feed = try parsedFeed("""
            <rss version="2.0" xmlns:psc="http://podlove.org/simple-chapters"><channel><item><title>T</title>
            <psc:chapters><psc:chapter start="\(start)" title="One"/></psc:chapters></item></channel></rss>
            """)

        #expect(feed.items.count == 1)
    }
}
