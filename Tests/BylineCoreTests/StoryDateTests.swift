@testable import BylineCore
import Foundation
import Testing

/// `Published:` dates as story files write them.
@Suite struct StoryDateTests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00Z"),
        (1_641_636_000, "2022-01-08T10:00:00Z"),
        (951_782_400, "2000-02-29T00:00:00Z"),  // a leap day of a century leap year
        (1_709_251_199.75, "2024-02-29T23:59:59Z"),  // fractions are dropped
        (253_402_300_799, "9999-12-31T23:59:59Z"),
        (-1, "1969-12-31T23:59:59Z"),
        (-2_208_988_800, "1900-01-01T00:00:00Z"),
    ])
    func formatsRFC3339InUTC(seconds: Double, expected: String) {
        #expect(StoryDate.format(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test func datesOutsideFourDigitYearsAreHeldAtTheEdge() {
        #expect(StoryDate.format(Date(timeIntervalSince1970: 1e300)) == "9999-12-31T23:59:59Z")
        #expect(StoryDate.format(Date(timeIntervalSince1970: -1e300)) == "0001-01-01T00:00:00Z")
    }

    @Test func agreesWithFoundationsFormatter() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var seconds = -2_208_988_800.0
        while seconds < 4_102_444_800 {  // 1900 to 2100, about every 37 days and 5 hours
            let date = Date(timeIntervalSince1970: seconds)
            #expect(StoryDate.format(date) == formatter.string(from: date))
            seconds += 3_215_777
        }
    }

    @Test func aFormattedDateParsesBack() {
        let date = Date(timeIntervalSince1970: 1_641_636_000)

        #expect(StoryDate.parse(StoryDate.format(date)) == date)
    }

    /// Dates are counted by hand where `Calendar` would agree; each must be the very date
    /// `Calendar` gives, or stories would sort differently after an index is rebuilt.
    @Test func countedDatesAreCalendarsDates() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var counted = 0
        for year in [1601, 1700, 1899, 1900, 1969, 1970, 2000, 2023, 2024, 2100, 2400, 9999] {
            for month in 1...12 {
                for day in [1, 15, 28, 29, 30, 31] {
                    for (hour, minute, second) in [(0, 0, 0), (23, 59, 59), (12, 30, 7)] {
                        let parts = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
                        guard let seconds = StoryDate.secondsSince1970(parts) else { continue }
                        counted += 1
                        #expect(Date(timeIntervalSince1970: TimeInterval(seconds)) == calendar.date(from: parts), "\(parts)")
                    }
                }
            }
        }
        #expect(counted > 2000)
        // Left to `Calendar`: days past the month's end, hour 24, years of the Julian calendar.
        #expect(StoryDate.secondsSince1970(DateComponents(year: 2023, month: 2, day: 29, hour: 0, minute: 0, second: 0)) == nil)
        #expect(StoryDate.secondsSince1970(DateComponents(year: 2023, month: 1, day: 1, hour: 24, minute: 0, second: 0)) == nil)
        #expect(StoryDate.secondsSince1970(DateComponents(year: 1500, month: 1, day: 1, hour: 0, minute: 0, second: 0)) == nil)
        #expect(StoryDate.parse("2023-02-29") == calendar.date(from: DateComponents(year: 2023, month: 2, day: 29, hour: 0, minute: 0, second: 0)))
        #expect(StoryDate.parse(" 2024-05-01T10:00:00+02:00 ") == StoryDate.parse("2024-05-01T08:00:00Z"))
    }
}
