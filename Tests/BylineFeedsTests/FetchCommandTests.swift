import BylineCore
import BylineStore
import FeedParsing
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport

/// The built `byline` next to the test bundle, when there is one.
private let bylineBinary = BuildProducts.executable(named: "byline")

@Suite("byline fetch, the command")
struct FetchCommandTests {
    // Skipped when the executable has not been built (e.g. `swift build --target`).
    @Test(.enabled(if: bylineBinary != nil, "the byline executable is not built"))
    func twoFetchCommandsAtOnceLeaveNoDuplicateOrDamagedFile() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-fetchcmd-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var toml = ""
        for index in 1...8 {
            server.route("/feed\(index)", FetchTestFeeds.route(FetchTestFeeds.rss(title: "Feed \(index)", items: 25,
                                                                                    site: "http://feed\(index).example")))
            toml += "[[feed]]\nurl = \"\(server.url("/feed\(index)"))\"\n\n"
        }
        let config = folder.appendingPathComponent("config/byline")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try Data(toml.utf8).write(to: config.appendingPathComponent("feeds.toml"))
        let library = folder.appendingPathComponent("library")

        let arguments = ["fetch", "--library", library.path, "--full-story", "never"]
        let configFolder = folder.appendingPathComponent("config")
        async let first = run(arguments, config: configFolder)
        async let second = run(arguments, config: configFolder)
        let statuses = try await [first.status, second.status]

