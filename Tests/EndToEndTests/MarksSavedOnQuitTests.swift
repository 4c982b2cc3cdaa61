import Foundation
import Testing
import TestSupport

extension EndToEnd {
    /// Marks are saved behind the screen (the key is drawn first): quitting at once after
    /// them still leaves every one on disk, in the order they were made.
    @Suite(EndToEnd.needsTmux)
    struct MarksSavedOnQuit {
        @Test func marksMadeJustBeforeQuittingAreAllSaved() async throws {
            let home = try ScratchFolder(prefix: "home")
            let library = try DailyDriver.library()
            defer { home.remove(); library.remove() }
            try await TmuxSession.run(Reader.command([library.path], home: home), width: 100, height: 30,
                                      keepsExitedPane: true) { reader in
                try await reader.waitFor("5 unread · 5 stories")
                // Marked, unmarked and marked again, then one unmarked by hand, and quit.
                try await reader.press("A")
                try await reader.waitFor("0 unread · 5 stories")
                try await reader.press("U")
                try await reader.waitFor("5 unread · 5 stories")
                try await reader.press("A", "u", "s", "q")
                #expect(try await reader.waitForExit() == 0)
            }
            let saved = try String(contentsOf: library.url.appendingPathComponent(".byline/reading-state"), encoding: .utf8)
            let lines = saved.split(separator: "\n").dropFirst().map(String.init)
            let read = lines.filter { $0.hasPrefix("read\t") }.map { String($0.dropFirst(5)) }
            #expect(read == (2...5).map { "fetched/" + String(format: "%016x.txt", $0) },
                    "A read all five, u took the first back: \(saved)")
            #expect(lines.filter { $0.hasPrefix("starred\t") } == ["starred\tfetched/0000000000000001.txt"])
        }
    }
}
