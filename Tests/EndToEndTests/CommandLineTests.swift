import Foundation
import Testing
import TestSupport

extension EndToEnd {
    /// The command line as a new user meets it: typos, bare addresses, missing files,
    /// empty folders, broken feeds, and the config file's mistakes.
    @Suite(EndToEnd.needsBinary)
    struct CommandLine {
        /// A one-item RSS feed at /feed.xml.
        static func servePlainFeed(_ server: LoopbackServer) {
            server.route("/feed.xml", .init(contentType: "application/rss+xml", body: """
            <?xml version="1.0"?><rss version="2.0"><channel><title>Plain</title>
            <item><title>One</title><link>http://example.org/1</link></item></channel></rss>
            """))
        }

        /// Writes `name` into the scratch home's Byline config folder.
        static func writeConfig(_ name: String, _ text: String, home: ScratchFolder) throws {
            let folder = home.url.appendingPathComponent("config/byline")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }

        private func run(_ arguments: [String], home: ScratchFolder) async throws -> ProgramOutput {
            try await runProgram(try #require(Reader.binary), arguments, environment: Reader.environment(home: home))
        }

        @Test func aMistypedSubcommandSuggestsTheNearestAndIsNotTakenForAFolder() async throws {
            let home = try ScratchFolder(prefix: "home")
            defer { home.remove() }
            let run = try await run(["fecth"], home: home)
            #expect(run.status != 0)
            #expect(run.standardError == "byline: fecth: no such command; did you mean `byline fetch`?\n")
            let unknown = try await self.run(["newz-and-more"], home: home)
            #expect(unknown.standardError.hasPrefix("byline: newz-and-more: no such command or folder (commands: read, list"))
        }

        @Test func listSaysWhenAFolderHasNoStoriesAndPrintsPathsThatShowTakes() async throws {
            let home = try ScratchFolder(prefix: "home")
            defer { home.remove() }
            let empty = home.url.appendingPathComponent("empty")
            try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
            let none = try await run(["list", empty.path], home: home)
            #expect(none.standardOutput.isEmpty)
            #expect(none.standardError == "byline: \(empty.path): no stories here (story files are .txt files in this folder or below)\n")

            let seeds = try Reader.seedsCopy(in: home)
            let seedStory = seeds.appendingPathComponent(try Reader.seedStory.lastPathComponent)
            let paths = try await run(["list", "--paths", seeds.path], home: home)
            let path = try #require(paths.standardOutput.split(separator: "\n").first.map(String.init))
            #expect(path == seedStory.path)
            let shown = try await run(["show", path], home: home)
            #expect(shown.standardOutput.contains("The crowd called for the expulsion"))
            // The path inside the library, as `list --json` prints it, works too.
            let byID = try await run(["show", "--library", seeds.path, seedStory.lastPathComponent], home: home)
            #expect(byID.status == 0, "\(byID.standardError)")
            #expect(byID.standardOutput == shown.standardOutput)
        }

        @Test func fileErrorsSayWhatIsWrongInPlainWords() async throws {
            let home = try ScratchFolder(prefix: "home")
            defer { home.remove() }
            let missing = try await run(["import", home.url.appendingPathComponent("feeds.opml").path], home: home)
            #expect(missing.standardError == "byline: \(home.path)/feeds.opml: no such file\n")
            let folder = try await run(["show", home.path], home: home)
            #expect(folder.standardError == "byline: \(home.path): is a folder, not a file\n")
            #expect(!folder.standardError.contains("could not be completed"))
        }

        @Test func addRefusesABrokenFeedWithTheParsersLine() async throws {
            let home = try ScratchFolder(prefix: "home")
            defer { home.remove() }
            let server = try LoopbackServer()
            defer { server.stop() }
            server.route("/broken.xml", .init(contentType: "application/rss+xml", body: """
            <?xml version="1.0"?>
            <rss version="2.0"><channel><title>Broken</title>
            <item><title>One</title>
            </channel></rss>
            """))
            let run = try await run(["add", server.url("/broken.xml")], home: home)
            #expect(run.status != 0)
            #expect(run.standardError.hasPrefix("byline: \(server.url("/broken.xml")): malformed feed: XML at line 4:"), "\(run.standardError)")
            let feeds = try await self.run(["feeds"], home: home)
            #expect(feeds.standardOutput.hasPrefix("No subscriptions yet"))
        }

        @Test func anAddressWithoutASchemeIsTriedAsHttpsThenHttp() async throws {
            let home = try ScratchFolder(prefix: "home")
            defer { home.remove() }
            let server = try LoopbackServer()
            defer { server.stop() }
            Self.servePlainFeed(server)
            let bare = "127.0.0.1:\(server.port)/feed.xml"
            // The loopback server does not speak TLS: the https attempt waits for the time-out.
            try Self.writeConfig("config.toml", "[fetch]\ntimeout = 2\n", home: home)
            let run = try await run(["add", bare], home: home)
            #expect(run.status == 0, "\(run.standardError)")
            #expect(run.standardError.hasPrefix("byline: \(bare) has no scheme: trying https://\(bare)\n"))
            #expect(run.standardError.contains("; trying http://\(bare)\n"))
            #expect(run.standardOutput.contains("Added Plain <http://\(bare)>"))
        }

        @Test func fetchSyncsInsteadWhenSyncIsOnSoNoStoryIsSavedTwice() async throws {
            let home = try ScratchFolder(prefix: "home")
            defer { home.remove() }
            let server = try LoopbackServer()
            defer { server.stop() }
            Self.servePlainFeed(server)
            try Self.writeConfig("feeds.toml", "[[feed]]\nurl = \"http://127.0.0.1:\(server.port)/feed.xml\"\n", home: home)
            // A sync server nobody answers at: fetch must try it, and not the feed itself.
            try Self.writeConfig("config.toml", "[sync]\nservice = \"ttrss\"\nurl = \"http://127.0.0.1:9/tt-rss/\"\nuser = \"me\"\n",
                                 home: home)
            var environment = Reader.environment(home: home)
            environment["BYLINE_SYNC_PASSWORD"] = "secret"
            let run = try await runProgram(try #require(Reader.binary), ["fetch"], environment: environment)
            #expect(run.status != 0)
            #expect(run.standardError.contains("byline: sync is on: fetching through your feed server (byline sync)\n"))
            #expect(run.standardError.contains("127.0.0.1:9"), "\(run.standardError)")
            #expect(!run.standardError.contains("secret") && !run.standardOutput.contains("secret"))
            let fetched = home.url.appendingPathComponent("data/byline/library/fetched")
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: fetched.path)) ?? []).filter { $0.hasSuffix(".txt") }.isEmpty)
        }

        @Test func configMistakesAreOneLineEachNamingFileLineAndKey() async throws {
            let home = try ScratchFolder(prefix: "home")
            defer { home.remove() }
            let folder = home.url.appendingPathComponent("config/byline")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let file = folder.appendingPathComponent("config.toml")
            try "theme = \"drak\"\n\n[keys]\nqiut = \"x\"\n[layout]\nmeasure = 20\n".write(to: file, atomically: true, encoding: .utf8)
            let run = try await run(["config"], home: home)
            #expect(run.status != 0)
            #expect(run.standardError.split(separator: "\n") == [
                "byline: \(file.path):1: theme: no theme named drak; available: default, dark, light, mono",
                "byline: \(file.path):4: keys.qiut: no action named qiut; did you mean quit? (`byline config --print` lists them all)",
                "byline: \(file.path):6: layout.measure: should be between 40 and 100, not 20",
            ])
            // The printed configuration uses the defaults for each mistake, and reads back cleanly.
            let printed = try await self.run(["config", "--print"], home: home)
            #expect(printed.standardOutput.contains("theme = \"default\"\n"))
            #expect(printed.standardOutput.contains("measure = 72\n"))
            #expect(printed.standardOutput.contains("quit = [\"q\"]\n"))
            try printed.standardOutput.write(to: file, atomically: true, encoding: .utf8)
            let again = try await self.run(["config"], home: home)
            #expect(again.status == 0, "\(again.standardError)")
            #expect(again.standardOutput == "\(file.path): no problems\n")
        }
    }
}

