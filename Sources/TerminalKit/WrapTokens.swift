/// One grapheme cluster of wrapped text, with its width and the span it came from.
struct Glyph {
    let character: Character
    let width: Int
    let span: Int
}

/// The pieces a line is built from: a word never breaks unless it is wider than the line.
enum WrapToken {
    case word([Glyph], width: Int)
    case spaces([Glyph])
    case lineBreak
}

extension TextWrapper {
    /// Splits spans into words, runs of spaces and line breaks, sanitising the text first.
    ///
    /// Consecutive words with no space between them mark a break opportunity between wide
    /// characters, as in "日本" → "日", "本".
    static func tokens(of spans: [StyledSpan]) -> [WrapToken] {
        var tokens: [WrapToken] = []
        var word: [Glyph] = []
        var wordWidth = 0
        var spaces: [Glyph] = []

        func flushWord() {
            if !word.isEmpty { tokens.append(.word(word, width: wordWidth)) }
            word = []
            wordWidth = 0
        }
        func flushSpaces() {
            if !spaces.isEmpty { tokens.append(.spaces(spaces)) }
            spaces = []
        }

        for (index, span) in spans.enumerated() {
            for character in VisibleText.sanitize(span.text, keepingNewlines: true) {
                switch character {
                case "\n":
                    flushWord()
                    flushSpaces()
                    tokens.append(.lineBreak)
                case " ":
                    flushWord()
                    spaces.append(Glyph(character: " ", width: 1, span: index))
                default:
                    let glyph = Glyph(character: character, width: DisplayWidth.of(character), span: index)
                    if let previous = word.last, canBreak(between: previous, and: glyph) { flushWord() }
                    flushSpaces()
                    word.append(glyph)
                    wordWidth += glyph.width
                }
            }
        }
        flushWord()
        flushSpaces()
        return tokens
    }

    /// Whether a line may break between two adjacent non-space glyphs.
    private static func canBreak(between left: Glyph, and right: Glyph) -> Bool {
        guard left.width == 2 || right.width == 2 else { return false }
        return !closingPunctuation.contains(right.character) && !openingPunctuation.contains(left.character)
    }

    /// Characters that must not start a line (CJK line-breaking rules, kinsoku).
    private static let closingPunctuation: Set<Character> = Set(
        "、。，．：；！？）」』】〕〉》〙〗｝］ー…・ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ,.;:!?)]}%"
    )

    /// Characters that must not end a line.
    private static let openingPunctuation: Set<Character> = Set("（「『【〔〈《〘〖｛［([{")
}
