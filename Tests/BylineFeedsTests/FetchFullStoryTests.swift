import BylineCore
import BylineFeeds
import FeedParsing
import Foundation
import Testing
import TestSupport

@Suite("Fetching story pages for feeds that give only a summary")
struct FetchFullStoryTests {
    @Test func summaryOnlyFeedStoresTheFullTextFromEachPage() async throws {
        let fixture = try FetchFixture()
        let feed = FullStoryPages.serve(on: fixture.server, items: 3)

        let report = try await fixture.fetch([feed], fullStory: nil)

        #expect(report.failures.isEmpty)
        #expect(report.pageFailures.isEmpty)
        #expect(report.fullStories == 3)
        #expect(report.outcomes.first?.line == "\(fixture.server.url(feed)): 3 new, 0 updated, 3 full stories")
        let stories = try fixture.storedStories()
        #expect(stories.count == 3)
        let first = try #require(stories.first { $0.title == "Story 1" })
        #expect(first.summary == "Teaser 1 …")
        #expect(first.url == fixture.server.url("/story/1"))
        #expect(first.feed == fixture.server.url(feed))
        #expect(InlineText.plain(first.body.map(Self.text).joined(separator: " ")).contains("The council met on Tuesday 1"))
        #expect(first.related.contains(RelatedLink(title: "An earlier story about the council", url: fixture.server.url("/news/council-met-in-june"))))
        #expect(fixture.server.requests(for: "/story/1").first?.headers["accept"]?.hasPrefix("text/html") == true)
    }

    @Test func pageThatFailsKeepsTheSummaryAndIsReportedWhileOthersLand() async throws {
        let fixture = try FetchFixture()
        let feed = FullStoryPages.serve(on: fixture.server, items: 3)
        fixture.server.route("/story/2", LoopbackServer.Route(status: 404, contentType: "text/html", body: "gone"))

        let report = try await fixture.fetch([feed], fullStory: nil)

        #expect(report.failures.isEmpty)
        #expect(report.fullStories == 2)
        #expect(report.pageFailures.map(\.line) == [
            "\(fixture.server.url(feed)): full story \(fixture.server.url("/story/2")): HTTP 404 Not Found",
        ])
        #expect(report.summary == "1 feed: 3 new stories, 0 updated, 2 full from their pages, 1 story page failed")
        let second = try #require(try fixture.storedStories().first { $0.title == "Story 2" })
        #expect(second.body == [.paragraph("Teaser 2 …")])
        #expect(second.summary == nil)
    }

    @Test func neverRequestsNoPage() async throws {
        let fixture = try FetchFixture()
        let feed = FullStoryPages.serve(on: fixture.server, items: 3)
        try fixture.subscriptionsFile.modify { $0.add(Subscription(url: fixture.server.url(feed), fullStory: .never)) }

        let report = await fixture.fetcher(fullStory: nil).fetchAll(subscriptions: try fixture.subscriptionsFile.load().subscriptions)

        #expect(report.tally.new == 3)
        #expect(fixture.server.requests.map(\.path) == [feed])
        #expect(try fixture.storedStories().allSatisfy { $0.summary == nil && $0.body.count == 1 })
    }

    @Test func theRunsOptionOverridesTheFeedsSetting() async throws {
        let fixture = try FetchFixture()
        let feed = FullStoryPages.serve(on: fixture.server, items: 2)
        try fixture.subscriptionsFile.modify { $0.add(Subscription(url: fixture.server.url(feed), fullStory: .never)) }

        let report = await fixture.fetcher(fullStory: .always).fetchAll(subscriptions: try fixture.subscriptionsFile.load().subscriptions)

        #expect(report.fullStories == 2)
    }

    @Test func notModifiedFeedFetchesNoPageAgain() async throws {
        let fixture = try FetchFixture()
        let feed = FullStoryPages.serve(on: fixture.server, items: 2, etag: "\"v1\"")
        _ = try await fixture.fetch([feed], fullStory: nil)
        let files = try fixture.storedFiles()

        let second = try await fixture.fetch([feed], fullStory: nil)

        #expect(second.outcomes.map(\.result) == [.notModified])
        #expect(fixture.server.requests(for: "/story/1").count == 1)
        #expect(try fixture.storedFiles() == files)
    }

    @Test func changedFeedRefetchesOnlyTheChangedItemsPage() async throws {
        let fixture = try FetchFixture()
        let feed = FullStoryPages.serve(on: fixture.server, items: 2)
        _ = try await fixture.fetch([feed], fullStory: nil)
        let before = try fixture.storedFiles()

        FullStoryPages.serve(on: fixture.server, items: 2, teaser: { $0 == 2 ? "Corrected teaser 2 …" : "Teaser \($0) …" })
        let report = try await fixture.fetch([feed], fullStory: nil)

        #expect(report.tally == FeedShelf.Tally(new: 0, updated: 1, unchanged: 1))
        #expect(fixture.server.requests(for: "/story/1").count == 1)
        #expect(fixture.server.requests(for: "/story/2").count == 2)
        let after = try fixture.storedFiles()
        #expect(after.filter { before[$0.key] == $0.value }.count == 1)
        #expect(try fixture.storedStories().first { $0.title == "Story 2" }?.summary == "Corrected teaser 2 …")
    }

    @Test func autoLeavesAFeedWithWholeStoriesAlone() async throws {
        let fixture = try FetchFixture()
        let feed = FullStoryPages.serve(on: fixture.server, items: 2, teaser: { FullStoryPages.article($0) })

        let report = try await fixture.fetch([feed], fullStory: nil)

        #expect(report.tally.new == 2)
        #expect(fixture.server.requests.map(\.path) == [feed])
    }

    @Test func hostilePageTextNeverReachesTheFileAsControlCharacters() async throws {
        let fixture = try FetchFixture()
        let feed = FullStoryPages.serve(on: fixture.server, items: 1)
        let page = FullStoryPages.page(1, server: fixture.server).replacingOccurrences(of: "paragraph 2.", with: "paragraph\u{1B}[2J\u{07} 2.")
        fixture.server.route("/story/1", LoopbackServer.Route(contentType: "text/html", body: page))

        let report = try await fixture.fetch([feed], fullStory: nil)

        #expect(report.fullStories == 1)
        let bytes = try #require(try fixture.storedFiles().values.first)
        #expect(!bytes.contains { $0 < 0x20 && $0 != 0x0A })
    }

    static func text(_ block: StoryBlock) -> String {
        if case .paragraph(let text) = block { return text }
        return ""
    }
}

