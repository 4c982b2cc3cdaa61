import BylineFeeds
import FeedParsing
import Foundation
import Testing

@Suite("Subscriptions: the hand-edited feeds.toml")
struct SubscriptionTests {
    @Test func fileRoundTripsWithTitlesAndModes() throws {
        let list = SubscriptionList([
            Subscription(url: "https://example.org/rss", title: "Quote \" and \\ backslash"),
            Subscription(url: "https://example.net/atom", fullStory: .never),
        ])
        let text = SubscriptionsTOML.render(list)
        #expect(text.contains("[[feed]]\nurl = \"https://example.org/rss\"\ntitle = \"Quote \\\" and \\\\ backslash\"\nfullStory = \"auto\"\n"))
        #expect(try SubscriptionsTOML.parse(text, name: "feeds.toml") == list)
    }

    @Test func handWrittenFileWithCommentsReads() throws {
        let text = """
        # my feeds
        [[feed]]
        url = "https://example.org/rss"   # the main one

        [[feed]]
        url = "https://example.net/atom"
        title = "Net"
        fullStory = "always"
        """
        let list = try SubscriptionsTOML.parse(text, name: "feeds.toml")
        #expect(list.subscriptions == [
            Subscription(url: "https://example.org/rss"),
            Subscription(url: "https://example.net/atom", title: "Net", fullStory: .always),
        ])
    }

    @Test func mistakesNameTheFileAndLine() {
        #expect(throws: SubscriptionsFileError.self) { try SubscriptionsTOML.parse("[[feed]]\nurl = \"x\"\ntitle = \n", name: "feeds.toml") }
        do {
            _ = try SubscriptionsTOML.parse("[[feed]]\nurl = \"x\"\ntitle = \n", name: "feeds.toml")
        } catch {
            #expect(error.description.hasPrefix("feeds.toml:3: "))
        }
        #expect(throws: SubscriptionsFileError.malformed("feeds.toml", line: nil, reason: "feed 1: fullStory must be \"auto\", \"always\" or \"never\"")) {
            try SubscriptionsTOML.parse("[[feed]]\nurl = \"x\"\nfullStory = \"sometimes\"\n", name: "feeds.toml")
        }
    }

    @Test func addIgnoresTheSameFeedSpelledDifferently() {
        var list = SubscriptionList([Subscription(url: "https://example.org/feed")])
        let addedAgain = list.add(Subscription(url: "HTTPS://Example.ORG/feed/"))
        let addedOther = list.add(Subscription(url: "https://example.org/other"))
        #expect(!addedAgain)
        #expect(addedOther)
        #expect(list.subscriptions.count == 2)
    }

    /// A feed listed twice in the file, spelled differently, is one subscription: the
    /// first, with its title; surrounding spaces and tabs, the scheme's and host's case
    /// and a trailing slash do not make another feed, and the path's case does.
    @Test func aFeedListedTwiceInTheFileReadsOnce() throws {
        let text = """
        [[feed]]
        url = "https://example.org/Feed"
        title = "First"

        [[feed]]
        url = "\t HTTPS://Example.ORG/Feed/\\u00A0"
        title = "Second"

        [[feed]]
        url = "https://example.org/feed"
        """
        let list = try SubscriptionsTOML.parse(text, name: "feeds.toml")
        #expect(list.subscriptions.map(\.title) == ["First", nil])
        #expect(list.subscriptions.map(\.url) == ["https://example.org/Feed", "https://example.org/feed"])
        #expect(SubscriptionList.comparable(" HTTP://Host.Example:8080/A/b/ ") == "http://host.example:8080/A/b")
        #expect(SubscriptionList.comparable("Not A URL/") == "not a url")
    }

    @Test func removeByURLOrTitle() {
        var list = SubscriptionList([
            Subscription(url: "https://a.example/rss", title: "Alpha"),
            Subscription(url: "https://b.example/rss", title: "Beta"),
        ])
        let byTitle = list.remove("alpha")
        let byURL = list.remove("https://b.example/rss")
        let unknown = list.remove("nothing")
        #expect(byTitle.map(\.url) == ["https://a.example/rss"])
        #expect(byURL.map(\.title) == ["Beta"])
        #expect(unknown.isEmpty)
        #expect(list.subscriptions.isEmpty)
    }

    @Test func modifyWritesAtomicallyAndKeepsOtherFeeds() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-subs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = SubscriptionsFile(url: folder.appendingPathComponent("feeds.toml"))
        #expect(try file.load().subscriptions.isEmpty)
        try file.modify { $0.add(Subscription(url: "https://a.example/rss")) }
        try file.modify { $0.add(Subscription(url: "https://b.example/rss", title: "B")) }
        #expect(try file.load().subscriptions.map(\.url) == ["https://a.example/rss", "https://b.example/rss"])
    }
}

/// The subscriptions file is the reader's own: commands change their feeds' tables and
/// leave everything else as it was written.
@Suite struct SubscriptionsFileEditingTests {
    static let handWritten = """
        # My feeds, sorted by how much I trust them.

        # Local news first.
        [[feed]]
        url = "https://a.example/rss"   # the good one
        title = "Alpha"
        fullStory = "always"

        [[feed]]
        # Slow, but worth it.
        url = "https://b.example/rss"
        title = "Beta"

        """

    func file(_ text: String) throws -> (SubscriptionsFile, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-subs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent("feeds.toml")
        try Data(text.utf8).write(to: url)
        return (SubscriptionsFile(url: url), folder)
    }

