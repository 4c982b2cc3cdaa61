/// Wraps styled text into lines of a given width in terminal cells.
///
/// Lines break at spaces; CJK and other wide text may also break between any two wide
/// characters (except before closing or after opening punctuation). A word wider than the
/// line is cut between grapheme clusters, so combining marks stay with their base and an
/// emoji sequence is never split. Spaces at the start and end of a line are dropped; `\n`
/// ends a paragraph, and an empty paragraph gives an empty line. Every output line fits
/// in `width` cells, except a lone character wider than the line itself. Width below 1 counts
/// as 1, so wrapping always terminates.
public enum TextWrapper {
    /// Wraps spans into lines of spans, each span keeping its style and tag.
    ///
    /// The first line of each paragraph is indented by `indent` cells and the others by
    /// `hangingIndent` (each capped at `width - 1` so text always has room). Indentation is
    /// a leading span of spaces, untagged, in the line's first style without attributes,
    /// so background colours carry on but underlines do not. Empty lines are `[]`.
    public static func wrap(_ spans: [StyledSpan], width: Int, indent: Int = 0, hangingIndent: Int = 0) -> [[StyledSpan]] {
        let width = max(1, width)
        var lines: [[StyledSpan]] = []
        var line: [Glyph] = []
        var column = 0
        var pendingSpaces = 0..<0  // spaces seen since the last word, into `glyphs`
        var paragraphStart = true
        var lineIndent: Int { min(max(0, paragraphStart ? indent : hangingIndent), width - 1) }
        var available: Int { width - lineIndent }

        func finishLine(endsParagraph: Bool) {
            lines.append(makeSpans(line, indent: lineIndent, spans: spans))
            line.removeAll(keepingCapacity: true)
            column = 0
            pendingSpaces = 0..<0
            paragraphStart = endsParagraph
        }

        let (glyphs, tokens) = tokens(of: spans)
        for token in tokens {
            switch token {
            case .lineBreak:
                finishLine(endsParagraph: true)
            case .spaces(let range):
                if !line.isEmpty { pendingSpaces = range }
            case .word(let range, let wordWidth):
                if !line.isEmpty && column + pendingSpaces.count + wordWidth > available {
                    finishLine(endsParagraph: false)
                }
                line += glyphs[pendingSpaces]
                column += pendingSpaces.count
                pendingSpaces = 0..<0
                for glyph in glyphs[range] {
                    // Only a word wider than the whole line gets here with glyphs to spare.
                    if !line.isEmpty && column + glyph.width > available {
                        finishLine(endsParagraph: false)
                    }
                    line.append(glyph)
                    column += glyph.width
                }
            }
        }
        if !line.isEmpty { finishLine(endsParagraph: true) }
        return lines
    }

    /// Wraps plain text into lines of at most `width` cells.
    public static func wrap(_ text: String, width: Int) -> [String] {
        wrap([StyledSpan(text: text)], width: width).map(\.plainText)
    }

    // MARK: - Lines from glyphs

    /// Turns a line's glyphs back into spans, merging neighbours with equal style and tag.
    private static func makeSpans(_ glyphs: [Glyph], indent: Int, spans: [StyledSpan]) -> [StyledSpan] {
        guard let first = glyphs.first else { return [] }
        var result: [StyledSpan] = []
        if indent > 0 {
            var style = spans[first.span].style
            style.attributes = []
            result.append(StyledSpan(text: String(repeating: " ", count: indent), style: style))
        }
        var text = ""
        var current = first.span
        for glyph in glyphs {
            let source = spans[glyph.span]
            if glyph.span != current && (source.style != spans[current].style || source.tag != spans[current].tag) {
                result.append(StyledSpan(text: text, style: spans[current].style, tag: spans[current].tag))
                text = ""
                current = glyph.span
            }
            text.append(glyph.character)
        }
        result.append(StyledSpan(text: text, style: spans[current].style, tag: spans[current].tag))
        return result
    }
}
