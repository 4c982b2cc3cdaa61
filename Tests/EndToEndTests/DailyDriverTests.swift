import Foundation
import Testing
import TestSupport

extension EndToEnd {
    /// The morning loop on a library of several feeds: the sources view, a feed's stories,
    /// reading with `n` to the end, `A` and its undo, hiding read stories, and `d` with `U`.
    @Suite(EndToEnd.needsTmux)
    struct DailyDriver {
        static func library() throws -> ScratchFolder {
            let library = try ScratchFolder(prefix: "library")
            let fetched = library.url.appendingPathComponent("fetched")
            try FileManager.default.createDirectory(at: fetched, withIntermediateDirectories: true)
            let stories = [("Harbour Times", "Harbour plan approved", 9), ("Rail Weekly", "New line opens", 8),
                           ("Harbour Times", "Ferry timetable changes", 7), ("Rail Weekly", "Fares frozen", 6),
                           ("Harbour Times", "Lighthouse restored", 5)]
            for (index, (source, title, day)) in stories.enumerated() {
                try """
                    Title: \(title)
                    Source: \(source)
                    Published: 2026-11-0\(day)T08:00:00Z

                    The story of \(title.lowercased()), told in full.
                    """.write(to: fetched.appendingPathComponent(String(format: "%016x.txt", index + 1)), atomically: true, encoding: .utf8)
            }
            return library
        }

        @Test func sourcesThenReadAFeedWithNToTheEndThenTheNextFeed() async throws {
            let home = try ScratchFolder(prefix: "home")
            let library = try Self.library()
            defer { home.remove(); library.remove() }
            try await TmuxSession.run(Reader.command([library.path], home: home), width: 100, height: 30) { reader in
                try await reader.waitFor("Harbour plan approved")
                try await reader.press("S")
                try await reader.waitFor("Byline — Sources")
                // A frame can be caught half drawn: wait for its last source row.
                let sources = try await reader.waitFor("2 unread · 2 stories")
                #expect(sources.contains { $0.contains("Harbour Times") && $0.contains("3 unread · 3 stories") })
                #expect(sources.contains { $0.contains("Rail Weekly") && $0.contains("2 unread · 2 stories") })
                #expect(sources.contains { $0.contains("All stories") && $0.contains("5 unread · 5 stories") })
                // All stories, Starred, then Harbour Times (newest first).
                try await reader.press("Down", "Down", "Enter")
                try await reader.waitFor("Byline — Harbour Times")
                try await reader.press("n")
                try await reader.waitForReading("The story of harbour plan approved")
                try await reader.press("n")
                try await reader.waitForReading("The story of ferry timetable changes")
                try await reader.press("n")
                try await reader.waitForReading("The story of lighthouse restored")
                // The end of the feed: on into the next one.
                try await reader.press("n")
                try await reader.waitFor("On to Rail Weekly: 2 unread")
                try await reader.waitFor("Byline — Rail Weekly")
                try await reader.press("Escape", "Escape")
                let back = try await reader.waitFor("Byline — Sources")
                #expect(back.contains { $0.contains("Harbour Times") && $0.contains("0 unread · 3 stories") })
            }
        }

        @Test func markAllReadUndoHideReadDeleteAndUndo() async throws {
            let home = try ScratchFolder(prefix: "home")
            let library = try Self.library()
            defer { home.remove(); library.remove() }
            let first = library.url.appendingPathComponent("fetched/0000000000000001.txt")
            try await TmuxSession.run(Reader.command([library.path], home: home), width: 100, height: 30) { reader in
                try await reader.waitFor("5 unread · 5 stories")
                try await reader.press("A")
                try await reader.waitFor("Marked 5 stories read (U undoes)")
                try await reader.waitFor("0 unread · 5 stories")
                try await reader.press("U")
                try await reader.waitFor("5 unread · 5 stories")
                // Read one, then hide the read ones. Each step waits for its screen: sent as
                // one burst under load, Escape and Down's escape sequence could reach the
                // reader in one read and the story was not yet read when H came.
                try await reader.press("Enter")
                try await reader.waitForReading("The story of harbour plan approved")
                try await reader.press("Escape")
                try await reader.waitFor("4 unread · 5 stories")
                try await reader.press("Down", "H")
                let hidden = try await reader.waitFor("(read hidden)")
                #expect(!listPane(hidden).contains { $0.contains("Harbour plan approved") })
                try await reader.press("H")
                try await reader.waitFor("Harbour plan approved")
                // Delete the first story, then bring it back.
                try await reader.press("Home", "d")
                try await reader.waitFor("Deleted “Harbour plan approved” (U undoes)")
                #expect(!FileManager.default.fileExists(atPath: first.path))
                try await reader.waitForAbsence(of: "Harbour plan approved  ")
                try await reader.press("U")
                try await reader.waitFor("Story restored")
                #expect(FileManager.default.fileExists(atPath: first.path))
                try await reader.press("d")
                try await reader.waitFor("Deleted “Harbour plan approved”")
                try await reader.press("q")
            }
            // Deleted and not undone: gone once the session ended; the others stay.
            let left = try FileManager.default.contentsOfDirectory(atPath: library.url.appendingPathComponent("fetched").path)
            #expect(left.sorted() == (2...5).map { String(format: "%016x.txt", $0) })
            let kept = library.url.appendingPathComponent(".byline/deleted")
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: kept.path)) ?? []).isEmpty)
        }

        /// The story comes first: at 80×24 a line of the story holds at least 60 columns,
        /// and at 200×60 no line is longer than the measure.
        @Test func aStoryHasRoomToReadAt80x24And200x60() async throws {
            let home = try ScratchFolder(prefix: "home")
            let library = try ScratchFolder(prefix: "library")
            defer { home.remove(); library.remove() }
            let paragraph = (1...30).map { "Sentence \($0) of a long story about the harbour." }.joined(separator: " ")
            try library.write("long.txt", text: "Title: A long story\nSource: Harbour Times\n\n\(paragraph)\n")
            for (width, height) in [(80, 24), (200, 60)] {
                try await TmuxSession.run(Reader.command([library.path], home: home), width: width, height: height) { reader in
                    try await reader.waitFor("A long story")
                    try await reader.press("Enter")
                    try await reader.waitFor("← back")
                    let screen = try await reader.waitFor("Sentence 2 of")
                    // Right of the list's border when the list is beside the story.
                    let rows = width == 80 ? Array(screen.dropFirst().dropLast()) : readerPane(screen)
                    let storyLines = rows.filter { $0.contains("Sentence") }
                    let widths = storyLines.map { $0.trimmingCharacters(in: .whitespaces).count }
                    if width == 80 {
                        #expect((widths.max() ?? 0) >= 60, "\(storyLines)")
                        #expect(!screen.dropFirst().dropLast().contains { $0.contains("│") }, "the list steps aside")
                    } else {
                        #expect((widths.max() ?? 0) <= 72, "\(storyLines)")
                        #expect((widths.max() ?? 0) >= 60)
                    }
                }
            }
        }
    }
}
