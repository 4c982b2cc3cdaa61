import BylineCore
import Foundation
import Testing
@testable import BylineStore

/// The listing read in place from the index answers as the summaries it was built from do.
@Suite struct IndexedListingTests {
    let shadow = "Even in death, Iran's Soleimani still casts a long shadow"

    private func library() throws -> TemporaryLibrary {
        let temp = try TemporaryLibrary()
        try temp.writeStory("old/shadow.txt", title: shadow, published: "2024-01-01T10:00:00Z", url: "https://Example.org/news/1/")
        try temp.writeStory("new/shadow.txt", title: shadow, published: "2024-02-01T10:00:00Z", url: "https://example.org/news/2")
        try temp.writeStory("iraq.txt", title: "US ends its combat mission in Iraq", published: "2024-01-15T10:00:00Z")
        try temp.writeStory("undated b.txt", title: "B undated")
        try temp.writeStory("undated a.txt", title: "A undated")
        return temp
    }

    @Test func rowsLookupsAndLinksMatchTheSummaries() throws {
        let temp = try library()
        let listing = try temp.library.load().listing
        let summaries = SummaryListing(listing.allSummaries)

        #expect(summaries.summaries.map(\.id.path) == ["new/shadow.txt", "iraq.txt", "old/shadow.txt", "undated a.txt", "undated b.txt"])
        for row in 0..<listing.count { #expect(listing.row(of: listing.id(at: row)) == row) }
        #expect(listing.row(of: StoryID("missing.txt")) == nil)
        let links = [
            RelatedLink(title: "", url: "https://example.org/news/1"),  // normalised URL
            RelatedLink(title: "", url: "https://example.org/news/2"),  // exact URL
            RelatedLink(title: "EVEN IN DEATH, IRAN’S SOLEIMANI STILL CASTS A LONG SHADOW"),  // the newest by title
            RelatedLink(title: "us ends its combat mission in iraq"),
            RelatedLink(title: "Not in the library", url: "https://elsewhere.org/"),
        ]
        #expect(links.map(listing.resolve) == links.map(summaries.resolve))
        #expect(links.map(listing.resolve) == [StoryID("old/shadow.txt"), StoryID("new/shadow.txt"), StoryID("new/shadow.txt"),
                                               StoryID("iraq.txt"), nil])
        #expect(listing.rows(whereTitleKeyContains: ["undated"]) == [3, 4])
        #expect(listing.rows(whereTitleKeyContains: ["shadow", "iran"]) == [0, 2])
    }

    @Test func aMergedIndexEqualsOneBuiltFromScratch() throws {
        let temp = try library()
        _ = try temp.library.load()
        try temp.writeStory("between.txt", title: "Between", published: "2024-01-20T10:00:00Z", url: "https://example.org/b")
        try temp.writeStory("undated c.txt", title: "A undated")
        try temp.writeStory("iraq.txt", title: "US ends its combat mission in Iraq, updated", published: "2024-03-01T10:00:00Z")
        try FileManager.default.removeItem(at: temp.folder.appendingPathComponent("old/shadow.txt"))

        let merged = try temp.library.load()
        #expect(merged.report.parsed == 3)
        #expect(merged.report.dropped == 1)
        try FileManager.default.removeItem(at: temp.folder.appendingPathComponent(".byline/index"))
        let rebuilt = try temp.library.load()

        #expect(merged.entries == rebuilt.entries)
        #expect(merged.entries.map(\.title) == ["US ends its combat mission in Iraq, updated", shadow, "Between",
                                                 "A undated", "A undated", "B undated"])
        #expect(merged.listing.resolve(RelatedLink(title: "between")) == StoryID("between.txt"))
        #expect(merged.listing.resolve(RelatedLink(title: "", url: "https://example.org/news/1")) == nil)
    }

    @Test func anUnchangedFolderKeepsTheSameIndexFile() throws {
        let temp = try library()
        _ = try temp.library.load()
        let before = Library.indexStamp(temp.library.indexPath)

        let again = try temp.library.load()

        #expect(again.report.parsed == 0 && !again.report.foundChanges)
        #expect(Library.indexStamp(temp.library.indexPath) == before)
    }
}

/// The sources view counts each row from `source(at:)`: it must say what the summary says.
@Suite struct IndexedSourceTests {
    @Test func sourceAndDateMatchTheSummary() throws {
        let temp = try TemporaryLibrary()
        try temp.write("a.txt", "Title: Harbour plan\nSource: Harbour Times\nPublished: 2026-11-09T08:00:00Z\n\nText.\n")
        try temp.write("b.txt", "Title: New line\nKicker: Rail\nSource: Rail Weekly\n\nText.\n")
        try temp.write("c.txt", "Title: No source\n\nText.\n")
        let listing = try temp.library.load().listing
        for row in 0..<listing.count {
            let summary = listing.summary(at: row)
            let (source, published) = listing.source(at: row)
            #expect(source == summary.source, "row \(row): \(summary.title)")
            #expect(published == summary.published)
        }
        #expect(Set((0..<listing.count).compactMap { listing.source(at: $0).source }) == ["Harbour Times", "Rail Weekly"])
    }
}
