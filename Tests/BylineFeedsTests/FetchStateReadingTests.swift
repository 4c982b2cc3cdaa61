@testable import BylineFeeds
import BylineStore
import Foundation
import Testing

/// `feeds-state.json` read without JSONDecoder: whatever the file holds, the states are the
/// ones JSONDecoder reads from it, so a fetch's validators, feed keys and counts never
/// depend on which reader took the file.
@Suite struct FetchStateReadingTests {
    static func decoded(_ text: String) -> [String: FeedFetchState]? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode([String: FeedFetchState].self, from: Data(text.utf8))
    }

    /// Reads `text` from a states file as a fetch does.
    static func loaded(_ text: String) throws -> [String: FeedFetchState] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-states-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = FetchStateFile(url: folder.appendingPathComponent("feeds-state.json"))
        try Data(text.utf8).write(to: file.url)
        return file.loadNoting().states
    }

    /// States whose text holds what JSON must escape, non-Latin letters, absent fields.
    static let trickyStates: [String: FeedFetchState] = {
        let fetched = Date(timeIntervalSince1970: 1_796_000_000)
        return [
            "https://a.example/rss?x=1&y=\"2\"": FeedFetchState(
                feedKey: "https://a.example/rss?x=1&y=\"2\"", title: "Quotes \" and \\ back\nslash, tab\t, bell\u{07}, café, 日本 🎉",
                etag: "W/\"abc\"", lastModified: "Thu, 03 Dec 2026 18:41:00 GMT", lastFetch: fetched,
                lastError: "HTTP 500 Internal Server Error\r\n", storyCount: 42),
            "https://b.example/feed": FeedFetchState(feedKey: "https://old.example/feed"),
            "http://c.example/Ä/feed": FeedFetchState(feedKey: "http://c.example/Ä/feed", lastFetch: fetched, storyCount: 0),
            // 29 February 2024.
            "https://d.example/leap": FeedFetchState(feedKey: "https://d.example/leap",
                                                     lastFetch: Date(timeIntervalSince1970: 1_709_164_800), storyCount: 9_000_000),
        ]
    }()

    @Test func writtenStatesReadBackAsTheDecoderReadsThem() throws {
        let states = Self.trickyStates
        let bytes = FetchStateJSON.bytes(states)
        #expect(FetchStateJSON.states(from: bytes) == states)
        #expect(Self.decoded(String(decoding: bytes, as: UTF8.self)) == states)
        #expect(FetchStateJSON.states(from: FetchStateJSON.bytes([:])) == [:])
    }

    /// Files in the plain shape but not as Byline lays them out (by hand, or another
    /// program): read directly, to the decoder's states.
    @Test(arguments: [
        #"{"https://a.example/rss":{"storyCount":3,"feedKey":"https://a.example/rss","etag":"\"v1\""}}"#,
        #"{ "u" : { "feedKey" : "k", "storyCount" : 0, "title" : null, "lastError" : null, "lastFetch" : null } }"#,
        #"{"u":{"feedKey":"caf\u00e9 \ud83c\udf89 \/ \b\f","storyCount":1,"lastFetch":"2026-12-03T19:17:55Z"}}"#,
        #"{"u":{"feedKey":"k","storyCount":1,"note":"kept by hand","pinned":true,"rank":7,"gone":null}}"#,
        "{\r\n\t\"u\":{\"feedKey\":\"k\",\"storyCount\":12}\r\n}\r\n",
        "{}",
    ])
    func plainFilesReadDirectlyAsTheDecoderReadsThem(text: String) throws {
        let direct = try #require(FetchStateJSON.states(from: Array(text.utf8)))
        #expect(direct == Self.decoded(text))
        #expect(try Self.loaded(text) == direct)
    }

    /// Anything else is left to JSONDecoder, whose reading (or refusal: no states) stands.
    @Test(arguments: [
        #"{"u":{"feedKey":"k","storyCount":1,"extra":{"nested":1}}}"#,
        #"{"u":{"feedKey":"k","storyCount":1.0}}"#,
        #"{"u":{"feedKey":"k","storyCount":-1}}"#,
        #"{"u":{"feedKey":"k","storyCount":1,"lastFetch":"2026-12-03T19:17:55.250Z"}}"#,
        #"{"u":{"feedKey":"k","storyCount":1,"lastFetch":"2026-12-03T20:17:55+01:00"}}"#,
        #"{"u":{"feedKey":"k","storyCount":1,"lastFetch":"2026-02-30T00:00:00Z"}}"#,
        #"{"u":{"feedKey":"k"}}"#,
        #"{"u":{"feedKey":"k","storyCount":1},"u":{"feedKey":"j","storyCount":2}}"#,
        #"{"u":{"feedKey":"k","storyCount":1,"storyCount":2}}"#,
        #"{"u":{"feedKey":"k","storyCount":1}} trailing"#,
        #"{"u":{"feedKey":"k","storyCount":1}"#,
        #"{"u":{"feedKey":"\ud83c","storyCount":1}}"#,
        "{\"u\":{\"feedKey\":\"tab\tinside\",\"storyCount\":1}}",
        #"[{"feedKey":"k","storyCount":1}]"#,
        "",
    ])
    func otherFilesAreReadAsTheDecoderReadsThem(text: String) throws {
        #expect(FetchStateJSON.states(from: Array(text.utf8)) == nil)
        #expect(try Self.loaded(text) == (Self.decoded(text) ?? [:]))
    }

    @Test func invalidUTF8IsLeftToTheDecoder() throws {
        var bytes = Array(#"{"u":{"feedKey":"k"#.utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array(#"","storyCount":1}}"#.utf8)
        #expect(FetchStateJSON.states(from: bytes) == nil)
    }
}
