import Foundation
import Testing
import TestSupport

extension EndToEnd {
    /// Without a terminal — in a pipe or a script — `byline list` prints, and the reader
    /// says in one line why it cannot start.
    @Suite(EndToEnd.needsBinary)
    struct PipedOutput {
        @Test func listPrintsTheHeadlinesToAPipe() async throws {
            let home = try ScratchFolder(prefix: "home")
            defer { home.remove() }
            let binary = try #require(Reader.binary)
            let run = try await runProgram(binary, ["list", try Reader.seedsCopy(in: home).path], environment: Reader.environment(home: home))
            #expect(run.status == 0, "stderr: \(run.standardError)")
            let lines = run.standardOutput.split(separator: "\n")
            #expect(lines.count == 1, "one story, one line:\n\(run.standardOutput)")
            #expect(run.standardOutput.contains("The crowd called for the expulsion of remaining American forces"))
            #expect(!run.standardOutput.contains("\u{1B}"), "no escape sequences in piped output")
        }

        @Test func theReaderRefusesAPipeInOneLine() async throws {
            let home = try ScratchFolder(prefix: "home")
            defer { home.remove() }
            let binary = try #require(Reader.binary)
            let run = try await runProgram(binary, [try Reader.seedsCopy(in: home).path], environment: Reader.environment(home: home))
            #expect(run.status != 0)
            #expect(!run.timedOut)
            #expect(run.standardOutput.isEmpty, "nothing drawn into the pipe: \(run.standardOutput.debugDescription)")
            let message = run.standardError.split(separator: "\n")
            #expect(message.count == 1, "one line: \(run.standardError.debugDescription)")
            #expect(message.first?.contains("not a terminal") == true, "\(run.standardError)")
        }
    }
}
