/// One grapheme cluster of wrapped text, with its width and the span it came from.
struct Glyph {
    let character: Character
    let width: Int
    let span: Int
}

/// The pieces a line is built from: a word never breaks unless it is wider than the line.
///
/// Words and spaces are ranges into one shared glyph array, so tokenising a long story
/// allocates one array rather than one per word.
enum WrapToken {
    case word(Range<Int>, width: Int)
    case spaces(Range<Int>)
    case lineBreak
}

extension TextWrapper {
    /// Splits spans into glyphs, and those into words, runs of spaces and line breaks,
    /// sanitising the text first.
    ///
    /// Consecutive words with no space between them mark a break opportunity between wide
    /// characters, as in "日本" → "日", "本".
    static func tokens(of spans: [StyledSpan]) -> (glyphs: [Glyph], tokens: [WrapToken]) {
        var tokenizer = Tokenizer()
        for (index, span) in spans.enumerated() {
            for character in VisibleText.sanitize(span.text, keepingNewlines: true) {
                // Compare ASCII values: Character equality goes through Unicode comparison.
                switch character.asciiValue {
                case 0x0A:
                    tokenizer.lineBreak()
                case 0x20:
                    tokenizer.space(span: index)
                default:
                    let glyph = Glyph(character: character, width: DisplayWidth.of(character), span: index)
                    tokenizer.visible(glyph)
                }
            }
        }
        tokenizer.finish()
        return (tokenizer.glyphs, tokenizer.tokens)
    }

    /// The tokeniser's state: a struct with mutating methods rather than local closures,
    /// whose captured variables would be boxed and access-checked on every glyph.
    private struct Tokenizer {
        var glyphs: [Glyph] = []
        var tokens: [WrapToken] = []
        var wordStart = 0
        var wordWidth = 0
        var spaceStart = 0
        var inSpaces = false

        mutating func lineBreak() {
            finish()
            tokens.append(.lineBreak)
        }

        mutating func space(span: Int) {
            if !inSpaces {
                flushWord()
                spaceStart = glyphs.count
                inSpaces = true
            }
            glyphs.append(Glyph(character: " ", width: 1, span: span))
        }

        mutating func visible(_ glyph: Glyph) {
            if inSpaces {
                flushSpaces()
            } else if let previous = glyphs.last, wordStart < glyphs.count,
                      TextWrapper.canBreak(between: previous, and: glyph) {
                flushWord()
            }
            glyphs.append(glyph)
            wordWidth += glyph.width
        }

        mutating func finish() {
            flushWord()
            flushSpaces()
        }

        private mutating func flushWord() {
            if wordStart < glyphs.count && !inSpaces {
                tokens.append(.word(wordStart..<glyphs.count, width: wordWidth))
            }
            wordStart = glyphs.count
            wordWidth = 0
        }

        private mutating func flushSpaces() {
            if inSpaces { tokens.append(.spaces(spaceStart..<glyphs.count)) }
            inSpaces = false
            wordStart = glyphs.count
        }
    }

    /// Whether a line may break between two adjacent non-space glyphs.
    fileprivate static func canBreak(between left: Glyph, and right: Glyph) -> Bool {
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
