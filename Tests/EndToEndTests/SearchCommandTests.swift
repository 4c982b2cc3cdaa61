import Foundation
import Testing
import TestSupport

extension EndToEnd {
    /// `byline search` and `byline similar` on a small library: ranked, folded, kept
    /// current as files change, and a damaged index is rebuilt.
    @Suite(EndToEnd.needsBinary)
    struct SearchCommands {
        struct Found: Decodable {
            var path: String
            var title: String
        }

        struct Answer: Decodable {
            var total: Int
            var stories: [Found]
        }

        private func makeLibrary(_ folder: ScratchFolder) throws {
            try folder.write("lib/a/rail.txt", text: "Title: Council approves rail link\nSource: Civic Record\n\nThe new rail link runs north.\n")
            try folder.write("lib/b/cafe.txt", text: "Title: Le café de la gare rouvre\nSource: Tribune\n\nLes habitants de Genève fêtent.\n")
            try folder.write("lib/c/tokyo.txt", text: "Title: 東京都の天気\nSource: NHK\n\n明日は雨が降ります。\n")
            try folder.write("lib/d/rail2.txt", text: "Title: Rail strike ends\nSource: Civic Record\n\nRail workers return; rail link plans wait.\n")
        }

        private func search(_ arguments: [String], home: ScratchFolder) async throws -> Answer {
            let binary = try #require(Reader.binary)
            let run = try await runProgram(binary, ["search"] + arguments + ["--json"], environment: Reader.environment(home: home))
            #expect(run.status == 0, "stderr: \(run.standardError)")
            return try JSONDecoder().decode(Answer.self, from: Data(run.standardOutput.utf8))
        }

        @Test func findsRankedFoldedAndCurrent() async throws {
            let home = try ScratchFolder(prefix: "home")
            defer { home.remove() }
            try makeLibrary(home)
            let library = home.url.appendingPathComponent("lib").path

            let rail = try await search(["rail", library], home: home)
            #expect(rail.total == 2)
            #expect(rail.stories.map(\.title) == ["Rail strike ends", "Council approves rail link"])
            #expect(try await search(["CAFE geneve", library], home: home).stories.map(\.path) == ["b/cafe.txt"])
            #expect(try await search(["東京", library], home: home).stories.map(\.path) == ["c/tokyo.txt"])
            #expect(try await search([#""link rail""#, library], home: home).total == 0)
            #expect(try await search(["rail", library, "--limit", "1"], home: home).stories.count == 1)

            // A new file and a removed one are seen by the next search.
            try home.write("lib/e/tram.txt", text: "Title: Trams return to the rail depot\n\nA depot story.\n")
            try FileManager.default.removeItem(atPath: library + "/a/rail.txt")
            #expect(Set(try await search(["rail", library], home: home).stories.map(\.path)) == ["d/rail2.txt", "e/tram.txt"])

            // A damaged index is rebuilt without a word to the reader.
            try Data("garbage".utf8).write(to: URL(fileURLWithPath: library + "/.byline/search-base"))
            #expect(try await search(["depot", library], home: home).stories.map(\.path) == ["e/tram.txt"])
        }

        @Test func similarListsOtherStoriesLikeThisOne() async throws {
            let home = try ScratchFolder(prefix: "home")
            defer { home.remove() }
            try makeLibrary(home)
            let library = home.url.appendingPathComponent("lib").path
            let binary = try #require(Reader.binary)
            let run = try await runProgram(binary, ["similar", library + "/a/rail.txt", "--library", library, "--json"],
                                           environment: Reader.environment(home: home))
            #expect(run.status == 0, "stderr: \(run.standardError)")
            let similar = try JSONDecoder().decode([Found].self, from: Data(run.standardOutput.utf8))
            #expect(similar.first?.path == "d/rail2.txt")
            #expect(!similar.contains { $0.path == "a/rail.txt" })
        }

        /// A story file in no opened library, beside other stories: its own folder is the
        /// library (opened as `byline FOLDER` opens one), not your library, and the story
        /// is not listed as like itself.
        @Test func similarComparesALooseFileWithTheStoriesBesideIt() async throws {
            let home = try ScratchFolder(prefix: "home")
            defer { home.remove() }
            try home.write("data/byline/library/yours.txt", text: "Title: Rail link delayed again\n\nThe rail link waits.\n")
            let loose = try home.write("loose/rail.txt", text: "Title: Council approves rail link\n\nThe new rail link runs north.\n")
            try home.write("loose/rail2.txt", text: "Title: Rail strike ends\n\nRail workers return; rail link plans wait.\n")
            try home.write("loose/cafe.txt", text: "Title: Le café de la gare rouvre\n\nLes habitants de Genève fêtent.\n")
            let binary = try #require(Reader.binary)
            let run = try await runProgram(binary, ["similar", loose.path, "--json"], environment: Reader.environment(home: home))
            #expect(run.status == 0, "stderr: \(run.standardError)")
            #expect(run.standardError.isEmpty, "\(run.standardError)")
            let similar = try JSONDecoder().decode([Found].self, from: Data(run.standardOutput.utf8))
            #expect(similar.first?.path == "rail2.txt", "\(run.standardOutput)")
            #expect(!similar.contains { $0.path == "rail.txt" }, "not like itself")
            #expect(!similar.contains { $0.title == "Rail link delayed again" }, "your library is not looked in")
            #expect(FileManager.default.fileExists(atPath: home.url.appendingPathComponent("loose/.byline").path),
                    "the folder is opened as a library, its index kept beside it")
        }

