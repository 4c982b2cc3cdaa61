import BylineCore
import BylineStore
import Foundation
import Testing
import TestSupport

extension EndToEnd {
    /// `kill -9` in the middle of `byline fetch`: every story file is the old story or the
    /// new one, never half of one, and the library loads, and is searched, with nothing
    /// missing or stale.
    @Suite(EndToEnd.needsBinary)
    struct KilledFetch {
        static let feeds = 8
        static let items = 150

        /// Feed `feed` as its `edition` has it: every item's text names the edition and ends
        /// with a last paragraph, so a file cut short, or mixing two editions, shows. The
        /// second edition also adds as many items again.
        static func feed(_ feed: Int, edition: Int) -> String {
            let count = edition == 1 ? items : 2 * items
            let stories = (0..<count).map { item in
                let paragraph = "Edition \(edition) of story \(item) of feed \(feed), \(editionWord(edition)): the council met again to argue about the bridge. "
                return """
                <item><title>Story \(item) of feed \(feed)</title><link>http://example.org/\(feed)/\(item)</link>
                <guid>feed\(feed)-item\(item)</guid><pubDate>Tue, 0\(1 + item % 9) Mar 2022 10:00:00 GMT</pubDate>
                <description>&lt;p&gt;\(String(repeating: paragraph, count: 6))&lt;/p&gt;&lt;p&gt;\(lastParagraph(item, edition))&lt;/p&gt;</description></item>
                """
            }
            return """
            <?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Feed \(feed)</title>
            <link>http://example.org/\(feed)/</link>\(stories.joined(separator: "\n"))</channel></rss>
            """
        }

        static func lastParagraph(_ item: Int, _ edition: Int) -> String { "The end of story \(item), edition \(edition)." }

        /// A word only that edition's stories hold, for the search index to be asked about.
        static func editionWord(_ edition: Int) -> String { edition == 1 ? "drafted" : "revised" }

        /// How many stories `byline search WORD` finds in `library`: exact, as a search of
        /// one word counts every story holding it.
        static func found(_ word: String, in library: URL, binary: URL, environment: [String: String]) async throws -> Int {
            let run = try await runProgram(binary, ["search", word, library.path, "--json", "--limit", "1"],
                                           environment: environment, timeout: .seconds(120))
            #expect(run.status == 0, "\(run.standardError)")
            struct Answer: Decodable { var total: Int }
            return try JSONDecoder().decode(Answer.self, from: Data(run.standardOutput.utf8)).total
        }

        /// How many story files in `folder` are in `edition`.
        static func files(in folder: URL, edition: Int) throws -> Int {
            try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") && !$0.hasPrefix(".") }
                .filter { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8).contains("Edition \(edition) of story") }
                .count
        }

        static func serve(_ server: LoopbackServer, edition: Int) {
            for feed in 0..<feeds {
                server.route("/feed\(feed).xml", .init(contentType: "application/rss+xml", body: Self.feed(feed, edition: edition)))
            }
        }

