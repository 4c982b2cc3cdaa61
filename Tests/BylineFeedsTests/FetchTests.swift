import BylineCore
import BylineFeeds
import BylineStore
import FeedParsing
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport

@Suite("Fetching feeds over HTTP into the library")
struct FetchTests {
    @Test func storesEveryItemAsAStoryFile() async throws {
        let fixture = try FetchFixture()
        fixture.server.route("/feed", FetchTestFeeds.route(FetchTestFeeds.rss(title: "Daily News", items: 3)))

        let report = try await fixture.fetch(["/feed"])

        #expect(report.failures.isEmpty)
        #expect(report.tally == FeedShelf.Tally(new: 3))
        let texts = try fixture.storedTexts()
        #expect(texts.count == 3)
        let story = try #require(texts.first)
        #expect(story.hasPrefix("Title: Story 1\nSource: Daily News\n"))
        #expect(story.contains("URL: http://example.org/story/1\nFeed: \(fixture.server.url("/feed"))\nID: item-1\n"))
        #expect(story.hasSuffix("\n\nBody text 1.\n"))
    }

    @Test func aFetchLeavesTheIndexCurrent() async throws {
        let fixture = try FetchFixture()
        fixture.server.route("/feed", FetchTestFeeds.route(FetchTestFeeds.rss(title: "Daily News", items: 3)))

        _ = try await fixture.fetch(["/feed"])

        // The reader opens on the index without reading a story file first.
        let indexed = try #require(fixture.library.indexedContents())
        #expect(indexed.entries.map(\.title).sorted() == ["Story 1", "Story 2", "Story 3"])
        let loaded = try fixture.library.load()
        #expect(loaded.report.parsed == 0)
        #expect(loaded.report.reused == 3)
    }

    @Test func secondFetchIsConditionalAndRewritesNothing() async throws {
        let fixture = try FetchFixture()
        fixture.server.route("/feed", FetchTestFeeds.route(FetchTestFeeds.rss(items: 2), etag: "\"v1\""))
        _ = try await fixture.fetch(["/feed"])
        let bytes = try fixture.storedFiles()
        let dates = try fixture.modificationDates()

        let second = try await fixture.fetch(["/feed"])

        #expect(second.outcomes.map(\.result) == [.notModified])
        #expect(fixture.server.requests(for: "/feed").last?.headers["if-none-match"] == "\"v1\"")
        #expect(try fixture.storedFiles() == bytes)
        #expect(try fixture.modificationDates() == dates)
    }

    @Test func lastModifiedAloneMakesTheFetchConditional() async throws {
        let fixture = try FetchFixture()
        let date = "Sat, 08 Jan 2022 10:00:00 GMT"
        fixture.server.route("/feed", LoopbackServer.Route(contentType: "application/rss+xml",
                                                           body: FetchTestFeeds.rss(items: 1), lastModified: date))
        _ = try await fixture.fetch(["/feed"])
        let second = try await fixture.fetch(["/feed"])
        #expect(second.outcomes.map(\.result) == [.notModified])
        #expect(fixture.server.requests(for: "/feed").last?.headers["if-modified-since"] == date)
    }

    @Test func changedItemIsRewrittenUnderTheSameNameAndOthersAreLeftAlone() async throws {
        let fixture = try FetchFixture()
        fixture.server.route("/feed", FetchTestFeeds.route(FetchTestFeeds.rss(items: 2)))
        _ = try await fixture.fetch(["/feed"])
        let before = try fixture.storedFiles()
        let dates = try fixture.modificationDates()

        let changed = FetchTestFeeds.rss(items: 2).replacingOccurrences(of: "Body text 2.", with: "Corrected text 2.")
        fixture.server.route("/feed", FetchTestFeeds.route(changed))
        let report = try await fixture.fetch(["/feed"])

        #expect(report.tally == FeedShelf.Tally(new: 0, updated: 1, unchanged: 1))
        let after = try fixture.storedFiles()
        #expect(Set(after.keys) == Set(before.keys))
        let rewritten = after.filter { before[$0.key] != $0.value }
        #expect(rewritten.count == 1)
        #expect(String(decoding: try #require(rewritten.first?.value), as: UTF8.self).contains("Corrected text 2."))
        let untouched = try #require(after.keys.first { rewritten[$0] == nil })
        #expect(try fixture.modificationDates()[untouched] == dates[untouched])
    }

