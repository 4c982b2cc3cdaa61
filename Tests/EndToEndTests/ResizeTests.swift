import Foundation
import Testing
import TestSupport

extension EndToEnd {
    /// The reader keeps drawing when its terminal shrinks to almost nothing and grows back.
    @Suite(EndToEnd.needsTmux)
    struct Resizing {
        @Test func aTinyTerminalStillDrawsAndTheLayoutComesBack() async throws {
            let home = try ScratchFolder(prefix: "home")
            let library = try ScratchFolder(prefix: "library")
            defer { home.remove(); library.remove() }
            try LinkedLibrary.make(in: library)
            try await TmuxSession.run(Reader.command([library.path], home: home)) { reader in
                try await reader.waitFor(LinkedLibrary.combatMissionBody)

                try await reader.resize(width: 20, height: 5)
                let tiny = try await reader.waitUntil("a 20×5 screen with the header") { rows in
                    rows.count == 5 && rows[0].contains("Byline")
                }
                #expect(tiny.allSatisfy { $0.count <= 20 }, "every row fits\n\(framed(tiny))")
                #expect(!(tiny.last ?? "").trimmingCharacters(in: .whitespaces).isEmpty, "the status line is drawn\n\(framed(tiny))")
                #expect(try await reader.isRunning())

                // Reading and scrolling at that size must not crash either.
                try await reader.press("Enter")
                try await reader.waitFor("← back")
                try await reader.press("PgDn")
                try await reader.press("End")
                try await reader.press("Escape")
                try await reader.waitUntil("back on the list") { $0.last?.contains("move") == true }
                #expect(try await reader.isRunning())

                try await reader.resize(width: 100, height: 30)
                let full = try await reader.waitUntil("the 100×30 layout: list, border and reading pane") { rows in
                    rows.count == 30 && rows.dropFirst().dropLast().allSatisfy { $0.contains("│") }
                }
                #expect(full[0].contains("Byline — All stories"), "\n\(framed(full))")
                #expect(full[0].contains("3 stories"), "\n\(framed(full))")
                #expect(storyRows(full) == 3, "\n\(framed(full))")
                #expect(joinedText(readerPane(full)).contains(LinkedLibrary.combatMission), "\n\(framed(full))")
            }
        }
    }
}
