import BylineConfig
import BylineCore
import BylineFeeds
import BylineStore
import FeedParsing
import Foundation
import Testing

/// Retention on a real library folder, as `byline clean`, `byline fetch` and the reader's
/// `R` apply it: old fetched stories go; starred ones and the reader's own files stay.
@Suite struct LibraryCleaningTests {
    let now = Date()
    let day = 86_400.0

    /// A library with an old and a new fetched story, an old starred one, and the reader's
    /// own old file.
    func library() throws -> (Library, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-cleaning-\(UUID().uuidString)")
        let fetched = folder.appendingPathComponent("fetched")
        try FileManager.default.createDirectory(at: fetched, withIntermediateDirectories: true)
        func write(_ path: URL, _ title: String, feed: String, daysAgo: Double) throws {
            try "Title: \(title)\nFeed: \(feed)\nPublished: 2020-01-01T00:00:00Z\n\nBody of \(title).\n"
                .write(to: path, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-daysAgo * day)], ofItemAtPath: path.path)
        }
        try write(fetched.appendingPathComponent("00000000000000aa.txt"), "Old news", feed: "https://news.example/rss", daysAgo: 200)
        try write(fetched.appendingPathComponent("00000000000000bb.txt"), "Fresh news", feed: "https://news.example/rss", daysAgo: 1)
        try write(fetched.appendingPathComponent("00000000000000cc.txt"), "Old but starred", feed: "https://news.example/rss", daysAgo: 200)
        try write(fetched.appendingPathComponent("00000000000000dd.txt"), "Old essay", feed: "https://essays.example/rss", daysAgo: 200)
        try write(folder.appendingPathComponent("mine.txt"), "My own old notes", feed: "https://news.example/rss", daysAgo: 400)
        let library = Library(folder: folder)
        try library.readingState.apply(.star(StoryID("fetched/00000000000000cc.txt")))
        return (library, folder)
    }

    func left(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("fetched").path).sorted()
    }

    @Test func oldFetchedStoriesGoStarredOnesAndTheReadersOwnStay() throws {
        let (library, folder) = try library()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = LibraryCleaning.clean(library, retention: RetentionSettings(keep: try #require(RetentionPeriod("90d"))),
                                            subscriptions: [], subscriptionsPath: "feeds.toml", now: now)
        #expect(outcome == LibraryCleaning.Outcome(removed: 2, problems: []))
        #expect(outcome.sentence == "removed 2 old stories (older than the retention period)")
        #expect(try left(folder) == ["00000000000000bb.txt", "00000000000000cc.txt"])
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("mine.txt").path))
    }

    @Test func aFeedsOwnKeepOverridesTheGlobalOneAndABadOneKeepsItsStories() throws {
        let (library, folder) = try library()
        defer { try? FileManager.default.removeItem(at: folder) }
        let subscriptions = [Subscription(url: "https://essays.example/rss", keep: "forever"),
                             Subscription(url: "https://news.example/rss", keep: "soon")]
        let outcome = LibraryCleaning.clean(library, retention: RetentionSettings(keep: try #require(RetentionPeriod("90d"))),
                                            subscriptions: subscriptions, subscriptionsPath: "feeds.toml", now: now)
        #expect(outcome.removed == 0)
        #expect(outcome.problems.count == 1)
        #expect(outcome.problems.first?.hasPrefix("feeds.toml: feed https://news.example/rss: keep: \"soon\" is not a period") == true)
        #expect(try left(folder).count == 4)
    }

    @Test func starredMarksThatCannotBeReadWholeKeepEveryStory() throws {
        let (library, folder) = try library()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A damaged reading-state file: its starred line may be the one lost.
        let state = library.readingState.stateFolder.appendingPathComponent("reading-state")
        try "byline-reading-state\t1\t0000000000000000\nstarred\tfetched/0000".write(to: state, atomically: true, encoding: .utf8)
        let outcome = LibraryCleaning.clean(library, retention: RetentionSettings(keep: try #require(RetentionPeriod("90d"))),
                                            subscriptions: [], subscriptionsPath: "feeds.toml", now: now)
        #expect(outcome.removed == 0)
        #expect(outcome.problems.count == 1)
        #expect(outcome.problems.first?.contains("no old story removed until the starred marks read whole") == true)
        #expect(try left(folder).count == 4)
    }

    @Test func foreverRemovesNothing() throws {
        let (library, folder) = try library()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = LibraryCleaning.clean(library, retention: RetentionSettings(), subscriptions: [],
                                            subscriptionsPath: "feeds.toml", now: now)
        #expect(outcome == LibraryCleaning.Outcome(removed: 0, problems: []))
        #expect(outcome.sentence == nil)
        #expect(try left(folder).count == 4)
    }

    /// An index that lists a story as old does not decide alone: a story whose file was
    /// fetched again since (its folder unchanged) stays, and the index follows what went.
    @Test func aStoryFetchedAgainSinceItWasIndexedStays() throws {
        let (library, folder) = try library()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try library.load()  // indexes the four stories as they are: three of them old
        let fetched = folder.appendingPathComponent("fetched")
        // The folders last changed an hour ago: the check allows a second of clock
        // coarseness, so folders made a moment ago count as changed.
        for changed in [folder, fetched] {
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: changed.path)
        }
        // Fetched again in place: the file is new, its folder and the index unchanged.
        try FileManager.default.setAttributes([.modificationDate: now], ofItemAtPath: fetched.appendingPathComponent("00000000000000aa.txt").path)
        #expect(try library.contentsIfFoldersUnchanged() != nil)
        let outcome = LibraryCleaning.clean(library, retention: RetentionSettings(keep: try #require(RetentionPeriod("90d"))),
                                            subscriptions: [], subscriptionsPath: "feeds.toml", now: now)
        #expect(outcome == LibraryCleaning.Outcome(removed: 1, problems: []))
        #expect(try left(folder) == ["00000000000000aa.txt", "00000000000000bb.txt", "00000000000000cc.txt"])
        // The index followed the removal: the story is gone from the listing too.
        let listing = try #require(library.indexedContents()).listing
        #expect((0..<listing.count).map { listing.id(at: $0).path }.sorted()
                == ["fetched/00000000000000aa.txt", "fetched/00000000000000bb.txt", "fetched/00000000000000cc.txt", "mine.txt"])
    }

    /// Indexes the library, then dates its folders an hour back: the folder check allows a
    /// second of clock coarseness, so folders made a moment ago would count as changed.
    func indexed(_ library: Library, _ folder: URL) throws {
        _ = try library.load()
        for changed in [folder, folder.appendingPathComponent("fetched")] {
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: changed.path)
        }
        #expect(try library.contentsIfFoldersUnchanged() != nil)
    }

    func keep90Days() throws -> RetentionSettings { RetentionSettings(keep: try #require(RetentionPeriod("90d"))) }

    /// A file's time can move back with no folder changing (a story restored in place
    /// from a copy that kept its old time): the index still lists it as fresh, and the
    /// story goes all the same, as its file's time says.
    @Test func aStoryWhoseFileTimeMovedBackSinceItWasIndexedGoes() throws {
        let (library, folder) = try library()
        defer { try? FileManager.default.removeItem(at: folder) }
        try indexed(library, folder)
        let fresh = folder.appendingPathComponent("fetched/00000000000000bb.txt")
        try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-200 * day)], ofItemAtPath: fresh.path)
        let outcome = LibraryCleaning.clean(library, retention: try keep90Days(), subscriptions: [],
                                            subscriptionsPath: "feeds.toml", now: now)
        #expect(outcome == LibraryCleaning.Outcome(removed: 3, problems: []))
        #expect(try left(folder) == ["00000000000000cc.txt"])
    }

    /// A story the index lists as old whose file was rewritten in place with a newer
    /// publication date, and its old time put back: its file, not the index, dates it,
    /// so it stays.
    @Test func aStoryRewrittenInPlaceWithANewerDateStaysThoughItsTimeIsOld() throws {
        let (library, folder) = try library()
        defer { try? FileManager.default.removeItem(at: folder) }
        try indexed(library, folder)
        let old = folder.appendingPathComponent("fetched/00000000000000aa.txt")
        let yesterday = ISO8601DateFormatter().string(from: now.addingTimeInterval(-day))
        let handle = try FileHandle(forWritingTo: old)
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data("Title: Old news, updated\nFeed: https://news.example/rss\nPublished: \(yesterday)\n\nNew body.\n".utf8))
        try handle.close()
        try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-200 * day)], ofItemAtPath: old.path)
        #expect(try library.contentsIfFoldersUnchanged() != nil)
        let outcome = LibraryCleaning.clean(library, retention: try keep90Days(), subscriptions: [],
                                            subscriptionsPath: "feeds.toml", now: now)
        #expect(outcome == LibraryCleaning.Outcome(removed: 1, problems: []))
        #expect(try left(folder) == ["00000000000000aa.txt", "00000000000000bb.txt", "00000000000000cc.txt"])
    }

    /// A story's age counts from the later of its publication and its fetch: one published
    /// yesterday stays however old its file, and one fetched yesterday however old its date.
    @Test func aRecentPublicationOrFetchKeepsAStory() throws {
        let (library, folder) = try library()
        defer { try? FileManager.default.removeItem(at: folder) }
        let recent = folder.appendingPathComponent("fetched/00000000000000ee.txt")
        let yesterday = ISO8601DateFormatter().string(from: now.addingTimeInterval(-day))
        try "Title: Recent news\nPublished: \(yesterday)\n\nBody.\n".write(to: recent, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-300 * day)], ofItemAtPath: recent.path)
        try indexed(library, folder)
        let outcome = LibraryCleaning.clean(library, retention: try keep90Days(), subscriptions: [],
                                            subscriptionsPath: "feeds.toml", now: now)
        #expect(outcome == LibraryCleaning.Outcome(removed: 2, problems: []))
        #expect(try left(folder) == ["00000000000000bb.txt", "00000000000000cc.txt", "00000000000000ee.txt"])
    }

    /// A story the index lists whose file is gone is no candidate and no failure.
    @Test func aStoryGoneSinceItWasIndexedIsNoFailure() throws {
        let (library, folder) = try library()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try library.load()
        try FileManager.default.removeItem(at: folder.appendingPathComponent("fetched/00000000000000aa.txt"))
        let outcome = LibraryCleaning.clean(library, retention: try keep90Days(), subscriptions: [],
                                            subscriptionsPath: "feeds.toml", now: now)
        #expect(outcome == LibraryCleaning.Outcome(removed: 1, problems: []))
        #expect(try left(folder) == ["00000000000000bb.txt", "00000000000000cc.txt"])
    }

    /// Each feed's own period applies to its stories, from the index as from the files:
    /// news kept 30 days loses its old story, essays kept for ever keep theirs.
    @Test func eachFeedsOwnPeriodAppliesToItsStories() throws {
        let (library, folder) = try library()
        defer { try? FileManager.default.removeItem(at: folder) }
        try indexed(library, folder)
        let subscriptions = [Subscription(url: "https://essays.example/rss", keep: "forever"),
                             Subscription(url: "https://news.example/rss", keep: "30d")]
        let outcome = LibraryCleaning.clean(library, retention: try keep90Days(), subscriptions: subscriptions,
                                            subscriptionsPath: "feeds.toml", now: now)
        #expect(outcome == LibraryCleaning.Outcome(removed: 1, problems: []))
        #expect(try left(folder) == ["00000000000000bb.txt", "00000000000000cc.txt", "00000000000000dd.txt"])
    }
}