    @Test func gzipBodiesAreDecoded() async throws {
        let fixture = try FetchFixture()
        fixture.server.route("/feed", FetchTestFeeds.route(FetchTestFeeds.rss(items: 2), gzip: true))
        let report = try await fixture.fetch(["/feed"])
        #expect(report.failures.isEmpty)
        #expect(report.tally.new == 2)
        #expect(fixture.server.requests(for: "/feed").first?.headers["accept-encoding"]?.contains("gzip") == true)
    }

    @Test func permanentRedirectMovesTheSubscription() async throws {
        let fixture = try FetchFixture()
        fixture.server.route("/old", .redirect(301, to: "/new"))
        fixture.server.route("/new", FetchTestFeeds.route(FetchTestFeeds.rss(items: 1)))

        let report = try await fixture.fetch(["/old"])

        #expect(report.outcomes.first?.movedTo == fixture.server.url("/new"))
        #expect(try fixture.subscriptionsFile.load().subscriptions.map(\.url) == [fixture.server.url("/new")])
        #expect(try fixture.storedTexts().first?.contains("Feed: \(fixture.server.url("/new"))") == true)

        // The moved feed keeps its stories' names: fetching it again adds nothing.
        let again = await fixture.fetcher().fetchAll(subscriptions: try fixture.subscriptionsFile.load().subscriptions)
        #expect(again.tally.new == 0)
        #expect(try fixture.storedFiles().count == 1)
    }

    @Test func temporaryRedirectLeavesTheSubscriptionAlone() async throws {
        let fixture = try FetchFixture()
        fixture.server.route("/old", .redirect(302, to: "/new"))
        fixture.server.route("/new", FetchTestFeeds.route(FetchTestFeeds.rss(items: 1)))
        let report = try await fixture.fetch(["/old"])
        #expect(report.outcomes.first?.movedTo == nil)
        #expect(report.tally.new == 1)
        #expect(try fixture.subscriptionsFile.load().subscriptions.map(\.url) == [fixture.server.url("/old")])
    }

