import Foundation
import Testing
import TestSupport

extension EndToEnd {
    /// The README's first command, as a new user runs it: `byline seeds` in the project's
    /// folder opens the bundled sample library, and `q` leaves.
    @Suite(EndToEnd.needsTmux)
    struct ReadmeCommand {
        @Test("byline seeds, in the project's folder, opens the bundled seeds; a name one letter from a command is still a folder")
        func seedsOpenByTheirBareName() async throws {
            let home = try ScratchFolder(prefix: "home")
            defer { home.remove() }
            // `seeds` is one letter from `feeds`: it was once refused as a mistyped command.
            let inProject = ["sh", "-c", "cd \"$0\" && exec \"$@\"", Reader.packageRoot.path]
            let command = inProject + (try Reader.command(["seeds"], home: home))
            try await TmuxSession.run(command, keepsExitedPane: true) { reader in
                let rows = try await reader.waitFor("FAST NEWS")
                #expect(listPane(rows).contains { $0.contains("The crowd called") }, "\n\(framed(rows))")
                try await reader.press("q")
                #expect(try await reader.waitForExit() == 0)
            }
        }
    }
}
