import BylineFeeds
import FeedParsing
import Foundation
import Testing
import TestSupport

@Suite("Adding a page finds the feed it advertises")
struct SubscriptionDiscoveryTests {
    @Test func linksAreFoundResolvedAndRankedByType() throws {
        let html = """
        <!DOCTYPE html><html><head><title>Site</title>
        <LINK REL="stylesheet" href="/style.css">
        <link rel="alternate" type="text/html" href="/other-language">
        <link rel="alternate" type="application/atom+xml" href="/atom.xml">
        <link rel="alternate" type="application/rss+xml" href="feed/rss">
        <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
        </head><body><p>Hi</body></html>
        """
        let links = FeedDiscovery.feedLinks(inHTML: Data(html.utf8), pageURL: try #require(URL(string: "https://example.org/news/page")))
        #expect(links == ["https://example.org/news/feed/rss", "https://example.org/atom.xml"])
    }

    @Test func addingAPageFindsTheAdvertisedFeed() async throws {
        let (found, server) = try await find("/", routes: [
            "/": LoopbackServer.Route(contentType: "text/html", body: """
                <html><head><link rel="alternate" type="application/rss+xml" title="News" href="/feed.xml"></head></html>
                """),
            "/feed.xml": FetchTestFeeds.route(FetchTestFeeds.rss(title: "Site News", items: 1)),
        ])
        #expect(try found.get() == FeedFinder.Found(url: server.url("/feed.xml"), title: "Site News"))
    }

    @Test func addingAFeedKeepsItsURL() async throws {
        let (found, server) = try await find("/rss", routes: ["/rss": FetchTestFeeds.route(FetchTestFeeds.rss(title: "Direct", items: 1))])
        #expect(try found.get() == FeedFinder.Found(url: server.url("/rss"), title: "Direct"))
    }

    @Test func aPageWithoutFeedsSaysSo() async throws {
        let (found, _) = try await find("/", routes: [
            "/": LoopbackServer.Route(contentType: "text/html", body: "<html><body>No feeds</body></html>"),
        ])
        #expect(found == .failure(.notAFeed("the page advertises no feed")))
    }

    /// Serves `routes` and looks for a feed at `path` with the real parser.
    private func find(_ path: String, routes: [String: LoopbackServer.Route]) async throws
        -> (Result<FeedFinder.Found, FetchFailure>, LoopbackServer) {
        let server = try LoopbackServer()
        for (route, response) in routes { server.route(route, response) }
        let found = await FeedFinder(reader: .standard).find(server.url(path))
        server.stop()
        return (found, server)
    }
}