        /// What is wrong with the story files in `folder`: each must parse, and be one
        /// edition of its story from first line to last.
        static func tornFiles(in folder: URL) throws -> [String] {
            var torn: [String] = []
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".txt") && !name.hasPrefix(".") {
                let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent(name)))
                guard case .success(let story) = StoryFileParser.parse(bytes) else {
                    torn.append("\(name): does not parse")
                    continue
                }
                let paragraphs = story.body.compactMap { block -> String? in
                    if case .paragraph(let text) = block { return text }
                    return nil
                }
                guard let item = story.title.split(separator: " ").dropFirst().first.flatMap({ Int($0) }),
                      let first = paragraphs.first, let last = paragraphs.last,
                      let edition = [1, 2].first(where: { first.hasPrefix("Edition \($0) of story \(item) ") }),
                      last == lastParagraph(item, edition), paragraphs.count == 2 else {
                    torn.append("\(name): not one whole edition of \(story.title)")
                    continue
                }
            }
            return torn
        }

        @Test("kill -9 at several moments of a fetch leaves every story file whole, old or new, an index that loads and a search index that finds each file as it is")
        func killedMidFetch() async throws {
            let home = try ScratchFolder(prefix: "killed-fetch")
            defer { home.remove() }
            let server = try LoopbackServer()
            defer { server.stop() }
            Self.serve(server, edition: 1)
            let feedsList = (0..<Self.feeds).map { "[[feed]]\nurl = \"\(server.url("/feed\($0).xml"))\"\n" }.joined(separator: "\n")
            try CommandLine.writeConfig("feeds.toml", feedsList, home: home)
            let library = home.url.appendingPathComponent("library")
            let fetched = library.appendingPathComponent("fetched")
            let binary = try #require(Reader.binary)
            let arguments = ["fetch", "--library", library.path, "--full-story", "never"]
            let environment = Reader.environment(home: home)

            let first = try await runProgram(binary, arguments, environment: environment, timeout: .seconds(120))
            #expect(first.status == 0, "\(first.standardError)")
            // The library has a search index from here on, which every fetch must keep current.
            #expect(try await Self.found("drafted", in: library, binary: binary, environment: environment) == Self.feeds * Self.items)
            // The second edition changes every story and adds as many again: each killed run
            // is caught replacing files, adding them, or indexing them.
            Self.serve(server, edition: 2)
            var killed = 0
            for delay in [40, 120, 250, 500, 900, 1500, 2500] {
                // runProgram ends a program past its deadline with SIGKILL.
                let run = try await runProgram(binary, arguments, environment: environment, timeout: .milliseconds(delay))
                if run.timedOut { killed += 1 }
                let torn = try Self.tornFiles(in: fetched)
                #expect(torn.isEmpty, "after a kill at \(delay) ms: \(torn.prefix(5))")
                // The index is recoverable: the library loads, every file in it, no problems.
                let contents = try Library(folder: library).load()
                let files = try FileManager.default.contentsOfDirectory(atPath: fetched.path).filter { $0.hasSuffix(".txt") && !$0.hasPrefix(".") }
                #expect(contents.problems.isEmpty, "after a kill at \(delay) ms: \(contents.problems.prefix(3))")
                #expect(contents.listing.count == files.count, "after a kill at \(delay) ms")
                // So is the search index: it finds each story by the edition its file holds.
                for edition in [1, 2] {
                    let found = try await Self.found(Self.editionWord(edition), in: library, binary: binary, environment: environment)
                    #expect(found == (try Self.files(in: fetched, edition: edition)), "edition \(edition) after a kill at \(delay) ms")
                }
            }
            #expect(killed > 0, "no run was killed mid-fetch")

            let last = try await runProgram(binary, arguments, environment: environment, timeout: .seconds(120))
            #expect(last.status == 0, "\(last.standardError)")
            #expect(try Self.tornFiles(in: fetched).isEmpty)
            let titles = try Library(folder: library).load().entries.map(\.title)
            #expect(titles.count == Self.feeds * 2 * Self.items)
            #expect(Set(titles).count == titles.count, "a story saved twice")
            // The killed runs' temporary files are gone once a fetch has run to its end.
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: fetched.path).filter { $0.contains(".tmp-") }
            #expect(leftovers.isEmpty, "\(leftovers.prefix(3))")
            // And every story is the second edition now.
            let list = try await runProgram(binary, ["list", "--json", library.path], environment: environment)
            #expect(list.status == 0)
            #expect(try Self.tornFiles(in: fetched).isEmpty)
            let editions = try FileManager.default.contentsOfDirectory(atPath: fetched.path).filter { $0.hasSuffix(".txt") && !$0.hasPrefix(".") }
                .map { try String(contentsOf: fetched.appendingPathComponent($0), encoding: .utf8) }
                .filter { $0.contains("Edition 1 of story") }
            #expect(editions.isEmpty, "\(editions.count) stories still in the first edition")
            #expect(try await Self.found("revised", in: library, binary: binary, environment: environment) == Self.feeds * 2 * Self.items)
            #expect(try await Self.found("drafted", in: library, binary: binary, environment: environment) == 0)
        }
    }
}
