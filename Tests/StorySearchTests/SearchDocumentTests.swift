import BylineCore
import Foundation
import Testing
@testable import StorySearch

@Suite struct SearchDocumentTests {
    private func words(_ document: SearchDocument) -> Set<String> {
        var tokenizer = SearchTokenizer()
        return Set(document.fields.flatMap { tokenizer.words(in: $0.text) })
    }

    private let file = """
        Title: Council approves rail link\r
        Kicker: Transport\r
        Published: 2024-03-02T10:00:00Z\r
        URL: https://example.org/rail\r
        \r
        The [new line](https://example.org/plans) runs north of Genève.\r
        \r
        READ MORE: Harbour expansion delayed\r
        \r
        Source: Civic Record\r

        """

    @Test func readsAHeaderedFileLikeTheParserDoes() throws {
        let fast = try #require(SearchDocument(fileBytes: Array(file.utf8)))
        let parsed = SearchDocument(story: try StoryFileParser.parse(Array(file.utf8)).get())
        #expect(fast.title == parsed.title)
        #expect(fast.source == "Civic Record" && parsed.source == "Civic Record")
        #expect(fast.published == parsed.published)
        // The same words, except the "READ MORE" label the parser takes off.
        #expect(words(fast).subtracting(["read", "more"]) == words(parsed))
        #expect(!words(fast).contains("https") && words(fast).contains("geneve"))
    }

    @Test func leavesFilesWithoutHeadersOrTitleToTheParser() {
        #expect(SearchDocument(fileBytes: Array("Fast News\n\nThe crowd gathered.\n".utf8)) == nil)
        #expect(SearchDocument(fileBytes: Array("Source: Somewhere\n\nText.\n".utf8)) == nil)
        #expect(SearchDocument(fileBytes: [0x54, 0x69, 0x74, 0x6C, 0x65, 0x3A, 0x20, 0xFF, 0x0A]) == nil)
        #expect(SearchDocument(fileBytes: []) == nil)
    }
}
