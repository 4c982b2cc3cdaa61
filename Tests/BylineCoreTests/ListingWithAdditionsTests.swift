import BylineCore
import Foundation
import Testing

/// A story saved while the reader runs joins the list in its place, over a listing that
/// is not rebuilt.
@Suite struct ListingWithAdditionsTests {
    func story(_ name: String, day: Double?) -> StorySummary {
        StorySummary(id: StoryID(name + ".txt"), title: name, published: day.map { Date(timeIntervalSince1970: $0 * 86_400) })
    }

    var base: SummaryListing {
        SummaryListing([story("d", day: 4), story("c", day: 3), story("b", day: 2), story("a", day: 1)])
    }

    func titles(_ listing: any StoryListing) -> [String] { listing.allSummaries.map(\.title) }

    @Test func aNewStoryGoesWhereItsDatePutsIt() {
        let listing = base.adding(story("new", day: 2.5)).adding(story("newest", day: 9)).adding(story("undated", day: nil))

        #expect(titles(listing) == ["newest", "d", "c", "new", "b", "a", "undated"])
        #expect(listing.count == 7)
        for row in 0..<listing.count {
            #expect(listing.row(of: listing.id(at: row)) == row)
        }
    }

    @Test func aSavedStoryReplacesItsOldRow() {
        var updated = story("b, updated", day: 3.5)
        updated.id = StoryID("b.txt")

        let listing = base.adding(updated)

        #expect(titles(listing) == ["d", "b, updated", "c", "a"])
        #expect(listing.row(of: StoryID("b.txt")) == 1)
        #expect(listing.row(of: StoryID("a.txt")) == 3)
    }

    @Test func theFilterAndLinksSeeAdditions() {
        let listing = base.adding(story("fresh news", day: 2.5))

        #expect(listing.rows(whereTitleKeyContains: ["fresh"]) == [2])
        #expect(listing.rows(whereTitleKeyContains: ["a"]) == [4])
        #expect(listing.resolve(RelatedLink(title: "Fresh News")) == StoryID("fresh news.txt"))
        #expect(listing.resolve(RelatedLink(title: "C")) == StoryID("c.txt"))
    }
}