    @Test func redirectLoopsAndRedirectsOffTheWebAreRefused() async throws {
        let fixture = try FetchFixture()
        fixture.server.route("/loop", .redirect(302, to: "/loop"))
        fixture.server.route("/local", .redirect(301, to: "file:///etc/passwd"))
        let report = try await fixture.fetch(["/loop", "/local"])
        #expect(fixture.server.requests(for: "/etc/passwd").isEmpty)
        #expect(report.failures.map(\.line) == [
            "\(fixture.server.url("/loop")): too many redirects",
            "\(fixture.server.url("/local")): not an http(s) URL: file:///etc/passwd",
        ])
    }

    @Test func slowServerTimesOutWithAClearMessageWhileOthersLand() async throws {
        let fixture = try FetchFixture()
        fixture.server.route("/slow", FetchTestFeeds.route(FetchTestFeeds.rss(items: 1), delay: 20))
        fixture.server.route("/fast", FetchTestFeeds.route(FetchTestFeeds.rss(items: 2)))

        let report = try await fixture.fetch(["/slow", "/fast"], timeout: 3)

        #expect(report.failures.map(\.line) == ["\(fixture.server.url("/slow")): timed out after 3 s"])
        #expect(report.tally.new == 2)
    }

    @Test func serverErrorAndNonFeedPageFailClearlyWhileOthersLand() async throws {
        let fixture = try FetchFixture()
        fixture.server.route("/broken", LoopbackServer.Route(status: 500, contentType: "text/plain", body: "oops"))
        fixture.server.route("/page", LoopbackServer.Route(contentType: "text/html", body: "<html><body><p>Hello</p></body></html>"))
        fixture.server.route("/feed", FetchTestFeeds.route(FetchTestFeeds.rss(items: 2)))

        let report = try await fixture.fetch(["/broken", "/page", "/feed"])

        #expect(report.failures.map(\.line) == [
            "\(fixture.server.url("/broken")): HTTP 500 Internal Server Error",
            "\(fixture.server.url("/page")): not a feed: no <rss> element",
        ])
        #expect(report.tally.new == 2)
        let states = FeedBookkeeping(library: fixture.library).stateFile.load()
        #expect(states[fixture.server.url("/broken")]?.lastError == "HTTP 500 Internal Server Error")
        #expect(states[fixture.server.url("/feed")]?.storyCount == 2)
    }

    @Test func refusedConnectionAndUnknownHostNameTheReason() async throws {
        let fixture = try FetchFixture()
        let closed = try LoopbackServer()
        let closedURL = closed.url("/feed")
        closed.stop()
        let report = await fixture.fetcher(timeout: 5).fetchAll(subscriptions: [
            Subscription(url: closedURL), Subscription(url: "http://no-such-host.invalid/feed"),
        ])
        #expect(report.failures.map(\.line) == [
            "\(closedURL): connection refused by 127.0.0.1",
            "http://no-such-host.invalid/feed: DNS: cannot find host no-such-host.invalid",
        ])
    }

    @Test func oversizedResponseIsRefused() async throws {
        let fixture = try FetchFixture()
        fixture.server.route("/huge", FetchTestFeeds.route(FetchTestFeeds.rss(items: 2000)))
        let fetcher = FeedFetcher(library: fixture.library, reader: FetchTestFeeds.reader, converter: FetchTestFeeds.converter,
                                  limits: FetchLimits(timeout: 10, maxBytes: 64 * 1024))
        let report = await fetcher.fetchAll(subscriptions: [Subscription(url: fixture.server.url("/huge"))])
        #expect(report.failures.first?.failure == .tooLarge(limit: 64 * 1024))
        #expect(try fixture.storedFiles().isEmpty)
    }

    @Test func twoFetchesAtOnceLeaveNoDuplicateOrDamagedFile() async throws {
        let fixture = try FetchFixture()
        let paths = (1...6).map { "/feed\($0)" }
        for (index, path) in paths.enumerated() {
            fixture.server.route(path, FetchTestFeeds.route(FetchTestFeeds.rss(title: "Feed \(index)", items: 20,
                                                                               site: "http://feed\(index).example")))
        }
        let subscriptions = paths.map { Subscription(url: fixture.server.url($0)) }

        async let first = fixture.fetcher().fetchAll(subscriptions: subscriptions)
        async let second = fixture.fetcher().fetchAll(subscriptions: subscriptions)
        let reports = await [first, second]

        #expect(reports.allSatisfy { $0.failures.isEmpty })
        let files = try fixture.storedFiles()
        #expect(files.count == 120)
        for (name, bytes) in files {
            let story = try StoryFileParser.parse(bytes).get()
            #expect(story.title.hasPrefix("Story "), "\(name)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.storyFolder.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
        let states = FeedBookkeeping(library: fixture.library).stateFile.load()
        #expect(states.values.map(\.storyCount).reduce(0, +) == 120)
    }

    @Test func hostileFeedTextNeverReachesTheFileAsControlCharacters() async throws {
        let fixture = try FetchFixture()
        let esc = "\u{1B}"
        let document = """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Evil\(esc)[2J feed</title>
            <item><guid>x</guid><title>Clear\(esc)]0;pwned\u{07} screen</title><link>javascript:alert(1)</link>
            <description>&lt;p&gt;Body\(esc)[31m red&lt;/p&gt;</description></item></channel></rss>
            """
        fixture.server.route("/feed", FetchTestFeeds.route(document))
        let fetcher = FeedFetcher(library: fixture.library, reader: .standard, converter: .standard)
        let report = await fetcher.fetchAll(subscriptions: [Subscription(url: fixture.server.url("/feed"))])

        #expect(report.tally.new == 1)
        let bytes = try #require(try fixture.storedFiles().values.first)
        #expect(!bytes.contains { $0 < 0x20 && $0 != 0x0A })
        let story = try StoryFileParser.parse(bytes).get()
        #expect(story.url == nil)
        #expect(!story.title.isEmpty)
    }

    /// A symbolic link or a FIFO at one item's file name once failed the whole feed on
    /// every fetch (and a FIFO hung it): now that item is skipped, with a line saying why.
    @Test func aLinkOrFIFOAtAnItemsNameSkipsOnlyThatItem() async throws {
        let fixture = try FetchFixture()
        fixture.server.route("/feed", FetchTestFeeds.route(FetchTestFeeds.rss(items: 4)))
        _ = try await fixture.fetch(["/feed"])
        let names = try fixture.storedFiles().keys.sorted()
        try #require(names.count == 4)
        let outside = fixture.folder.appendingPathComponent("outside.txt")
        try Data("mine".utf8).write(to: outside)
        for name in names.prefix(2) { try FileManager.default.removeItem(at: fixture.storyFolder.appendingPathComponent(name)) }
        try FileManager.default.createSymbolicLink(at: fixture.storyFolder.appendingPathComponent(names[0]), withDestinationURL: outside)
        #expect(mkfifo(fixture.storyFolder.appendingPathComponent(names[1]).path, 0o644) == 0)
        try FileManager.default.removeItem(at: fixture.storyFolder.appendingPathComponent(names[2]))

        let report = try await fixture.fetch(["/feed"])

        #expect(report.failures.isEmpty)
        #expect(report.tally.new == 1, "the removed plain file comes back")
        // In the feed's order, which is not the order of the names.
        #expect(Set(report.outcomes.first?.skippedLines ?? []) == [
            "\(fixture.server.url("/feed")): skipped fetched/\(names[0]): a symbolic link is there; Byline will not replace it",
            "\(fixture.server.url("/feed")): skipped fetched/\(names[1]): a FIFO is there; Byline will not replace it",
        ] as Set)
        #expect(try String(contentsOf: outside, encoding: .utf8) == "mine")
    }

    /// Parsing has no point at which to stop it, so a feed that takes too long to read is
    /// given up in one line while the others land. A parser that sleeps stands in for one
    /// that a hostile document slows down.
    @Test func aFeedThatTakesTooLongToReadIsGivenUpWhileOthersLand() async throws {
        let fixture = try FetchFixture()
        fixture.server.route("/slow", FetchTestFeeds.route(FetchTestFeeds.rss(title: "Slow", items: 1)))
        fixture.server.route("/fast", FetchTestFeeds.route(FetchTestFeeds.rss(title: "Fast", items: 2)))
        let slowToRead = FeedReader { data, url, contentType in
            if url?.path == "/slow" { Thread.sleep(forTimeInterval: 3) }
            return FetchTestFeeds.reader.read(data, url, contentType)
        }
        let fetcher = FeedFetcher(library: fixture.library, reader: slowToRead, converter: FetchTestFeeds.converter,
                                  limits: FetchLimits(timeout: 10, parseSeconds: 0.5))
        let report = await fetcher.fetchAll(subscriptions: [Subscription(url: fixture.server.url("/slow")),
                                                            Subscription(url: fixture.server.url("/fast"))])
        #expect(report.failures.map(\.line) == ["\(fixture.server.url("/slow")): reading it took longer than 0.5 s; given up"])
        #expect(report.tally.new == 2)
    }

    @Test func progressCountsEveryFeed() async throws {
        let fixture = try FetchFixture()
        for index in 1...3 { fixture.server.route("/f\(index)", FetchTestFeeds.route(FetchTestFeeds.rss(items: 1))) }
        let seen = Counter()
        _ = await fixture.fetcher().fetchAll(subscriptions: (1...3).map { Subscription(url: fixture.server.url("/f\($0)")) }) {
            seen.add("\($0.done)/\($0.total)")
        }
        #expect(seen.values == ["1/3", "2/3", "3/3"])
    }

    /// A feed list hand-edited into thousands of addresses byline cannot fetch (each
    /// answered at once, without a request) still gives one line per feed, and the
    /// feeds it can fetch among them land.
    @Test func thousandsOfUnfetchableAddressesAreEachReportedAndTheRestLand() async throws {
        let fixture = try FetchFixture()
        fixture.server.route("/good", FetchTestFeeds.route(FetchTestFeeds.rss(items: 2)))
        let unfetchable = (0..<5000).map { Subscription(url: "ftp://example.org/feed\($0).xml") }
        let good = Subscription(url: fixture.server.url("/good"))
        let subscriptions = Array(unfetchable[..<2500]) + [good] + Array(unfetchable[2500...])
        let seen = Counter()
        let report = await fixture.fetcher().fetchAll(subscriptions: subscriptions) { seen.add("\($0.done)") }
        #expect(report.outcomes.count == 5001)
        #expect(report.failures.count == 5000)
        #expect(report.failures.allSatisfy { $0.line.contains("ftp://example.org/feed") })
        #expect(report.outcomes.first { $0.subscription == good }?.result == .stored(FeedShelf.Tally(new: 2)))
        #expect(seen.values == (1...5001).map(String.init))
    }
}

/// Collects values from a `@Sendable` callback.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func add(_ value: String) { lock.withLock { stored.append(value) } }
    var values: [String] { lock.withLock { stored } }
}
