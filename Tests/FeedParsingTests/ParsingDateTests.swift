import FeedParsing
import Foundation
import Testing

/// Dates as feeds write them, read through a feed so the test says what a reader sees.
@Suite("Parsing dates")
struct ParsingDateTests {
    private func published(_ text: String) throws -> Date? {
        try parsedFeed("<rss version=\"2.0\"><channel><item><pubDate>\(text)</pubDate></item></channel></rss>")
            .items.first?.published
    }

    @Test("RFC 822 with numeric and named zones", arguments: [
        ("Sat, 07 Sep 2002 00:00:01 GMT", utc(2002, 9, 7, 0, 0, 1)),
        ("Sat, 07 Sep 2002 00:00:01 -0500", utc(2002, 9, 7, 5, 0, 1)),
        ("Sat, 07 Sep 2002 09:00:01 +0930", utc(2002, 9, 6, 23, 30, 1)),
        ("Thu, 01 Jan 2004 19:48:21 PST", utc(2004, 1, 2, 3, 48, 21)),
        ("Thu, 01 Jan 2004 19:48:21 EDT", utc(2004, 1, 1, 23, 48, 21)),
        ("Thu, 01 Jan 2004 19:48:21 GMT+2", utc(2004, 1, 1, 17, 48, 21)),
    ])
    func rfc822(text: String, expected: Date?) throws {
        #expect(try published(text) == expected)
    }

    @Test("RFC 822 as real feeds break it: no day name, two-digit year, no seconds, no time", arguments: [
        ("07 Sep 2002 00:00:01 GMT", utc(2002, 9, 7, 0, 0, 1)),
        ("Sat, 07 Sep 02 00:00:01 GMT", utc(2002, 9, 7, 0, 0, 1)),
        ("Sat, 07 Sep 2002 00:01 GMT", utc(2002, 9, 7, 0, 1, 0)),
        ("Sat, 07 Sep 2002", utc(2002, 9, 7)),
        ("Sat, Sep 07 2002 00:00:01 GMT", utc(2002, 9, 7, 0, 0, 1)),
    ])
    func brokenRFC822(text: String, expected: Date?) throws {
        #expect(try published(text) == expected)
    }

    @Test("RFC 3339 / W3C-DTF with zones and fractions, and ISO 8601 variants", arguments: [
        ("2003-12-31T10:14:55Z", utc(2003, 12, 31, 10, 14, 55)),
        ("2003-12-31T10:14:55+01:00", utc(2003, 12, 31, 9, 14, 55)),
        ("2003-12-31T10:14:55.123-08:00", utc(2003, 12, 31, 18, 14, 55)),
        ("2003-12-31", utc(2003, 12, 31)),
        ("2003-12", utc(2003, 12, 1)),
        ("2003-12-31 10:14:55", utc(2003, 12, 31, 10, 14, 55)),
        ("20031231T101455Z", utc(2003, 12, 31, 10, 14, 55)),
        ("Sun Jan  4 16:29:06 2004", utc(2004, 1, 4, 16, 29, 6)),
    ])
    func w3dtf(text: String, expected: Date?) throws {
        #expect(try published(text) == expected)
    }

    @Test("regional formats feedparser knows: Korean, Greek, Hungarian, Perforce", arguments: [
        ("2004년 05월 28일 01:31:15", utc(2004, 5, 27, 16, 31, 15)),
        ("2004-05-25 오후 11:23:17", utc(2004, 5, 25, 14, 23, 17)),
        ("Κυρ, 11 Ιούλ 2004 12:00:00 EST", utc(2004, 7, 11, 17)),
        ("2004-július-13T9:15-05:00", utc(2004, 7, 13, 14, 15)),
        ("Fri, 2006/09/15 08:19:53 EDT", utc(2006, 9, 15, 12, 19, 53)),
    ])
    func regional(text: String, expected: Date?) throws {
        #expect(try published(text) == expected)
    }

    @Test("leap days and month ends across the centuries", arguments: [
        ("Tue, 29 Feb 2000 12:00:00 GMT", utc(2000, 2, 29, 12)),
        ("29 Feb 1600 00:00:00 GMT", utc(1600, 2, 29)),
        ("Sun, 29 Feb 2004 23:59:59 -0100", utc(2004, 3, 1, 0, 59, 59)),
        ("Fri, 31 Dec 9999 23:59:59 GMT", utc(9999, 12, 31, 23, 59, 59)),
        ("Mon, 01 Jan 1900 00:00:00 +0100", utc(1899, 12, 31, 23)),
        ("1999-12-31T23:59:60Z", utc(1999, 12, 31, 23, 59, 59)),
        ("29 Feb 2100 00:00:00 GMT", nil),
        ("29 Feb 1900 00:00:00 GMT", nil),
        ("31 Apr 2004 00:00:00 GMT", nil),
        ("31 Nov 2004 00:00:00 GMT", nil),
    ])
    func monthEnds(text: String, expected: Date?) throws {
        #expect(try published(text) == expected)
    }

    @Test("nonsense dates are left out rather than guessed", arguments: ["yesterday", "2003-13-45T99:00:00Z", "31 Feb 2004", ""])
    func nonsense(text: String) throws {
        #expect(try published(text) == nil)
    }
}