extension EndToEnd {
    /// `byline clean`: retention removes old fetched stories, never the reader's own files.
    @Suite(EndToEnd.needsBinary)
    struct Cleaning {
        @Test func cleanRemovesOldFetchedStoriesAndNeverTheReadersOwn() async throws {
            let home = try ScratchFolder(prefix: "home")
            defer { home.remove() }
            let library = home.url.appendingPathComponent("data/byline/library")
            let fetched = library.appendingPathComponent("fetched")
            try FileManager.default.createDirectory(at: fetched, withIntermediateDirectories: true)
            let old = Date().addingTimeInterval(-200 * 86_400)
            func write(_ path: URL, _ title: String, published: String, age: Date) throws {
                try "Title: \(title)\nPublished: \(published)\n\nBody of \(title).\n".write(to: path, atomically: true, encoding: .utf8)
                try FileManager.default.setAttributes([.modificationDate: age], ofItemAtPath: path.path)
            }
            try write(fetched.appendingPathComponent("00000000000000aa.txt"), "Old fetched story", published: "2020-01-01T00:00:00Z", age: old)
            try write(fetched.appendingPathComponent("00000000000000bb.txt"), "New fetched story", published: "2020-01-01T00:00:00Z", age: Date())
            try write(library.appendingPathComponent("mine.txt"), "My own old notes", published: "2020-01-01T00:00:00Z", age: old)
            let config = home.url.appendingPathComponent("config/byline")
            try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
            try "[retention]\nkeep = \"90d\"\n".write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)

            let binary = try #require(Reader.binary)
            let dry = try await runProgram(binary, ["clean", "--dry-run"], environment: Reader.environment(home: home))
            #expect(dry.status == 0, "\(dry.standardError)")
            #expect(dry.standardOutput == "would remove \(fetched.path)/00000000000000aa.txt  Old fetched story\nWould remove 1 story\n")
            #expect(FileManager.default.fileExists(atPath: fetched.appendingPathComponent("00000000000000aa.txt").path))

            let clean = try await runProgram(binary, ["clean"], environment: Reader.environment(home: home))
            #expect(clean.standardOutput.hasSuffix("Removed 1 story\n"))
            let left = try FileManager.default.contentsOfDirectory(atPath: fetched.path)
            #expect(left == ["00000000000000bb.txt"])
            #expect(FileManager.default.fileExists(atPath: library.appendingPathComponent("mine.txt").path), "the reader's own file stays")
        }
    }
}