    func text(_ file: SubscriptionsFile) throws -> String { try String(contentsOf: file.url, encoding: .utf8) }

    @Test func addingKeepsCommentsAndAppends() throws {
        let (file, folder) = try file(Self.handWritten)
        defer { try? FileManager.default.removeItem(at: folder) }
        try file.modify { $0.add(Subscription(url: "https://c.example/rss", title: "Gamma")) }
        let written = try text(file)
        #expect(written.hasPrefix(Self.handWritten))
        #expect(written.hasSuffix("[[feed]]\nurl = \"https://c.example/rss\"\ntitle = \"Gamma\"\nfullStory = \"auto\"\n"))
        #expect(try file.load().subscriptions.map(\.title) == ["Alpha", "Beta", "Gamma"])
    }

    @Test func removingTakesTheFeedsTableAndItsCommentsOnly() throws {
        let (file, folder) = try file(Self.handWritten)
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try file.modify { $0.remove("Alpha") }
        let written = try text(file)
        #expect(written.hasPrefix("# My feeds, sorted by how much I trust them.\n\n[[feed]]\n# Slow, but worth it."))
        #expect(!written.contains("Local news first"))
        #expect(try file.load().subscriptions.map(\.title) == ["Beta"])
    }

    @Test func aMovedFeedKeepsItsPlaceAndComments() throws {
        let (file, folder) = try file(Self.handWritten)
        defer { try? FileManager.default.removeItem(at: folder) }
        try file.modify { $0.move("https://a.example/rss", to: "https://a.example/feed.xml") }
        let written = try text(file)
        #expect(written.contains("# Local news first.\n[[feed]]\nurl = \"https://a.example/feed.xml\"   # the good one\ntitle = \"Alpha\""))
        #expect(written.contains("# My feeds, sorted"))
        #expect(try file.load().subscriptions.map(\.url) == ["https://a.example/feed.xml", "https://b.example/rss"])
    }
}

@Suite struct SubscriptionsFileOddFilesTests {
    /// The security review's case: a permanent redirect rewrote the `url` line and dropped
    /// the reader's comment on it.
    @Test func aMovedFeedKeepsTheCommentOnItsURLLine() throws {
        let text = "[[feed]]\n  url = \"https://a.example/rss\"   # moved in 2024? # twice\ntitle = 'A # not a comment'\n"
        let (written, list) = try edited(text) { $0.move("https://a.example/rss", to: "https://a.example/feed.xml") }
        #expect(written == "[[feed]]\n  url = \"https://a.example/feed.xml\"   # moved in 2024? # twice\ntitle = 'A # not a comment'\n")
        #expect(list.subscriptions.map(\.url) == ["https://a.example/feed.xml"])
    }

    func edited(_ text: String, _ change: (inout SubscriptionList) -> Void) throws -> (String, SubscriptionList) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-subs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = SubscriptionsFile(url: folder.appendingPathComponent("feeds.toml"))
        try Data(text.utf8).write(to: file.url)
        try file.modify { change(&$0) }
        return (try String(contentsOf: file.url, encoding: .utf8), try file.load())
    }

    @Test func otherTablesSurviveRemovingTheLastFeed() throws {
        let (text, list) = try edited("[[feed]]\nurl = \"https://a.example/\"\n\n[[feed]]\nurl = \"https://b.example/\"\n\n[display]\nwidth = 80\n") {
            _ = $0.remove("https://b.example/")
        }
        #expect(list.subscriptions.map(\.url) == ["https://a.example/"])
        #expect(text.contains("[display]\nwidth = 80"))
    }

    @Test func headersWithCommentsAndSpacingCount() throws {
        let (text, list) = try edited("[[feed]]   # mine\nurl = \"https://a.example/\"\n\n[[ feed ]]\nurl = \"https://b.example/\"\n") {
            _ = $0.remove("https://b.example/")
        }
        #expect(list.subscriptions.map(\.url) == ["https://a.example/"])
        #expect(text.contains("[[feed]]   # mine"))
    }

    @Test func duplicateFeedsFallBackToAFreshFileThatSaysTheSame() throws {
        let (_, list) = try edited("[[feed]]\nurl = \"https://a.example/\"\n[[feed]]\nurl = \"https://b.example/\"\n[[feed]]\nurl = \"https://a.example/\"\n") {
            _ = $0.remove("https://b.example/")
        }
        #expect(list.subscriptions.map(\.url) == ["https://a.example/"])
    }

    @Test func crlfFilesKeepTheirComments() throws {
        let (text, list) = try edited("# kept\r\n[[feed]]\r\nurl = \"https://a.example/\"\r\n") {
            $0.add(Subscription(url: "https://c.example/"))
        }
        #expect(text.hasPrefix("# kept\r\n[[feed]]\r\n"))
        #expect(list.subscriptions.map(\.url) == ["https://a.example/", "https://c.example/"])
    }
}

@Suite struct SubscriptionsFileWithoutFeedsTests {
    @Test func theFirstFeedKeepsTheCommentsAboveIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-subs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = SubscriptionsFile(url: folder.appendingPathComponent("feeds.toml"))
        try Data("# Feeds I mean to read.\n".utf8).write(to: file.url)
        try file.modify { $0.add(Subscription(url: "https://a.example/")) }
        let text = try String(contentsOf: file.url, encoding: .utf8)
        #expect(text == "# Feeds I mean to read.\n\n[[feed]]\nurl = \"https://a.example/\"\nfullStory = \"auto\"\n")
    }
}
