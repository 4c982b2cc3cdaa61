import Foundation
import Testing
import TestSupport

extension EndToEnd {
    /// A link that leads to something other than a story (a PDF, a site's home page) is
    /// never saved as one; the reader says what it is and `o` offers it to the browser.
    @Suite(EndToEnd.needsTmux)
    struct LinksThatBehave {
        @Test func aLinkToAPDFIsNotSavedAndTheReaderSaysWhatItIs() async throws {
            let server = try LoopbackServer()
            defer { server.stop() }
            server.route("/report.pdf", LoopbackServer.Route(headers: ["Content-Type": "application/pdf"],
                                                              body: Data("%PDF-1.7\n1 0 obj <<>> endobj\n".utf8)))
            server.route("/", WebPages.article(title: "Loopback News front page"))
            let home = try ScratchFolder(prefix: "home")
            let library = try ScratchFolder(prefix: "library")
            defer { home.remove(); library.remove() }
            try library.write("budget.txt", text: """
                Title: Budget story
                Published: 2026-11-18T10:00:00Z

                The full [budget report](\(server.url("/report.pdf"))) runs to 400 pages; the [front page](\(server.url("/"))) has more.
                """)
            // A browser that only notes the address it was given.
            let (browser, opened) = try Reader.noteBrowser(in: home)
            let command = try Reader.command([library.path], home: home)
            try await TmuxSession.run(["env", "BROWSER=\(browser.path)"] + command) { reader in
                try await reader.waitFor("Budget story")
                try await reader.press("Enter")
                try await reader.waitFor("← back")
                try await reader.press("1")
                try await reader.waitFor("is a PDF document: not saved; o opens it in the browser")
                try await reader.press("o")
                try await reader.waitFor("Opened \(server.url("/report.pdf"))")
                try await reader.press("2")
                try await reader.waitFor("is a site's home page, not a story: not saved")
            }
            #expect(try String(contentsOf: opened, encoding: .utf8) == server.url("/report.pdf") + "\n")
            let fetched = library.url.appendingPathComponent("fetched").path
            let saved = (try? FileManager.default.contentsOfDirectory(atPath: fetched)) ?? []
            #expect(saved.isEmpty, "nothing that is not a story is saved: \(saved)")
            #expect(server.requests(for: "/report.pdf").count == 1)
        }

        /// `o` with a terminal browser: it gets the keyboard, and the screen comes back after.
        @Test func aTerminalBrowserGetsTheTerminalAndTheScreenComesBack() async throws {
            let home = try ScratchFolder(prefix: "home")
            let library = try ScratchFolder(prefix: "library")
            defer { home.remove(); library.remove() }
            try library.write("story.txt", text: "Title: Harbour story\nURL: https://example.org/harbour\n\nThe harbour opened.\n")
            let answer = home.url.appendingPathComponent("answer.txt")
            let browser = home.url.appendingPathComponent("tiny-browser")
            try """
                #!/bin/sh
                printf 'TINY BROWSER showing %s; type a word: ' "$1"
                read word
                echo "$word" > \(answer.path)
                """.write(to: browser, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: browser.path)
            let config = home.url.appendingPathComponent("config/byline")
            try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
            try "[browser]\ncommand = \"\(browser.path) %s\"\nterminal = true\n\n[keys]\nquit = \"x\"\n"
                .write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
            try await TmuxSession.run(try Reader.command([library.path], home: home), keepsExitedPane: true) { reader in
                try await reader.waitFor("Harbour story")
                try await reader.press("o")
                try await reader.waitFor("TINY BROWSER showing https://example.org/harbour")
                try await reader.type("harbour")
                try await reader.press("Enter")
                try await reader.waitFor("Opened https://example.org/harbour with")
                // Rebound in config.toml: q no longer quits, x does.
                try await reader.press("q")
                try await reader.waitFor("Harbour story")
                try await reader.press("x")
                #expect(try await reader.waitForExit() == 0)
            }
            #expect(try String(contentsOf: answer, encoding: .utf8) == "harbour\n", "the browser read the keyboard")
        }
    }
}
