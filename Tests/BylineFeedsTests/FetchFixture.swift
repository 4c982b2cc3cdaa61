import BylineCore
import BylineFeeds
import BylineStore
import FeedParsing
import Foundation
import TestSupport

/// A temporary library, subscriptions file and loopback server for one fetch test.
final class FetchFixture: Sendable {
    let server: LoopbackServer
    let folder: URL
    let library: Library
    let subscriptionsFile: SubscriptionsFile

    init() throws {
        server = try LoopbackServer()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-fetch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        library = Library(folder: folder.appendingPathComponent("library"))
        subscriptionsFile = SubscriptionsFile(url: folder.appendingPathComponent("config/feeds.toml"))
    }

    deinit {
        server.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// A fetcher for the fixture's library. Story pages are off unless asked for: the
    /// canned feeds link to example.org, which tests must not reach.
    func fetcher(timeout: Double = 10, fullStory: FullStoryMode? = .never) -> FeedFetcher {
        FeedFetcher(library: library, reader: FetchTestFeeds.reader, converter: FetchTestFeeds.converter,
                    limits: FetchLimits(timeout: timeout), subscriptionsFile: subscriptionsFile, fullStory: fullStory)
    }

    /// Subscribes to `paths` on the server and fetches them all.
    func fetch(_ paths: [String], timeout: Double = 10, fullStory: FullStoryMode? = .never) async throws -> FetchReport {
        let subscriptions = paths.map { Subscription(url: server.url($0)) }
        try subscriptionsFile.modify { list in for subscription in subscriptions { list.add(subscription) } }
        return await fetcher(timeout: timeout, fullStory: fullStory).fetchAll(subscriptions: try subscriptionsFile.load().subscriptions)
    }

    var storyFolder: URL { library.folder.appendingPathComponent("fetched") }

    /// Every stored story file: name → bytes.
    func storedFiles() throws -> [String: Data] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: storyFolder.path)) ?? []
        var files: [String: Data] = [:]
        for name in names { files[name] = try Data(contentsOf: storyFolder.appendingPathComponent(name)) }
        return files
    }

    func modificationDates() throws -> [String: Date] {
        var dates: [String: Date] = [:]
        for name in try storedFiles().keys {
            let attributes = try FileManager.default.attributesOfItem(atPath: storyFolder.appendingPathComponent(name).path)
            dates[name] = attributes[.modificationDate] as? Date
        }
        return dates
    }

    /// The stored stories, parsed.
    func storedStories() throws -> [Story] {
        try storedFiles().values.map { try StoryFileParser.parse($0).get() }
    }

    /// The stored stories' text, sorted, for comparing what a reader would see.
    func storedTexts() throws -> [String] {
        try storedFiles().values.map { String(decoding: $0, as: UTF8.self) }.sorted()
    }
}
