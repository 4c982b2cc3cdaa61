import Foundation
import Testing
import TestSupport

extension EndToEnd {
    /// `byline extract` prints a hostile page's story with nothing that could drive the
    /// terminal: no escape sequences, no 8-bit controls, no bidi override.
    @Suite(EndToEnd.needsBinary)
    struct ExtractOutput {
        private static let page = """
            <html><head><title>Title \u{202E}reversed\u{202C} here</title></head><body><article>
            <h1>Title \u{202E}reversed\u{202C} here</h1>
            <p>The council met on Tuesday \u{9D}0;owned window\u{9C} to discuss the budget for the \
            coming year, and agreed \u{1B}]0;retitled\u{07} on most points after a long debate.</p>
            <p>Residents \u{202E}spoke\u{202C} for and against \u{90}qdcs-payload\u{9C} the plan, which \
            now goes to a public consultation lasting until the spring.</p>
            </article></body></html>
            """

        private func extract(_ arguments: [String]) async throws -> ProgramOutput {
            let home = try ScratchFolder(prefix: "home")
            defer { home.remove() }
            let binary = try #require(Reader.binary)
            let file = try home.write("page.html", text: Self.page)
            return try await runProgram(binary, ["extract", file.path] + arguments,
                                        environment: Reader.environment(home: home))
        }

        private func expectNothingThatDrivesATerminal(_ output: String) {
            let bad = output.unicodeScalars.filter {
                ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value)
                    || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value)
            }
            #expect(bad.isEmpty, "\(bad.map { String($0.value, radix: 16) })")
            // A closed 8-bit OSC goes whole, payload included.
            #expect(!output.contains("retitled"), "an OSC payload printed")
            #expect(!output.contains("owned window") && !output.contains("dcs-payload"), "an 8-bit string's payload printed")
        }

        @Test(arguments: [[], ["--text"]])
        func hostilePageIsPrintedSafely(arguments: [String]) async throws {
            let run = try await extract(arguments)

            #expect(run.status == 0, "stderr: \(run.standardError)")
            #expect(run.standardOutput.contains("The council met on Tuesday"))
            #expect(run.standardOutput.contains("spoke"))
            expectNothingThatDrivesATerminal(run.standardOutput)
        }

        @Test func aHostileFileNameInAnErrorIsPrintedSafely() async throws {
            let home = try ScratchFolder(prefix: "home")
            defer { home.remove() }
            let binary = try #require(Reader.binary)
            let run = try await runProgram(binary, ["extract", "/nonexistent/\u{1B}]0;retitled\u{07}\u{202E}x.html"],
                                           environment: Reader.environment(home: home))

            #expect(run.status != 0)
            #expect(run.standardError.contains("no such file"), "\(run.standardError)")
            expectNothingThatDrivesATerminal(run.standardError)
        }

        /// `byline extract URL` reads a page the way the reader and `fetch` do, and says
        /// plainly when what is at the address is no story.
        @Test func aFetchedAddressThatIsNoStorySaysWhy() async throws {
            let server = try LoopbackServer()
            defer { server.stop() }
            server.route("/report.pdf", LoopbackServer.Route(contentType: "application/pdf", body: "%PDF-1.4"))
            server.route("/empty", LoopbackServer.Route(contentType: "text/html", body: "<html><body><img src=a.png></body></html>"))
            server.route("/story", LoopbackServer.Route(contentType: "text/html; charset=utf-8", body: Self.page))
            let home = try ScratchFolder(prefix: "home")
            defer { home.remove() }
            let binary = try #require(Reader.binary)
            func extract(_ path: String) async throws -> ProgramOutput {
                try await runProgram(binary, ["extract", server.url(path), "--text"], environment: Reader.environment(home: home))
            }

            let pdf = try await extract("/report.pdf")
            #expect(pdf.status != 0)
            #expect(pdf.standardError == "byline: \(server.url("/report.pdf")): not a web page (application/pdf)\n")
            let empty = try await extract("/empty")
            #expect(empty.status != 0)
            #expect(empty.standardError == "byline: \(server.url("/empty")): no story text found on the page\n")
            let story = try await extract("/story")
            #expect(story.status == 0, "stderr: \(story.standardError)")
            #expect(story.standardOutput.contains("The council met on Tuesday"))
        }
    }
}
