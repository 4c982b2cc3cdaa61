import Foundation
import Testing
import TestSupport

extension EndToEnd {
    /// `byline similar FILE` of a file that is not in the library it is compared with.
    @Suite(EndToEnd.needsBinary)
    struct SimilarOfAFileOutside {
        typealias Found = SearchCommands.Found

        /// The file is not one of the library's stories, so a word it shares with just
        /// one of them is evidence: that story is listed.
        @Test func aRareWordSharedWithOneLibraryStoryFindsIt() async throws {
            let home = try ScratchFolder(prefix: "home")
            defer { home.remove() }
            try home.write("lib/a/rail.txt", text: "Title: Council approves rail link\n\nThe new rail link runs north.\n")
            try home.write("lib/b/funicular.txt", text: "Title: Hill line reopens\n\nThe funicular climbs again.\n")
            try home.write("lib/c/cafe.txt", text: "Title: Le café de la gare rouvre\n\nLes habitants de Genève fêtent.\n")
            let file = try home.write("notes/trip.txt", text: "Title: Mountain trip\n\nWe rode a funicular.\n")
            let library = home.url.appendingPathComponent("lib").path
            let binary = try #require(Reader.binary)
            let run = try await runProgram(binary, ["similar", file.path, "--library", library, "--json"],
                                           environment: Reader.environment(home: home))
            #expect(run.status == 0, "stderr: \(run.standardError)")
            let similar = try JSONDecoder().decode([Found].self, from: Data(run.standardOutput.utf8))
            #expect(similar.map(\.path) == ["b/funicular.txt"], "\(run.standardOutput)")
        }
    }
}
