import Foundation
import Testing
import TestSupport

extension EndToEnd {
    /// A new reader opens the bundled seeds, reads the story through, and finds their way
    /// around the list.
    @Suite(EndToEnd.needsTmux)
    struct Reading {
        @Test func theSeedsOpenOnTheirStory() async throws {
            let home = try ScratchFolder(prefix: "home")
            defer { home.remove() }
            // Opening the story marks it read: in a copy, never in the repository's seeds/.
            let seeds = try Reader.seedsCopy(in: home)
            try await TmuxSession.run(Reader.command([seeds.path], home: home)) { reader in
                let rows = try await reader.waitFor("FAST NEWS")
                #expect(listPane(rows).contains { $0.contains("The crowd called") }, "\n\(framed(rows))")
                let top = joinedText(readerPane(rows))
                #expect(top.contains("The crowd called for the expulsion of remaining American forces…"))
                #expect(top.contains("TRTWorld and agencies"))

                try await reader.press("Enter")
                try await reader.waitFor("← back")
                let story = try await pageToEnd(reader)
                #expect(story.contains("Calls for withdrawal of US troops"))
                #expect(story.contains("▸ READ MORE: US has ended its combat mission in Iraq but its malign influence remains [1]"))
                #expect(story.contains("▸ READ MORE: Even in death, Iran’s Soleimani still casts a long shadow [2]"))
            }
        }

        @Test func movingReadingScrollingAndGoingBack() async throws {
            let home = try ScratchFolder(prefix: "home")
            let library = try ScratchFolder(prefix: "library")
            defer { home.remove(); library.remove() }
            try LinkedLibrary.make(in: library)
            try await TmuxSession.run(Reader.command([library.path], home: home)) { reader in
                // Newest first; the seed has no date, so it is last.
                try await reader.waitFor(LinkedLibrary.combatMissionBody)
                try await reader.press("Down")
                try await reader.waitUntil("the long-shadow story in the reading pane") {
                    joinedText(readerPane($0)).contains(LinkedLibrary.longShadow)
                }
                try await reader.press("Down")
                try await reader.waitFor("FAST NEWS")

                try await reader.press("Enter")
                let reading = try await reader.waitFor("← back")
                #expect(reading.last?.hasSuffix("Top") == true, "\n\(framed(reading))")
                try await reader.press("PgDn")
                // Waited for whole: tmux can be read between the pane's rows and the status
                // line of one frame, as it was once on a loaded machine.
                // (Throws, showing the screen, if the status line never leaves "Top".)
                _ = try await reader.waitUntil("a page down leaves the top") { rows in
                    !rows.contains { $0.contains("FAST NEWS") } && rows.last?.hasSuffix("Top") == false
                }
                try await reader.press("End")
                try await reader.waitForReading("casts a long shadow [2]")

                try await reader.press("Escape")
                let list = try await reader.waitFor("⏎ read")
                #expect(listPane(list).contains { $0.contains("The crowd called") })
                // Back on the list, Up moves the selection again.
                try await reader.press("Up")
                try await reader.waitUntil("the long-shadow story in the reading pane") {
                    joinedText(readerPane($0)).contains(LinkedLibrary.longShadow)
                }
            }
        }

        @Test func searchingRanksTheWholeLibraryAndEscapeClearsIt() async throws {
            let home = try ScratchFolder(prefix: "home")
            let library = try ScratchFolder(prefix: "library")
            defer { home.remove(); library.remove() }
            try LinkedLibrary.make(in: library)
            try await TmuxSession.run(Reader.command([library.path], home: home)) { reader in
                let all = try await reader.waitFor(LinkedLibrary.combatMissionBody)
                #expect(storyRows(all) == 3, "\n\(framed(all))")

                try await reader.press("/")
                try await reader.type("shadow")
                // The shadow story by its headline first, then the one whose READ MORE
                // line names it: story text is searched too.
                let filtered = try await reader.waitUntil("the shadow story first of two") { rows in
                    rows.first?.contains("search “shadow”") == true && storyRows(rows) == 2
                        && listPane(rows).first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }?.contains("Even in death") == true
                }
                #expect(filtered.contains { $0.contains("2 of 3 stories") }, "\n\(framed(filtered))")
                // The story shown ends with the library's stories most like it.
                _ = try await reader.waitUntil("More on this") { $0.contains { $0.contains("More on this") } }

                try await reader.press("Escape")
                let cleared = try await reader.waitUntil("all three stories back") { storyRows($0) == 3 }
                #expect(listPane(cleared).contains { $0.contains("The crowd called") })
            }
        }
    }
}

/// How many stories the list shows: rows whose list part has text.
func storyRows(_ rows: [String]) -> Int {
    listPane(rows).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.count
}

/// Pages through the open story with PgDn until its end; returns the text of every page,
/// as a reader who read it all would have seen it.
func pageToEnd(_ reader: TmuxSession) async throws -> String {
    var rows = try await settledScreen(reader)
    var pages: [String] = []
    for _ in 0..<100 {
        pages.append(joinedText(readerPane(rows)))
        if let status = rows.last, status.hasSuffix("End") || status.hasSuffix("All") { break }
        let before = rows
        try await reader.press("PgDn")
        // Scrolled when the place in the story (the status line's end) moves: the header
        // is redrawn on its own too, when the story is marked read.
        _ = try await reader.waitUntil("the story to scroll on a page") { $0.last != before.last }
        rows = try await settledScreen(reader)
    }
    return pages.joined(separator: " ")
}

/// The screen once two reads in a row agree: tmux can be read between the rows of one
/// frame (on a loaded machine a page of the story was once read half drawn, and one skipped).
private func settledScreen(_ reader: TmuxSession) async throws -> [String] {
    var rows = try await reader.screen()
    for _ in 0..<50 {
        try await Task.sleep(for: .milliseconds(30))
        let again = try await reader.screen()
        if again == rows { return rows }
        rows = again
    }
    return rows
}
