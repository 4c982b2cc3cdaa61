import BylineCore
import Testing
@testable import StorySearch

/// Search reads the words of bold and italic text, preformatted blocks and image lines,
/// never their marks.
@Suite struct RichTextSearchTests {
    static let story = Story(title: "Rich text", body: [
        .paragraph("Some **bold** words and *italic* ones."),
        .preformatted("let  total = 1"),
        .image(alt: "Crowds in the square", url: "https://example.org/crowd.jpg"),
    ])

    @Test func fieldsHoldPlainWords() {
        let text = SearchDocument(story: Self.story).fields.map(\.text).joined(separator: " ")
        #expect(text.contains("Some bold words and italic ones."))
        #expect(text.contains("let  total = 1"))
        #expect(text.contains("Crowds in the square"))
        #expect(!text.contains("**"))
    }

    @Test func theFileAndTheParsedStoryGiveTheSameWords() throws {
        let file = StoryFileWriter.write(Self.story)
        let fromBytes = try #require(SearchDocument(fileBytes: Array(file.utf8)))
        var tokenizer = SearchTokenizer()
        func words(_ document: SearchDocument) -> [String] {
            var found: [String] = []
            for field in document.fields.dropFirst(2) {
                tokenizer.forEachWord(in: field.text) { found.append(String(decoding: $0, as: UTF8.self)) }
            }
            return found
        }
        #expect(words(fromBytes) == words(SearchDocument(story: Self.story)))
    }
}
