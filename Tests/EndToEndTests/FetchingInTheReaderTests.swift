import Foundation
import Testing
import TestSupport

extension EndToEnd {
    /// The reader reaching the web: a link to a story not in the library is fetched and
    /// opened, `f` replaces a summary with the whole story, `R` fetches the feeds. A
    /// loopback server stands in for the sites.
    @Suite(EndToEnd.needsTmux)
    struct FetchingInTheReader {
        @Test func aLinkToAStoryNotInTheLibraryIsFetchedReadInFullAndBackWorks() async throws {
            let server = try LoopbackServer()
            defer { server.stop() }
            server.route("/news/harbour", WebPages.article(title: "Harbour plan unveiled at last"))
            let home = try ScratchFolder(prefix: "home")
            let library = try ScratchFolder(prefix: "library")
            defer { home.remove(); library.remove() }
            try library.write("teaser.txt", text: """
                Title: Harbour teaser
                Published: 2026-11-18T10:00:00Z

                A short teaser for the harbour story.

                READ MORE: [Harbour plan unveiled at last](\(server.url("/news/harbour")))
                """)
            try await TmuxSession.run(Reader.command([library.path], home: home)) { reader in
                try await reader.waitFor("Harbour teaser")
                try await reader.press("Enter")
                try await reader.waitFor("← back")
                try await reader.press("1")
                // The whole story, from the page, without the page's navigation or footer.
                let story = try await reader.waitForReading(WebPages.lastParagraphStart)
                let text = joinedText(readerPane(story))
                #expect(text.contains("Harbour plan unveiled at last"))
                #expect(text.contains(WebPages.firstParagraphStart))
                #expect(!text.contains("Cookie settings") && !text.contains("All rights reserved"))
                #expect(listPane(story).contains { $0.contains("Harbour plan unveiled") }, "it joins the list")

                try await reader.press("Left")
                try await reader.waitForReading("A short teaser for the harbour story.")
            }
            let saved = try FileManager.default.contentsOfDirectory(atPath: library.url.appendingPathComponent("fetched").path)
            #expect(saved.count == 1, "the fetched story is saved in the library's fetched/ folder")
        }

        @Test func aPageThatCannotBeFetchedSaysWhy() async throws {
            let server = try LoopbackServer()
            defer { server.stop() }
            server.route("/gone", LoopbackServer.Route(status: 404, contentType: "text/html", body: "gone"))
            let home = try ScratchFolder(prefix: "home")
            let library = try ScratchFolder(prefix: "library")
            defer { home.remove(); library.remove() }
            try library.write("teaser.txt", text: """
                Title: Teaser

                Text.

                READ MORE: [Gone story](\(server.url("/gone")))
                """)
            try await TmuxSession.run(Reader.command([library.path], home: home), width: 140) { reader in
                try await reader.waitFor("Teaser")
                try await reader.press("Enter")
                try await reader.waitFor("← back")
                try await reader.press("1")
                try await reader.waitFor("HTTP 404")
                #expect(try await reader.isRunning())
            }
        }

        @Test func fFetchesTheWholeStoryOfASummary() async throws {
            let server = try LoopbackServer()
            defer { server.stop() }
            server.route("/news/rail", WebPages.article(title: "Rail link approved"))
            let home = try ScratchFolder(prefix: "home")
            let library = try ScratchFolder(prefix: "library")
            defer { home.remove(); library.remove() }
            try library.write("rail.txt", text: """
                Title: Rail link approved
                URL: \(server.url("/news/rail"))

                Only a summary of the rail story.
                """)
            try await TmuxSession.run(Reader.command([library.path], home: home)) { reader in
                try await reader.waitFor("Only a summary")
                try await reader.press("Enter")
                try await reader.press("f")
                try await reader.waitForReading(WebPages.lastParagraphStart)
            }
            // The file someone else wrote is left as it was; the whole story is saved beside it.
            let original = try String(contentsOf: library.url.appendingPathComponent("rail.txt"), encoding: .utf8)
            #expect(original.contains("Only a summary of the rail story."))
            #expect(!original.contains(WebPages.firstParagraphStart))
        }

