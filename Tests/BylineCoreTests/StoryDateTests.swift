import BylineCore
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
}
