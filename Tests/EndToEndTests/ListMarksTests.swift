import BylineCore
import BylineStore
import Foundation
import Testing
import TestSupport

extension EndToEnd {
    /// `byline list` shows what the reader marked: read stories without the dot, and
    /// read and starred in `--json`, the same on the first run and the next ones.
    @Suite(EndToEnd.needsBinary)
    struct ListMarks {
        @Test func readAndStarredStoriesAreShownAsMarked() async throws {
            let home = try ScratchFolder(prefix: "home")
            let library = try ScratchFolder(prefix: "library")
            defer { home.remove(); library.remove() }
            try library.write("a/first.txt", text: "Title: First story\nPublished: 2026-03-03T10:00:00Z\n\nOne.\n")
            try library.write("b/second.txt", text: "Title: Second story\nPublished: 2026-03-02T10:00:00Z\n\nTwo.\n")
            try library.write("third.txt", text: "Title: Third story\nPublished: 2026-03-01T10:00:00Z\n\nThree.\n")
            let binary = try #require(Reader.binary)
            let environment = Reader.environment(home: home)
            // Indexed first, then marked as the reader marks: one read, one starred, and a
            // read story whose file is gone.
            #expect(try await runProgram(binary, ["list", library.path], environment: environment).status == 0)
            let state = ReadingState(stateFolder: library.url.appendingPathComponent(".byline"))
            try state.apply([.markRead(StoryID("b/second.txt")), .star(StoryID("third.txt")), .markRead(StoryID("gone.txt"))])

            struct Row: Decodable, Equatable {
                var path: String
                var read: Bool
                var starred: Bool
            }
            // The first list after the marks reads them from the file; the next from what
            // it kept of them by row.
            for _ in 0..<2 {
                let run = try await runProgram(binary, ["list", library.path], environment: environment)
                #expect(run.status == 0, "\(run.standardError)")
                let lines = run.standardOutput.split(separator: "\n")
                #expect(lines.map { $0.hasPrefix("●") } == [true, false, true], "\(run.standardOutput)")
                #expect(lines.map { $0.hasSuffix("First story") || $0.hasSuffix("Second story") || $0.hasSuffix("Third story") }
                    == [true, true, true])
                let json = try await runProgram(binary, ["list", "--json", library.path], environment: environment)
                let rows = try JSONDecoder().decode([Row].self, from: Data(json.standardOutput.utf8))
                #expect(rows == [Row(path: "a/first.txt", read: false, starred: false),
                                 Row(path: "b/second.txt", read: true, starred: false),
                                 Row(path: "third.txt", read: false, starred: true)])
            }
        }
    }
}
