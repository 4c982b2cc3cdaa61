import BylineCore
import Foundation

/// What search reads of a story: its headline, source and text, each with a weight.
///
/// A word in the headline counts three times, in the source or kicker twice, so a story
/// about a thing ranks above one that mentions it in passing. Links keep only their words.
public struct SearchDocument: Sendable {
    public struct Field: Sendable {
        public var text: String
        public var weight: UInt32
    }

    public var title: String
    public var source: String
    public var published: Date?
    public var fields: [Field]

    public init(story: Story) {
        title = story.title
        source = story.displaySource ?? ""
        published = story.publishedDate
        fields = [Field(text: story.title, weight: 3), Field(text: source, weight: 2)]
        if let kicker = story.kicker { fields.append(Field(text: kicker, weight: 2)) }
        if let author = story.author { fields.append(Field(text: author, weight: 1)) }
        for block in story.body {
            let text: String
            switch block {
            case .paragraph(let s), .quote(let s), .listItem(let s, _): text = InlineText.plain(s)
            case .subheading(let s), .preformatted(let s): text = s
            case .readMore(let link): text = link.title
            // The word "image" too, as the file says it, so both ways of indexing agree.
            case .image(let alt, _): text = "image " + alt
            }
            fields.append(Field(text: text, weight: 1))
        }
    }

    /// Whether `text` may hold an inline link (`](`): a byte scan, much cheaper than the
    /// Foundation search `InlineText.plain` starts with.
    static func hasLinkMarkup(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == UInt8(ascii: "]") && byte == UInt8(ascii: "(") { return true }
            previous = byte
        }
        return false
    }

    /// Whether the words of `phrase` stand next to each other, in order, within one field.
    public func contains(phrase: [String], tokenizer: inout SearchTokenizer) -> Bool {
        guard !phrase.isEmpty else { return true }
        let wanted = phrase.map { Array($0.utf8) }
        for field in fields {
            // Positions where the phrase matched so far, as a set of lengths reached.
            var reached: [Int] = []
            var found = false
            tokenizer.forEachWord(in: field.text) { word in
                guard !found else { return }
                var next: [Int] = []
                for length in reached + [0] where wanted[length].elementsEqual(word) {
                    if length + 1 == wanted.count { found = true; return }
                    next.append(length + 1)
                }
                reached = next
            }
            if found { return true }
        }
        return false
    }
}
