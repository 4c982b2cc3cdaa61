import Testing
@testable import StorySearch

@Suite struct SearchTokenizerTests {
    private func words(_ text: String) -> [String] {
        var tokenizer = SearchTokenizer()
        return tokenizer.words(in: text)
    }

    @Test func splitsOnAnythingButLettersAndDigits() {
        #expect(words("The Council's 3rd vote—delayed, again!") == ["the", "council", "s", "3rd", "vote", "delayed", "again"])
    }

    @Test func foldsCaseAndDiacritics() {
        #expect(words("Café São Paulo ÉCOLE naïve") == ["cafe", "sao", "paulo", "ecole", "naive"])
        #expect(words("Straße STRASSE") == ["strasse", "strasse"])
        #expect(words("Øresund Łódź Æther") == ["oresund", "lodz", "aether"])
        #expect(words("ΣΟΦΙΑ σοφία") == ["σοφια", "σοφια"])
        #expect(words("Ｔｏｋｙｏ ﬁnance") == ["tokyo", "finance"])
    }

    @Test func decomposedAccentsFoldLikeComposedOnes() {
        #expect(words("Cafe\u{301}") == words("Café"))
    }

    @Test func cjkRunsBecomeOverlappingPairs() {
        #expect(words("東京都の天気") == ["東京", "京都", "都の", "の天", "天気"])
        #expect(words("In 東京 today") == ["in", "東京", "today"])
        #expect(words("雨") == ["雨"])
        #expect(words("서울시") == ["서울", "울시"])
    }

    @Test func otherScriptsWrittenWithoutSpacesAreWholeRuns() {
        // As the README says: Thai is not split into pairs, so a run is found only whole.
        let thai = words("ข่าวภาษาไทย วันนี้")
        #expect(thai.count == 2)
        #expect(thai.first == words("ข่าวภาษาไทย").first)
        #expect(!thai.contains(words("ภาษา").first ?? ""))
    }

    @Test func invalidBytesSeparateWords() {
        let bytes: [UInt8] = Array("abc".utf8) + [0xFF, 0xC3] + Array("def".utf8)
        var tokenizer = SearchTokenizer()
        var out: [String] = []
        bytes.withUnsafeBufferPointer { tokenizer.forEachWord(inUTF8: $0) { out.append(String(decoding: $0, as: UTF8.self)) } }
        #expect(out == ["abc", "def"])
    }

    @Test func veryLongWordsAreCutAtACharacterBoundary() {
        let long = String(repeating: "é", count: 40)
        let word = words(long)[0]
        #expect(word == String(repeating: "e", count: 40))
        let cut = words(String(repeating: "ж", count: 40))[0]
        #expect(cut.utf8.count <= SearchTokenizer.longestWord)
        #expect(cut == String(repeating: "ж", count: 24))
    }
}

@Suite struct SearchQueryTests {
    @Test func wordsAndQuotedPhrases() {
        let query = SearchQuery.parse(#"Rail "flood Défences" budget"#)
        #expect(query.words.map(\.text) == ["rail", "flood", "defences", "budget"])
        #expect(query.phrases == [["flood", "defences"]])
        #expect(query.words.allSatisfy { !$0.isPrefix })
    }

    @Test func theLastWordIsAPrefixWhileTyping() {
        #expect(SearchQuery.parse("harbour exp", asYouType: true).words == [.init("harbour"), .init("exp", isPrefix: true)])
        #expect(SearchQuery.parse("harbour exp ", asYouType: true).words == [.init("harbour"), .init("exp")])
        #expect(SearchQuery.parse("harbour exp").words == [.init("harbour"), .init("exp")])
        #expect(SearchQuery.parse("harb* exp").words == [.init("harb", isPrefix: true), .init("exp")])
    }

    @Test func anUnfinishedQuoteIsAPhraseSoFar() {
        let query = SearchQuery.parse(#"water "new rail"#, asYouType: true)
        #expect(query.phrases == [["new", "rail"]])
        #expect(!query.words.contains { $0.isPrefix })
    }

    @Test func aLoneCJKCharacterMatchesThePairsItBegins() {
        #expect(SearchQuery.parse("東").words == [.init("東", isPrefix: true)])
        #expect(SearchQuery.parse("東京").words == [.init("東京")])
    }

    @Test func emptyAndPunctuationOnlyQueriesAreEmpty() {
        #expect(SearchQuery.parse("").isEmpty)
        #expect(SearchQuery.parse(" -- \"\" ").isEmpty)
    }
}

@Suite struct PostingListTests {
    @Test func roundTrip() {
        let postings = [PostingList.Posting(story: 3, count: 1), .init(story: 4, count: 300), .init(story: 70_000, count: 2)]
        var bytes: [UInt8] = []
        PostingList.encode(postings, into: &bytes)
        #expect(bytes.count == 1 + 1 + 1 + 2 + 3 + 1)
        #expect(PostingList.decode(bytes) == postings)
    }

    @Test func damagedBytesEndTheListInsteadOfGivingWrongStories() {
        var bytes: [UInt8] = []
        PostingList.encode([.init(story: 1, count: 1), .init(story: 9, count: 1)], into: &bytes)
        // A story number past the segment's stories.
        #expect(PostingList.decode(bytes, storyCount: 5) == [.init(story: 1, count: 1)])
        // A number that never ends.
        #expect(PostingList.decode([0x81, 0x80, 0x80]) == [])
        // A gap of zero repeats a story: not ascending.
        #expect(PostingList.decode([1, 1, 0, 1]) == [.init(story: 1, count: 1)])
    }
}