        @Test func capitalRFetchesTheFeedsAndNewStoriesAppear() async throws {
            let server = try LoopbackServer()
            defer { server.stop() }
            server.route("/feed.xml", LoopbackServer.Route(contentType: "application/rss+xml", body: """
                <?xml version="1.0"?><rss version="2.0"><channel><title>Loopback Daily</title>
                <item><title>First fetched headline</title><link>\(server.url("/1"))</link><guid>1</guid>
                <description>\(String(repeating: "Plenty of words in the feed item itself. ", count: 20))</description></item>
                <item><title>Second fetched headline</title><link>\(server.url("/2"))</link><guid>2</guid>
                <description>\(String(repeating: "More words of a whole story in the feed. ", count: 20))</description></item>
                </channel></rss>
                """))
            let home = try ScratchFolder(prefix: "home")
            let library = try ScratchFolder(prefix: "library")
            defer { home.remove(); library.remove() }
            try library.write("old.txt", text: "Title: An older story\n\nBody.\n")
            try home.write("config/byline/feeds.toml", text: "[[feed]]\nurl = \"\(server.url("/feed.xml"))\"\n")
            try await TmuxSession.run(Reader.command([library.path], home: home), width: 140) { reader in
                try await reader.waitFor("An older story")
                try await reader.press("R")
                let after = try await reader.waitFor("1 feed: 2 new stories")
                #expect(listPane(after).contains { $0.contains("First fetched headline") })
                #expect(listPane(after).contains { $0.contains("Second fetched headline") })
                #expect(after[0].contains("3 stories"))
            }
        }

        @Test func capitalRFromTheSeedsFillsYourOwnLibraryAndSwitchesToIt() async throws {
            let server = try LoopbackServer()
            defer { server.stop() }
            server.route("/feed.xml", LoopbackServer.Route(contentType: "application/rss+xml", body: """
                <?xml version="1.0"?><rss version="2.0"><channel><title>Loopback Daily</title>
                <item><title>First fetched headline</title><link>\(server.url("/1"))</link><guid>1</guid>
                <description>\(String(repeating: "Plenty of words in the feed item itself. ", count: 20))</description></item>
                <item><title>Second fetched headline</title><link>\(server.url("/2"))</link><guid>2</guid>
                <description>\(String(repeating: "More words of a whole story in the feed. ", count: 20))</description></item>
                </channel></rss>
                """))
            let home = try ScratchFolder(prefix: "home")
            defer { home.remove() }
            try home.write("config/byline/feeds.toml", text: "[[feed]]\nurl = \"\(server.url("/feed.xml"))\"\n")
            // No folder named and an empty library of your own: the bundled seeds open.
            try await TmuxSession.run(Reader.command([], home: home), width: 140) { reader in
                try await reader.waitFor("FAST NEWS")
                try await reader.press("R")
                let after = try await reader.waitFor("1 feed: 2 new stories")
                #expect(listPane(after).contains { $0.contains("First fetched headline") }, "\n\(framed(after))")
                #expect(!listPane(after).contains { $0.contains("The crowd called") }, "the seeds are no longer shown")
                #expect(after[0].contains("2 unread · 2 stories"), "the header counts your library's stories\n\(framed(after))")
            }
            let own = home.url.appendingPathComponent("data/byline/library")
            let saved = try FileManager.default.subpathsOfDirectory(atPath: own.path).filter { $0.hasSuffix(".txt") }
            #expect(saved.count == 2, "the fetched stories are saved in your own library: \(saved)")
        }
    }
}

/// A news page as sites serve it: navigation, a cookie notice and a footer around the story.
enum WebPages {
    static let firstParagraphStart = "The council approved the plan on Tuesday"
    static let lastParagraphStart = "The mayor called the vote a turning point"

    static func article(title: String) -> LoopbackServer.Route {
        LoopbackServer.Route(contentType: "text/html; charset=utf-8", body: """
            <!doctype html><html><head><title>\(title) | Loopback News</title>
            <meta property="og:title" content="\(title)"></head><body>
            <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
            <div class="cookie-banner">Cookie settings: we use cookies. <button>Accept</button></div>
            <article><h1>\(title)</h1><p class="byline">By Ann Writer</p>
            <p>\(firstParagraphStart) after a debate that lasted more than eleven hours and drew hundreds of residents to the town hall.</p>
            <p>Supporters said it would cut commuting times in half and bring new jobs to the region, while opponents warned about the cost.</p>
            <h2>What happens next</h2>
            <p>Work is expected to begin next spring, with the first part finished within four years if the budget holds, officials said.</p>
            <p>\(lastParagraphStart) for the city and promised regular public updates as the work goes on.</p>
            </article>
            <footer>All rights reserved. Loopback News.</footer></body></html>
            """)
    }
}
