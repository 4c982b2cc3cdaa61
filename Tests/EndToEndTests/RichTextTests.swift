import Foundation
import Testing
import TestSupport

extension EndToEnd {
    /// A story with a preformatted block, bold and italic words, and an image, read in the
    /// real reader.
    @Suite(EndToEnd.needsTmux)
    struct RichText {
        static let story = """
            Title: Release notes
            Published: 2026-11-18T10:00:00Z

            The **new parser** is *much* faster; run it like this:

            ```
            $ byline   fetch --jobs 4

            \u{1B}]0;pwned\u{07}done   in    2.1 s
            ```

            [image: Benchmark chart for the new parser](https://example.org/chart.png)

            That is all.
            """

        @Test func preBoldItalicAndAnImageReachTheScreen() async throws {
            let home = try ScratchFolder(prefix: "home")
            let library = try ScratchFolder(prefix: "library")
            defer { home.remove(); library.remove() }
            try library.write("notes.txt", text: Self.story)
            let (browser, opened) = try Reader.noteBrowser(in: home)
            let command = try Reader.command([library.path], home: home)
            try await TmuxSession.run(["env", "BROWSER=\(browser.path)"] + command) { reader in
                try await reader.waitFor("Release notes")
                try await reader.press("Enter")
                try await reader.waitFor("← back")
                let rows = try await reader.waitForReading("That is all.")
                let pane = readerPane(rows)
                let text = joinedText(pane)
                #expect(text.contains("The new parser is much faster"), "no asterisks on screen\n\(framed(rows))")
                #expect(!text.contains("*"))
                // The block keeps its spacing, line by line, and its blank line.
                let command = pane.firstIndex { $0.contains("$ byline   fetch --jobs 4") }
                #expect(command != nil, "\n\(framed(rows))")
                if let command {
                    #expect(pane[command + 1].isEmpty)
                    #expect(pane[command + 2].hasPrefix("done   in    2.1 s"))
                }
                #expect(!rows.joined().contains("pwned"), "an escape sequence in the block never reaches the terminal")
                #expect(text.contains("[image: Benchmark chart for the new parser] [1]"))

                // Bold and italic arrive as terminal attributes (SGR 1 and 3).
                let styled = try await reader.styledScreen()
                let line = styled.first { $0.contains("faster") } ?? ""
                #expect(line.contains("\u{1B}[1m") || line.contains(";1m"), "bold: \(line.debugDescription)")
                #expect(line.contains("\u{1B}[3m") || line.contains(";3m"), "italic: \(line.debugDescription)")

                // The image is a link like any other: Tab selects it and o opens it.
                try await reader.press("Tab")
                try await reader.press("o")
                try await reader.waitFor("Opened https://example.org/chart.png")
            }
            #expect(try String(contentsOf: opened, encoding: .utf8) == "https://example.org/chart.png\n")
        }
    
        /// `byline show` prints the block whole (no wrap, no cut), the words without marks,
        /// and the image with its address in the list of links.
        @Test func showPrintsTheStoryReadably() async throws {
            let home = try ScratchFolder(prefix: "home")
            let library = try ScratchFolder(prefix: "library")
            defer { home.remove(); library.remove() }
            try library.write("notes.txt", text: Self.story)
            let path = library.url.appendingPathComponent("notes.txt").path
            let shown = try await runProgram(try #require(Reader.binary), ["show", path, "--width", "30"],
                                             environment: Reader.environment(home: home))
            let lines = shown.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(shown.status == 0)
            #expect(lines.contains("  $ byline   fetch --jobs 4"))
            #expect(lines.contains("  done   in    2.1 s"), "escape sequence gone, spacing kept")
            #expect(!shown.standardOutput.contains("*"))
            #expect(!shown.standardOutput.contains("\u{1B}"))
            #expect(joinedText(lines.map(String.init)).contains("The new parser is much faster"))
            #expect(lines.contains { $0.hasPrefix("[image: Benchmark chart") })
            #expect(lines.contains("[1] https://example.org/chart.png"))
        }
    }
}