        /// A story file alone in a folder of no library is compared with your library, and
        /// a line on standard error says so: the stories listed are not its neighbours.
        @Test func similarOfAFileAloneSaysWhichLibraryItComparedWith() async throws {
            let home = try ScratchFolder(prefix: "home")
            defer { home.remove() }
            try home.write("data/byline/library/one/rail2.txt", text: "Title: Rail strike ends\n\nRail workers return; rail link plans wait.\n")
            try home.write("data/byline/library/one/fares.txt", text: "Title: Rail fares rise\n\nThe rail fares rise in May.\n")
            try home.write("data/byline/library/two/cafe.txt", text: "Title: Le café de la gare rouvre\n\nLes habitants de Genève fêtent.\n")
            let alone = try home.write("alone/rail.txt", text: "Title: Council approves rail link\n\nThe new rail link runs north.\n")
            let binary = try #require(Reader.binary)
            let run = try await runProgram(binary, ["similar", alone.path, "--json"], environment: Reader.environment(home: home))
            #expect(run.status == 0, "stderr: \(run.standardError)")
            let yours = home.url.appendingPathComponent("data/byline/library").path
            #expect(run.standardError == "byline: \(alone.path) is in no library; comparing with your library at \(yours)\n")
            let similar = try JSONDecoder().decode([Found].self, from: Data(run.standardOutput.utf8))
            #expect(Set(similar.map(\.path)) == ["one/rail2.txt", "one/fares.txt"], "\(run.standardOutput)")
            #expect(!FileManager.default.fileExists(atPath: home.url.appendingPathComponent("alone/.byline").path))
        }

        /// A story file in your library is compared with your whole library, even before
        /// the library was first opened (no bookkeeping folder above the file yet).
        @Test func similarOfAFileInYourLibraryLooksInAllOfIt() async throws {
            let home = try ScratchFolder(prefix: "home")
            defer { home.remove() }
            let story = try home.write("data/byline/library/one/rail.txt", text: "Title: Council approves rail link\n\nThe new rail link runs north.\n")
            try home.write("data/byline/library/two/rail2.txt", text: "Title: Rail strike ends\n\nRail workers return; rail link plans wait.\n")
            try home.write("data/byline/library/two/cafe.txt", text: "Title: Le café de la gare rouvre\n\nLes habitants de Genève fêtent.\n")
            let binary = try #require(Reader.binary)
            let run = try await runProgram(binary, ["similar", story.path, "--json"], environment: Reader.environment(home: home))
            #expect(run.status == 0, "stderr: \(run.standardError)")
            #expect(run.standardError.isEmpty, "\(run.standardError)")
            let similar = try JSONDecoder().decode([Found].self, from: Data(run.standardOutput.utf8))
            #expect(similar.map(\.path) == ["two/rail2.txt"], "\(run.standardOutput)")
        }

        /// The common forms are read without the argument parser; the others still reach
        /// it, and answer or explain as it always did.
        @Test func formsTheQuickStartLeavesAreStillRead() async throws {
            let home = try ScratchFolder(prefix: "home")
            defer { home.remove() }
            try makeLibrary(home)
            let library = home.url.appendingPathComponent("lib").path
            let binary = try #require(Reader.binary)

            #expect(try await search(["rail", "--library=" + library, "--limit=1"], home: home).stories.map(\.path) == ["d/rail2.txt"])
            #expect(try await search(["rail", "--library", library, "--limit", "1"], home: home).stories.map(\.path) == ["d/rail2.txt"])

            let refused = try await runProgram(binary, ["search", "rail", library, "--limit", "0"], environment: Reader.environment(home: home))
            #expect(refused.status != 0)
            #expect(refused.standardError.contains("--limit must be at least 1"), "\(refused.standardError)")
            #expect(refused.standardOutput.isEmpty)

            let help = try await runProgram(binary, ["similar", "--help"], environment: Reader.environment(home: home))
            #expect(help.status == 0)
            #expect(help.standardOutput.contains("USAGE: byline similar <file>"), "\(help.standardOutput)")
        }

        @Test func aMissingFileIsOneLine() async throws {
            let home = try ScratchFolder(prefix: "home")
            defer { home.remove() }
            let binary = try #require(Reader.binary)
            let run = try await runProgram(binary, ["similar", home.url.path + "/nope.txt"], environment: Reader.environment(home: home))
            #expect(run.status != 0)
            #expect(run.standardError.split(separator: "\n").count == 1, "\(run.standardError)")
            #expect(run.standardError.contains("nope.txt: no such file"))
        }
    }
}
