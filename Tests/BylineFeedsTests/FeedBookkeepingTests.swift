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

    /// The states file is written without JSONEncoder: what it writes must read back, through
    /// JSONDecoder as ever, to the same states, whatever a feed's title or error holds.
    @Test func savedStatesReadBackWhateverTheirTextHolds() throws {
        let (bookkeeping, folder) = try bookkeeping()
        defer { try? FileManager.default.removeItem(at: folder) }
        let states = FetchStateReadingTests.trickyStates
        try bookkeeping.update { $0 = states }
        #expect(bookkeeping.stateFile.load() == states)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let data = try Data(contentsOf: bookkeeping.stateFile.url)
        #expect(try decoder.decode([String: FeedFetchState].self, from: data) == states)
        try bookkeeping.update { $0 = [:] }
        #expect(bookkeeping.stateFile.load().isEmpty)
    }

    /// One feed's state is laid out as JSONEncoder laid it out (sorted keys, pretty printed),
    /// so a file written before reads and looks the same.
    @Test func aSavedStateLooksAsTheEncoderWroteIt() throws {
        let (bookkeeping, folder) = try bookkeeping()
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = FeedFetchState(feedKey: "https://a.example/rss", title: "Daily / News", etag: "\"v1\"",
                                   lastModified: "Thu, 03 Dec 2026 18:41:00 GMT",
                                   lastFetch: Date(timeIntervalSince1970: 1_796_000_000), storyCount: 7)
        try bookkeeping.update { $0 = ["https://a.example/rss": state] }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let written = try String(contentsOf: bookkeeping.stateFile.url, encoding: .utf8)
        #expect(written == String(decoding: try encoder.encode(["https://a.example/rss": state]), as: UTF8.self))
    }
}
