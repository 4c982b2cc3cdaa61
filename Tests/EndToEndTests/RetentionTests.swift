import Foundation
import Testing
import TestSupport

extension EndToEnd {
    /// `[retention] keep` applied where stories come in: the reader's `R` and `byline fetch`
    /// remove old fetched stories, never a starred one or a file the reader wrote.
    @Suite(EndToEnd.needsTmux)
    struct Retention {
        /// Three old fetched stories, newest first in the list, and the reader's own old file.
        static func library(home: ScratchFolder) throws -> ScratchFolder {
            let library = try ScratchFolder(prefix: "library")
            let old = Date().addingTimeInterval(-200 * 86_400)
            for (name, title, day) in [("00000000000000aa", "Old fetched story", 3), ("00000000000000cc", "Old starred story", 2),
                                       ("00000000000000dd", "Another old story", 1)] {
                let file = try library.write("fetched/\(name).txt", text: "Title: \(title)\nPublished: 2020-01-0\(day)T00:00:00Z\n\nBody.\n")
                try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: file.path)
            }
            let mine = try library.write("mine.txt", text: "Title: My own old notes\nPublished: 2019-01-01T00:00:00Z\n\nNotes.\n")
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: mine.path)
            try home.write("config/byline/config.toml", text: "[retention]\nkeep = \"90d\"\n")
            return library
        }

        static func feed(_ server: LoopbackServer, items: [String]) {
            server.route("/feed.xml", LoopbackServer.Route(contentType: "application/rss+xml", body: """
                <?xml version="1.0"?><rss version="2.0"><channel><title>Loopback Daily</title>
                \(items.map { "<item><title>\($0)</title><guid>\($0)</guid><description>\(String(repeating: "Words of the story. ", count: 20))</description></item>" }.joined())
                </channel></rss>
                """))
        }

        @Test func capitalRRemovesOldFetchedStoriesButNotStarredOnesOrYourOwn() async throws {
            let server = try LoopbackServer()
            defer { server.stop() }
            Self.feed(server, items: ["Fresh headline"])
            let home = try ScratchFolder(prefix: "home")
            let library = try Self.library(home: home)
            defer { home.remove(); library.remove() }
            try home.write("config/byline/feeds.toml", text: "[[feed]]\nurl = \"\(server.url("/feed.xml"))\"\n")
            try await TmuxSession.run(Reader.command([library.path], home: home), width: 140) { reader in
                try await reader.waitFor("Old starred story")
                try await reader.press("Down", "s")
                try await reader.waitFor("Starred")
                try await reader.press("R")
                let after = try await reader.waitFor("removed 2 old stories (older than the retention period)")
                #expect(after[0].contains("3 stories"), "\n\(framed(after))")
                #expect(listPane(after).contains { $0.contains("Fresh headline") })
                #expect(listPane(after).contains { $0.contains("Old starred story") })
                #expect(!listPane(after).contains { $0.contains("Old fetched story") })
            }
            let fetched = try FileManager.default.contentsOfDirectory(atPath: library.url.appendingPathComponent("fetched").path)
            #expect(fetched.contains("00000000000000cc.txt"), "the starred story stays")
            #expect(!fetched.contains("00000000000000aa.txt") && !fetched.contains("00000000000000dd.txt"))
            #expect(FileManager.default.fileExists(atPath: library.url.appendingPathComponent("mine.txt").path))

            // `byline fetch` applies the same rule to what has aged since.
            let aged = try library.write("fetched/00000000000000ee.txt", text: "Title: Aged since\n\nBody.\n")
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-100 * 86_400)], ofItemAtPath: aged.path)
            let run = try await runProgram(try #require(Reader.binary), ["fetch", "--library", library.path],
                                           environment: Reader.environment(home: home))
            #expect(run.status == 0, "\(run.standardError)")
            #expect(run.standardOutput.hasSuffix("Removed 1 old story (older than the retention period)\n"), "\(run.standardOutput)")
            #expect(!FileManager.default.fileExists(atPath: aged.path))
            #expect(FileManager.default.fileExists(atPath: library.url.appendingPathComponent("fetched/00000000000000cc.txt").path))
            #expect(FileManager.default.fileExists(atPath: library.url.appendingPathComponent("mine.txt").path))
        }
    }
}
