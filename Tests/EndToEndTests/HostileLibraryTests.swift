import Foundation
import Testing
import TestSupport

extension EndToEnd {
    /// Story files are untrusted: their text never reaches the terminal as control
    /// sequences, and files that are not stories are reported and left alone.
    @Suite(EndToEnd.needsTmux)
    struct HostileStories {
        @Test func escapesInStoriesNeverReachTheTerminal() async throws {
            let home = try ScratchFolder(prefix: "home")
            let library = try ScratchFolder(prefix: "hostile")
            defer { home.remove(); library.remove() }
            try HostileLibrary.make(in: library)
            // NO_COLOR: the theme then uses no colours, so any colour on screen came from a story.
            try await TmuxSession.run(Reader.command([library.path], home: home, noColor: true)) { reader in
                let start = try await reader.waitFor("Plain survivor")
                for words in HostileLibrary.storyTitleWords {
                    #expect(listPane(start).contains { $0.contains(words) }, "“\(words)” listed\n\(framed(start))")
                }
                #expect(start[0].contains("3 stories"), "\n\(framed(start))")
                try await expectUntouched(reader)

                // Read the hostile story, then the headerless one, then follow the hostile link.
                try await reader.press("Down")
                try await reader.waitForReading("Hostile title")
                try await reader.press("Enter")
                try await reader.waitFor("← back")
                try await expectUntouched(reader)
                try await reader.press("End")
                try await reader.press("1")
                try await reader.waitFor("not in the")
                try await expectUntouched(reader)
                try await reader.press("Escape")
                try await reader.waitFor("⏎ read")
                try await reader.press("Down")
                try await reader.waitForReading("Headerless")
                try await reader.press("Enter")
                try await reader.waitForReading(HostileLibrary.strayIntroducerSurvivor)
                try await reader.waitFor("← back")
                try await expectUntouched(reader)
            }
        }

        @Test func damagedFilesAreListedInHelpAndLeftByteForByte() async throws {
            let home = try ScratchFolder(prefix: "home")
            let library = try ScratchFolder(prefix: "hostile")
            defer { home.remove(); library.remove() }
            try HostileLibrary.make(in: library)
            let before = try storyFiles(in: library)
            try await TmuxSession.run(Reader.command([library.path], home: home), keepsExitedPane: true) { reader in
                try await reader.waitFor("Plain survivor")
                try await reader.press("?")
                let help = try await reader.waitFor("could not be read")
                for file in HostileLibrary.damaged {
                    #expect(help.contains { $0.contains(file.name) }, "\(file.name) reported\n\(framed(help))")
                }
                try await reader.press("Escape")
                try await reader.waitFor("⏎ read")
                // Reading marks the story read: the library's files still must not change.
                try await reader.press("Enter")
                try await reader.waitFor("← back")
                try await reader.press("q")
                let status = try await reader.waitForExit()
                let last = try await reader.screen()
                #expect(status == 0, "exit status \(status)\n\(framed(last))")
            }
            let after = try storyFiles(in: library)
            #expect(after.keys.sorted() == before.keys.sorted(), "no file added, moved or deleted")
            for (name, bytes) in before {
                #expect(after[name] == bytes, "\(name) is byte-for-byte as it was")
            }
        }

        /// The first screen names a skipped file and says how to see the others; a message
        /// too long for the status line wraps up over the rows above it.
        @Test func theStatusLineNamesSkippedFilesOnOpening() async throws {
            let home = try ScratchFolder(prefix: "home")
            let library = try ScratchFolder(prefix: "hostile")
            defer { home.remove(); library.remove() }
            try HostileLibrary.make(in: library)
            try await TmuxSession.run(Reader.command([library.path], home: home)) { reader in
                // Waits for the whole first frame: a busy machine can show one half drawn.
                let rows = try await reader.waitUntil("the list and the status line drawn") { rows in
                    rows.contains { $0.contains("Plain survivor") } && !(rows.last ?? "").trimmingCharacters(in: .whitespaces).isEmpty
                }
                let bottom = rows.suffix(3).joined(separator: " ").split(separator: " ").joined(separator: " ")
                #expect(bottom.contains("Skipped binary.txt"), "\n\(framed(rows))")
                #expect(bottom.contains("(and 2 more; ? lists them)"), "\n\(framed(rows))")
            }
        }
    }
}

/// Checks the terminal shows no effect of a story's escape sequences: the window title
/// is unchanged, the layout is intact (no clear-screen), and no colour or blinking
/// appears (the reader runs with NO_COLOR, so its theme has none of its own).
private func expectUntouched(_ reader: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let title = try await reader.display("#{pane_title}")
    #expect(!title.contains("PWNED"), "window title changed to \(title)", sourceLocation: sourceLocation)
    let rows = try await reader.screen()
    #expect(rows.count == 30 && rows[0].contains("Byline"), "header drawn\n\(framed(rows))", sourceLocation: sourceLocation)
    // A long status message may grow up over the last rows above the status line.
    #expect(rows.dropFirst().dropLast(3).allSatisfy { $0.contains("│") }, "layout intact\n\(framed(rows))", sourceLocation: sourceLocation)
    #expect(!rows.contains { $0.contains("[2J") || $0.contains("]0;") || $0.contains("^[") },
            "escape sequences shown as text\n\(framed(rows))", sourceLocation: sourceLocation)
    let styled = try await reader.styledScreen()
    let foreign = foreignStyles(in: styled)
    #expect(foreign.isEmpty, "styles not from the theme: \(foreign.sorted())", sourceLocation: sourceLocation)
}

/// SGR parameters on screen that a colourless theme never sets: colours and blinking.
private func foreignStyles(in rows: [String]) -> Set<String> {
    var found = Set<String>()
    for row in rows {
        for sequence in row.split(separator: "\u{1B}[", omittingEmptySubsequences: true) {
            guard let end = sequence.firstIndex(of: "m") else { continue }
            for parameter in sequence[..<end].split(separator: ";") {
                guard let number = Int(parameter) else { continue }
                let isColour = (30...38).contains(number) || (40...48).contains(number)
                    || (90...97).contains(number) || (100...107).contains(number)
                if isColour || number == 5 || number == 6 { found.insert(String(parameter)) }
            }
        }
    }
    return found
}

/// Every file in the library (not its `.byline` bookkeeping), by name.
private func storyFiles(in library: ScratchFolder) throws -> [String: Data] {
    let names = try FileManager.default.contentsOfDirectory(atPath: library.path).filter { !$0.hasPrefix(".") }
    var files: [String: Data] = [:]
    for name in names {
        files[name] = FileManager.default.contents(atPath: library.url.appendingPathComponent(name).path)
    }
    return files
}
