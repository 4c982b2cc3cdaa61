import BylineFeeds
import BylineStore
import Foundation
import Testing

/// The feeds' bookkeeping file, as two fetches of one library share it.
@Suite struct FeedBookkeepingTests {
    func bookkeeping() throws -> (FeedBookkeeping, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-bookkeeping-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (FeedBookkeeping(library: Library(folder: folder)), folder)
    }

    /// A fetch takes again the states it read at its start only while the file is the one
    /// it read: what another fetch wrote in between is kept, not overwritten.
    @Test func statesReadEarlierNeverHideAnotherFetchsChanges() throws {
        let (bookkeeping, folder) = try bookkeeping()
        defer { try? FileManager.default.removeItem(at: folder) }
        try bookkeeping.update { $0["https://a.example/rss"] = .new(for: "https://a.example/rss") }
        let loaded = bookkeeping.stateFile.loadNoting()
        #expect(Set(loaded.states.keys) == ["https://a.example/rss"])

        // Another fetch of the same library records a feed of its own meanwhile.
        try bookkeeping.update { $0["https://b.example/rss"] = .new(for: "https://b.example/rss") }
        try bookkeeping.update(reusing: loaded, syncingFolder: false) { states in
            states["https://a.example/rss"]?.lastError = "timed out"
        }
        let states = bookkeeping.stateFile.load()
        #expect(Set(states.keys) == ["https://a.example/rss", "https://b.example/rss"])
        #expect(states["https://a.example/rss"]?.lastError == "timed out")
    }

    /// With nothing written in between, the states read at the start are the file's, and
    /// the change lands on them.
    @Test func statesReadEarlierAreUsedWhileTheFileIsUnchanged() throws {
        let (bookkeeping, folder) = try bookkeeping()
        defer { try? FileManager.default.removeItem(at: folder) }
        try bookkeeping.update { states in
            states["https://a.example/rss"] = FeedFetchState(feedKey: "https://a.example/rss", etag: "\"v1\"", storyCount: 3)
        }
        let loaded = bookkeeping.stateFile.loadNoting()
        try bookkeeping.update(reusing: loaded, syncingFolder: false) { states in
            states["https://a.example/rss"]?.lastFetch = Date(timeIntervalSince1970: 1_800_000_000)
        }
        let state = try #require(bookkeeping.stateFile.load()["https://a.example/rss"])
        #expect(state.etag == "\"v1\"" && state.storyCount == 3)
        #expect(state.lastFetch == Date(timeIntervalSince1970: 1_800_000_000))
    }
}
