import BylineCore
import Foundation
import Testing
@testable import BylineStore

/// Related links resolve against a library as it loads from disk.
@Suite struct LoadedLibraryLinkTests {
    @Test func resolvesTheSeedsReadMoreLinksInALoadedLibrary() throws {
        let temp = try TemporaryLibrary()
        try temp.writeStory("shadow.txt", title: "Even in death, Iran's Soleimani still casts a long shadow")
        try temp.write("seed.txt", """
            Fast News

            The crowd called for the expulsion of remaining American forces.

            READ MORE: Even in death, Iran’s Soleimani still casts a long shadow
            """)
        let contents = try temp.library.load()
        let seed = try #require(contents.entries.first { $0.id.path == "seed.txt" })

        let resolver = RelatedLinkIndex(contents.entries.map(\.summary))

        #expect(seed.relatedLinks.map(resolver.resolve) == [StoryID("shadow.txt")])
    }
}
