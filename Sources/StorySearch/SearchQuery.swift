/// What a reader typed into search, as words and phrases.
///
/// Every word must be in a story for it to match; a word ending in `*` matches any word
/// it begins, and so does the last word while typing (`asYouType`), so results follow
/// each key. Text in double quotes is a phrase: its words must also stand together, in
/// order. A lone CJK character matches the pairs it begins (see `SearchTokenizer`).
public struct SearchQuery: Equatable, Sendable {
    public struct Word: Equatable, Sendable {
        /// Folded, as the index holds words.
        public var text: String
        public var isPrefix: Bool

        public init(_ text: String, isPrefix: Bool = false) {
            self.text = text
            self.isPrefix = isPrefix
        }
    }

    public var words: [Word] = []
    /// Phrases of two or more words, folded.
    public var phrases: [[String]] = []

    public init(words: [Word] = [], phrases: [[String]] = []) {
        self.words = words
        self.phrases = phrases
    }

    public var isEmpty: Bool { words.isEmpty }

    /// At most this many words count; the rest of a pasted paragraph is ignored.
    public static let mostWords = 32

    public static func parse(_ text: String, asYouType: Bool = false) -> SearchQuery {
        var tokenizer = SearchTokenizer()
        var query = SearchQuery()
        var lastIsOpen = false
        for (index, part) in text.split(separator: "\"", omittingEmptySubsequences: false).enumerated() {
            if index % 2 == 1 {
                let phrase = tokenizer.words(in: String(part))
                for word in phrase { query.add(Word(word)) }
                if phrase.count > 1 { query.phrases.append(phrase) }
                lastIsOpen = false
                continue
            }
            for chunk in part.split(whereSeparator: \.isWhitespace) {
                let words = tokenizer.words(in: String(chunk))
                for (position, word) in words.enumerated() {
                    let starred = chunk.hasSuffix("*") && position == words.count - 1
                    query.add(Word(word, isPrefix: starred || isLoneIdeograph(word)))
                }
            }
            lastIsOpen = part.last.map { !$0.isWhitespace && $0 != "*" } ?? false
        }
        if asYouType, lastIsOpen, let last = query.words.indices.last {
            query.words[last].isPrefix = true
        }
        return query
    }

    private mutating func add(_ word: Word) {
        guard words.count < Self.mostWords else { return }
        if let same = words.firstIndex(where: { $0.text == word.text }) {
            // The exact word is the stricter of the two.
            words[same].isPrefix = words[same].isPrefix && word.isPrefix
        } else {
            words.append(word)
        }
    }

    private static func isLoneIdeograph(_ word: String) -> Bool {
        let scalars = word.unicodeScalars
        return scalars.count == 1 && scalars.first.map(SearchFolding.isIdeograph) == true
    }
}