        #expect(statuses == [0, 0])
        let stories = library.appendingPathComponent("fetched")
        let names = try FileManager.default.contentsOfDirectory(atPath: stories.path)
        #expect(names.count == 200)
        #expect(names.allSatisfy { $0.hasSuffix(".txt") && !$0.hasPrefix(".") })
        var titles = Set<String>()
        for name in names {
            let story = try StoryFileParser.parse(try Data(contentsOf: stories.appendingPathComponent(name))).get()
            titles.insert((story.source ?? "") + "/" + story.title)
        }
        #expect(titles.count == 200)
    }

    @Test(.enabled(if: bylineBinary != nil, "the byline executable is not built"))
    func aFetchThatCleansUpLeavesTheIndexCurrentForTheNextStart() throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/feed", FetchTestFeeds.route(FetchTestFeeds.rss(title: "Daily", items: 3)))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-fetchindex-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: config.appendingPathComponent("byline"), withIntermediateDirectories: true)
        try Data("[[feed]]\nurl = \"\(server.url("/feed"))\"\n".utf8).write(to: config.appendingPathComponent("byline/feeds.toml"))
        let library = folder.appendingPathComponent("library")
        let arguments = ["fetch", "--library", library.path, "--full-story", "never"]
        #expect(try run(arguments, config: config).status == 0)
        // Two stories were fetched a year ago, and stories are now kept for 30 days.
        let fetched = library.appendingPathComponent("fetched")
        let names = try FileManager.default.contentsOfDirectory(atPath: fetched.path).sorted()
        #expect(names.count == 3)
        let yearAgo = timespec(tv_sec: time(nil) - 365 * 86_400, tv_nsec: 0)
        for name in names.prefix(2) {
            var times = [yearAgo, yearAgo]
            #expect(utimensat(AT_FDCWD, fetched.appendingPathComponent(name).path, &times, 0) == 0)
        }
        try Data("[retention]\nkeep = \"30d\"\n".utf8).write(to: config.appendingPathComponent("byline/config.toml"))

        let result = try run(arguments, config: config)

        #expect(result.output.contains("Removed 2 old stories"))
        // The reader started now opens on the index and finds nothing to read or drop.
        let start = try Library(folder: library).load()
        #expect(start.report == LoadReport(index: .used, parsed: 0, reused: 1))
        #expect(start.entries.map(\.id.path) == ["fetched/" + names[2]])
    }

    @Test(.enabled(if: bylineBinary != nil, "the byline executable is not built"))
    func addFetchListExportImportAndRemove() throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/", LoopbackServer.Route(contentType: "text/html", body: """
            <html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml"></head></html>
            """))
        server.route("/rss.xml", FetchTestFeeds.route(FetchTestFeeds.rss(title: "Loopback News", items: 3)))
        server.route("/broken", LoopbackServer.Route(status: 500, contentType: "text/plain", body: "no"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-cmds-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("config")
        let library = ["--library", folder.appendingPathComponent("library").path]
        func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
            try self.run(arguments, config: config)
        }

        #expect(try run(["add", server.url("/")]).output == "Added Loopback News <\(server.url("/rss.xml"))>\n")
        #expect(try run(["add", server.url("/broken")]) == (1, "", "byline: \(server.url("/broken")): HTTP 500 Internal Server Error\n"))
        // The canned items link to example.org, whose pages tests must not fetch.
        #expect(try run(["fetch", "--full-story", "never"] + library) == (0, "\(server.url("/rss.xml")): 3 new, 0 updated\n1 feed: 3 new stories, 0 updated\n", ""))
        let listing = try run(["feeds"] + library).output
        #expect(listing.hasPrefix("Loopback News <\(server.url("/rss.xml"))>\n  fetched "))
        #expect(listing.hasSuffix(" · 3 stories · 3 unread of 3 in the library\n"))

        let opml = folder.appendingPathComponent("subs.opml")
        try Data(try run(["export"]).output.utf8).write(to: opml)
        #expect(try run(["remove", "loopback news"]).output == "Removed Loopback News <\(server.url("/rss.xml"))>\n")
        #expect(try run(["export"]).output.contains("rss.xml") == false)
        #expect(try run(["import", opml.path]).output == "Imported 1 feed\n")
        #expect(try run(["feeds"] + library).output == listing)
    }

    /// `byline fetch` is started without the argument parser when its options are its own:
    /// they must mean what the parser makes of them, and anything else still reaches it.
    @Test(.enabled(if: bylineBinary != nil, "the byline executable is not built"))
    func fetchOptionsMeanTheSameWrittenEitherWayAndMistakesGetTheParsersAnswer() throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/one", FetchTestFeeds.route(FetchTestFeeds.rss(title: "One", items: 2)))
        server.route("/two", FetchTestFeeds.route(FetchTestFeeds.rss(title: "Two", items: 3)))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-fetchopts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: config.appendingPathComponent("byline"), withIntermediateDirectories: true)
        try Data("[[feed]]\nurl = \"\(server.url("/one"))\"\n\n[[feed]]\nurl = \"\(server.url("/two"))\"\n".utf8)
            .write(to: config.appendingPathComponent("byline/feeds.toml"))
        let library = folder.appendingPathComponent("library")

        // `--name=value` and `--name value`, options after the feed named, as the parser allows.
        let chosen = try run(["fetch", server.url("/two"), "--library=\(library.path)", "--jobs", "1", "--timeout=5",
                              "--full-story", "never"], config: config)
        #expect(chosen == (0, "\(server.url("/two")): 3 new, 0 updated\n1 feed: 3 new stories, 0 updated\n", ""))
        #expect(try FileManager.default.contentsOfDirectory(atPath: library.appendingPathComponent("fetched").path).count == 3)

        let badJobs = try run(["fetch", "--jobs", "many", "--library", library.path], config: config)
        #expect(badJobs.status != 0)
        #expect(badJobs.errors.contains("many") && badJobs.errors.contains("--jobs"))
        let badMode = try run(["fetch", "--full-story=sometimes", "--library", library.path], config: config)
        #expect(badMode.status != 0)
        #expect(badMode.errors.contains("sometimes"))
        let unknown = try run(["fetch", "--librar", library.path], config: config)
        #expect(unknown.status != 0)
        #expect(unknown.errors.contains("--librar"))
        // Nothing was fetched by the three mistakes.
        #expect(try FileManager.default.contentsOfDirectory(atPath: library.appendingPathComponent("fetched").path).count == 3)
    }

    @Test(.enabled(if: bylineBinary != nil, "the byline executable is not built"))
    func importRefusesJavaScriptAndFileURLs() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-import-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let opml = folder.appendingPathComponent("subs.opml")
        try Data("""
            <?xml version="1.0"?><opml version="2.0"><body>
            <outline text="Script" xmlUrl="javascript:alert(1)"/>
            <outline text="Local" xmlUrl="file:///etc/passwd"/>
            <outline text="Web" xmlUrl="https://web.example/rss"/>
            </body></opml>
            """.utf8).write(to: opml)

        let result = try run(["import", opml.path], config: config)

        #expect(result.output == "Imported 1 feed\n")
        #expect(result.errors == "byline: \(opml.path): skipped javascript:alert(1): not an http(s) URL\n"
            + "byline: \(opml.path): skipped file:///etc/passwd: not an http(s) URL\n")
        let saved = try String(contentsOf: config.appendingPathComponent("byline/feeds.toml"), encoding: .utf8)
        #expect(saved.contains("https://web.example/rss") && !saved.contains("javascript") && !saved.contains("file:"))
    }

    @Test(.enabled(if: bylineBinary != nil, "the byline executable is not built"))
    func fullStoryOptionOverridesTheFeedAndReportsEachFailedPage() throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let feed = server.url(FullStoryPages.serve(on: server, items: 2))
        server.route("/story/2", LoopbackServer.Route(status: 404, contentType: "text/html", body: "gone"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-fullcmd-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: config.appendingPathComponent("byline"), withIntermediateDirectories: true)
        try Data("[[feed]]\nurl = \"\(feed)\"\nfullStory = \"never\"\n".utf8)
            .write(to: config.appendingPathComponent("byline/feeds.toml"))

        let result = try run(["fetch", "--full-story", "auto", "--library", folder.appendingPathComponent("library").path],
                             config: config)

        #expect(result.status == 0)
        #expect(result.output == "\(feed): 2 new, 0 updated, 1 full story, 1 page failed\n"
            + "1 feed: 2 new stories, 0 updated, 1 full from their pages, 1 story page failed\n")
        #expect(result.errors == "byline: \(feed): full story \(server.url("/story/2")): HTTP 404 Not Found\n")
        let help = try run(["fetch", "--help"], config: config).output
        #expect(help.contains("--full-story <auto|always|never>"))
    }

    /// A fetch whose feeds all answer 304 Not Modified reads no document, and so never loads
    /// libxml2 (nor ICU, liblzma and zlib, which it brings): loading them was a good part of
    /// such a fetch's start. A fetch that reads a feed loads it, and reads it as before.
    /// (The loader's own report, LD_DEBUG=files, names each library as it is loaded.)
    @Test(.enabled(if: bylineBinary != nil, "the byline executable is not built"))
    func aFetchWithNothingChangedNeverLoadsTheXMLParser() throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        server.route("/feed", FetchTestFeeds.route(FetchTestFeeds.rss(title: "Daily", items: 3), etag: "\"v1\""))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-fetchlazy-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: config.appendingPathComponent("byline"), withIntermediateDirectories: true)
        try Data("[[feed]]\nurl = \"\(server.url("/feed"))\"\n".utf8).write(to: config.appendingPathComponent("byline/feeds.toml"))
        let arguments = ["fetch", "--library", folder.appendingPathComponent("library").path, "--full-story", "never"]
        var environment = environment(config)
        environment["LD_DEBUG"] = "files"

        let first = try runProgramNow(try #require(bylineBinary), arguments, environment: environment)
        #expect(first.status == 0)
        #expect(first.standardOutput == "\(server.url("/feed")): 3 new, 0 updated\n1 feed: 3 new stories, 0 updated\n")
        #expect(first.standardError.contains("file=libxml2.so.2"))

        let again = try runProgramNow(try #require(bylineBinary), arguments, environment: environment)
        #expect(again.status == 0)
        #expect(again.standardOutput == "\(server.url("/feed")): not modified\n1 feed: 0 new stories, 0 updated, 1 not modified\n")
        #expect(!again.standardError.contains("libxml2"))
        #expect(!again.standardError.contains("libicu"))
    }

    private func run(_ arguments: [String], config: URL) throws -> (status: Int32, output: String, errors: String) {
        guard let bylineBinary else { throw CancellationError() }
        let result = try runProgramNow(bylineBinary, arguments, environment: environment(config))
        return (result.status, result.standardOutput, result.standardError)
    }

    private func run(_ arguments: [String], config: URL) async throws -> (status: Int32, output: String, errors: String) {
        guard let bylineBinary else { throw CancellationError() }
        let result = try await runProgram(bylineBinary, arguments, environment: environment(config), timeout: .seconds(120))
        return (result.status, result.standardOutput, result.standardError)
    }

    private func environment(_ config: URL) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = config.path
        return environment
    }
}
