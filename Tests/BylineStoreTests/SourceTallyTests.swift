import BylineCore
import Foundation
import Testing
@testable import BylineStore

/// The sources view's counts from the index's bytes equal a plain recount of the summaries.
@Suite struct SourceTallyTests {
    private func library() throws -> TemporaryLibrary {
        let temp = try TemporaryLibrary()
        func story(_ path: String, _ title: String, source: String?, published: String?) throws {
            var text = "Title: \(title)\n"
            if let source { text += "Source: \(source)\n" }
            if let published { text += "Published: \(published)\n" }
            try temp.write(path, text + "\nA paragraph.\n")
        }
        try story("harbour/1.txt", "Tides", source: "Harbour", published: "2024-01-01T10:00:00Z")
        try story("harbour/2.txt", "Ferries", source: "Harbour", published: "2024-03-01T10:00:00Z")
        try story("elsewhere/3.txt", "Quays", source: "  Harbour ", published: nil)
        try story("rail/1.txt", "Signals", source: "Rail", published: "2024-02-01T10:00:00Z")
        try story("rail/2.txt", "Sleepers", source: "Rail", published: nil)
        try story("odd/1.txt", "Back", source: #"Back\slash News"#, published: "2023-05-01T10:00:00Z")
        try story("notes/1.txt", "A note", source: nil, published: "2024-04-01T10:00:00Z")
        try story("notes/2.txt", "Blank", source: "   ", published: nil)
        try story("loose.txt", "Loose", source: nil, published: nil)
        return temp
    }

    private func recount(_ listing: any StoryListing, read: Set<StoryID>, starred: Set<StoryID>) -> SourceTallies {
        var tallies = SourceTallies()
        for story in listing.allSummaries {
            tallies.add(source: SourceTallies.name(source: story.source, id: story.id), unread: !read.contains(story.id),
                        starred: starred.contains(story.id), published: story.published?.timeIntervalSince1970)
        }
        return tallies
    }

    @Test func countsFromTheIndexEqualARecount() throws {
        let temp = try library()
        let listing = try temp.library.load().listing
        let read: Set<StoryID> = [StoryID("harbour/1.txt"), StoryID("elsewhere/3.txt"), StoryID("notes/2.txt"),
                                  StoryID("odd/1.txt"), StoryID("gone.txt")]
        let starred: Set<StoryID> = [StoryID("harbour/2.txt"), StoryID("rail/2.txt"), StoryID("notes/2.txt")]
        let tallies = listing.tallySources(read: read, starred: starred, skipping: [])

        #expect(tallies == recount(listing, read: read, starred: starred))
        #expect(tallies.all == StoryTally(unread: 5, total: 9, newest: tallies.all.newest))
        #expect(tallies.starred.unread == 2 && tallies.starred.total == 3)
        #expect(tallies.bySource["Harbour"]?.total == 3, "spaces around a source name it still")
        #expect(tallies.bySource["Harbour"]?.unread == 1)
        #expect(tallies.bySource[#"Back\slash News"#]?.total == 1)
        #expect(tallies.bySource["notes/"] == StoryTally(unread: 1, total: 2, newest: tallies.bySource["notes/"]?.newest),
                "no source, or a blank one: listed under the folder")
        #expect(tallies.bySource["Other stories"]?.total == 1)
        #expect(tallies.bySource.count == 5)
    }

    @Test func everyStoryReadOrNoneGivesTheWholeCount() throws {
        let temp = try library()
        let listing = try temp.library.load().listing
        let every = Set((0..<listing.count).map(listing.id(at:)))
        let allRead = listing.tallySources(read: every, starred: every, skipping: [])
        #expect(allRead == recount(listing, read: every, starred: every))
        #expect(allRead.all.unread == 0 && allRead.starred.total == 9)
        #expect(listing.tallySources(read: [], starred: [], skipping: []).all.unread == 9)
    }

    @Test func skippedRowsAndAdditionsCountAsTheListShowsThem() throws {
        let temp = try library()
        let listing = try temp.library.load().listing
        let read: Set<StoryID> = [StoryID("rail/1.txt"), StoryID("new.txt")]
        // One story fetched again under another source, one new, one removed.
        let changed = listing.adding(StorySummary(id: StoryID("rail/2.txt"), story: Story(title: "Sleepers", source: "Harbour")))
            .adding(StorySummary(id: StoryID("new.txt"), story: Story(title: "New", source: "Rail")))
            .applying(ListingChanges(added: [], removed: [StoryID("odd/1.txt")]))
        let tallies = changed.tallySources(read: read, starred: [], skipping: [])
        #expect(tallies == recount(changed, read: read, starred: []))
        #expect(tallies.bySource["Rail"] == StoryTally(unread: 0, total: 2, newest: tallies.bySource["Rail"]?.newest))
        #expect(tallies.bySource["Harbour"]?.total == 4)
        #expect(tallies.bySource[#"Back\slash News"#] == nil)

        let skipped = listing.tallySources(read: read, starred: [], skipping: [0, 2])
        let kept = SummaryListing((0..<listing.count).filter { ![0, 2].contains($0) }.map(listing.summary(at:)))
        #expect(skipped == recount(kept, read: read, starred: []))
    }
}