/// A summary-only feed at `/summaries` whose items' pages are served at `/story/N`.
enum FullStoryPages {
    @discardableResult
    static func serve(on server: LoopbackServer, items: Int, etag: String? = nil,
                      teaser: (Int) -> String = { "Teaser \($0) …" }) -> String {
        var feed = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Summaries</title>"
        for index in 1...items {
            feed += "<item><guid>item-\(index)</guid><title>Story \(index)</title>"
            feed += "<link>\(server.url("/story/\(index)"))</link><description>\(teaser(index))</description></item>"
            server.route("/story/\(index)", LoopbackServer.Route(contentType: "text/html; charset=utf-8", body: page(index, server: server)))
        }
        server.route("/summaries", FetchTestFeeds.route(feed + "</channel></rss>", etag: etag))
        return "/summaries"
    }

    /// The story's whole text: several paragraphs, well past a summary's length.
    static func article(_ index: Int) -> String {
        (1...4).map { paragraph in
            "The council met on Tuesday \(index) to weigh the budget for the coming year, paragraph \(paragraph). "
                + "Members argued over the cost of new roads, the library's opening hours and the price of bus fares, "
                + "and agreed to meet again next week once the figures have been checked by the treasurer's office."
        }.joined(separator: "\n\n")
    }

    static func page(_ index: Int, server: LoopbackServer) -> String {
        let paragraphs = article(index).components(separatedBy: "\n\n").map { "<p>\($0)</p>" }.joined()
        return """
            <!DOCTYPE html><html><head><title>Story \(index) | Town News</title></head><body>
            <nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
            <article><h1>Story \(index)</h1>\(paragraphs)</article>
            <aside><h2>Related stories</h2><ul>
            <li><a href="\(server.url("/news/council-met-in-june"))">An earlier story about the council</a></li>
            <li><a href="\(server.url("/news/what-the-budget-means"))">What the budget means for you</a></li></ul></aside>
            <footer>© Town News</footer></body></html>
            """
    }
}
