import Foundation
import Testing
import TestSupport

extension EndToEnd {
    /// Following a story's READ MORE links to other stories in the library, and back.
    @Suite(EndToEnd.needsTmux)
    struct RelatedLinks {
        @Test func followingALinkAndComingBackKeepsThePlace() async throws {
            let home = try ScratchFolder(prefix: "home")
            let library = try ScratchFolder(prefix: "library")
            defer { home.remove(); library.remove() }
            try LinkedLibrary.make(in: library)
            try await TmuxSession.run(Reader.command([library.path], home: home)) { reader in
                try await openSeed(reader)
                try await reader.press("End")
                let before = try await reader.waitForReading("casts a long shadow [2]")

                try await reader.press("2")
                let linked = try await reader.waitFor(LinkedLibrary.longShadowBody)
                #expect(joinedText(readerPane(linked)).contains(LinkedLibrary.longShadow))

                try await reader.press("Left")
                let after = try await reader.waitForReading("casts a long shadow [2]")
                // The list's read marks change; the reading pane is where it was.
                expectLines(readerPane(after), readerPane(before), "the seed is back at the same place")
            }
        }

        @Test func tabSelectsALinkAndEnterFollowsIt() async throws {
            let home = try ScratchFolder(prefix: "home")
            let library = try ScratchFolder(prefix: "library")
            defer { home.remove(); library.remove() }
            try LinkedLibrary.make(in: library)
            try await TmuxSession.run(Reader.command([library.path], home: home)) { reader in
                try await openSeed(reader)
                try await reader.press("Tab")
                try await reader.waitForReading("malign influence remains [1]")
                try await reader.press("Tab")
                try await reader.waitForReading("casts a long shadow [2]")
                try await reader.press("Enter")
                try await reader.waitFor(LinkedLibrary.longShadowBody)
                try await reader.press("Left")
                try await reader.waitForReading("casts a long shadow [2]")
            }
        }

        @Test func aLinkToAStoryNotInTheLibrarySaysSo() async throws {
            let home = try ScratchFolder(prefix: "home")
            let library = try ScratchFolder(prefix: "library")
            defer { home.remove(); library.remove() }
            try library.write("seed.txt", try Data(contentsOf: Reader.seedStory))
            // Wide enough for the whole message: at 100 columns it is cut to "…is not in the libr…".
            try await TmuxSession.run(Reader.command([library.path], home: home), width: 140) { reader in
                try await reader.waitFor("FAST NEWS")
                try await reader.press("Enter")
                try await reader.waitFor("← back")
                try await reader.press("1")
                let rows = try await reader.waitFor("is not in the library")
                #expect(rows.last?.contains("US has ended its combat mission") == true, "\n\(framed(rows))")
                #expect(try await reader.isRunning())
            }
        }
    }
}

/// Selects the seed story (last in the list: it has no date) and starts reading it.
private func openSeed(_ reader: TmuxSession) async throws {
    try await reader.waitFor(LinkedLibrary.combatMissionBody)
    try await reader.press("End")
    try await reader.waitFor("FAST NEWS")
    try await reader.press("Enter")
    try await reader.waitFor("← back")
}
