/// Writes a story in the story-file format, always with a header block.
///
/// Everything is written so that `StoryFileParser` reads it back unchanged: a body line
/// the parser would take for something else (a paragraph that looks like a subheading, a
/// paragraph starting `- `, a line of backticks, an `[image: …]` line) is escaped with a
/// leading backslash. A preformatted block is fenced with more backticks than any line in it.
///
/// Sizes are bounded so that what Byline writes, Byline reads: a header value is cut at
/// `largestHeaderValue` bytes, and body blocks stop before the file would pass
/// `largestFile`, the one limit every reader of story files uses. Bidi overrides and
/// isolates are left out, as every other saving path leaves them out: they make a line
/// read differently from its bytes.
public enum StoryFileWriter {
    /// The largest story file Byline writes or reads.
    public static let largestFile = 16 * 1024 * 1024
    /// The longest header value written, in UTF-8 bytes; a longer one is cut with "…".
    public static let largestHeaderValue = 8 * 1024
    /// The longest body line (one paragraph, quote or item) written, in UTF-8 bytes, and
    /// the most of one the reader lays out: about 40,000 words, far past any real
    /// paragraph, and wrapped in a fraction of a second.
    public static let largestLine = 256 * 1024

    public static func write(_ story: Story) -> String {
        var out = ""
        func header(_ name: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            out += name + ": " + cut(oneLine(value), to: largestHeaderValue) + "\n"
        }
        header("Title", story.title.isEmpty ? "Untitled" : story.title)
        header("Kicker", story.kicker)
        header("Source", story.source)
        header("Author", story.author)
        header("Published", story.published)
        header("Updated", story.updated)
        header("URL", story.url)
        header("Feed", story.feed)
        header("ID", story.id)
        header("Summary", story.summary)
        header("Language", story.language)
        header("Image", story.image)
        for link in story.related {
            let title = oneLine(link.title)
            if let url = link.url {
                header("Related", title.isEmpty ? url : url + " " + title)
            } else if !title.isEmpty {
                // A title that starts like a URL would be read back as one.
                header("Related", title)
            }
        }
        for field in story.otherHeaders where !field.name.isEmpty {
            out += cut(field.name, to: 200) + ": " + cut(oneLine(field.value), to: largestHeaderValue) + "\n"
        }
        out += "\n"

        for (index, block) in story.body.enumerated() {
            let between = index > 0 && index < story.body.count - 1
            // Items of one list stay on consecutive lines, as people write lists.
            var text = ""
            if index > 0 && !(block.isListItem && story.body[index - 1].isListItem) { text += "\n" }
            text += line(for: block, between: between, isLast: index == story.body.count - 1 && story.closingSource == nil)
            text += "\n"
            // Room is kept for the closing note and source line.
            guard out.utf8.count + text.utf8.count <= largestFile - 2 * largestHeaderValue - 100 else {
                out += "\n[The rest of this story is not kept: it is longer than Byline keeps.]\n"
                break
            }
            out += text
        }
        if let source = story.closingSource {
            if !story.body.isEmpty { out += "\n" }
            out += "Source: " + oneLine(source) + "\n"
        }
        return out
    }

    private static func line(for block: StoryBlock, between: Bool, isLast: Bool) -> String {
        switch block {
        case .paragraph(let text):
            let text = oneLine(text)
            return readsAsParagraph(text, between: between, isLast: isLast) ? text : "\\" + text
        case .subheading(let text):
            let text = oneLine(text)
            return between && StoryFileFormat.looksLikeSubheading(Substring(text))
                && readsAsParagraph(text, between: false, isLast: false) ? text : "## " + text
        case .quote(let text):
            return "> " + oneLine(text)
        case .listItem(let text, let ordinal):
            return (ordinal.map { "\($0). " } ?? "- ") + oneLine(text)
        case .readMore(let link):
            let title = oneLine(link.title)
            return "READ MORE: " + (link.url.map { InlineText.markup(text: title, url: $0) } ?? title)
        case .preformatted(let text):
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(verbatimLine)
            let fence = StoryFileFormat.fence(for: lines.joined(separator: "\n"))
            return ([fence] + lines + [fence]).joined(separator: "\n")
        case .image(let alt, let url):
            return StoryFileFormat.imageLine(alt: oneLine(alt), url: url.map(oneLine))
        }
    }

    /// A line of a preformatted block as it is, but for what would change how it reads: a
    /// carriage return, bidi controls, and length past `largestLine`.
    private static func verbatimLine(_ line: Substring) -> String {
        var line = String(line.utf8.last == 13 ? Substring(line.utf8.dropLast()) : line)
        if line.unicodeScalars.contains(where: isBidiControl) {
            line = String(String.UnicodeScalarView(line.unicodeScalars.filter { !isBidiControl($0) }))
        }
        return cut(line, to: largestLine)
    }

    /// Whether the parser, seeing `text` alone in a paragraph, reads a paragraph.
    private static func readsAsParagraph(_ text: String, between: Bool, isLast: Bool) -> Bool {
        let line = Substring(text)
        if text.first == "\\" || text.first == ">" || text.first == " " { return false }
        if StoryFileFormat.listItem(line) != nil || StoryFileFormat.markedSubheading(line) != nil { return false }
        if StoryFileFormat.readMore(line) != nil { return false }
        if StoryFileFormat.fence(line) != nil || StoryFileFormat.image(line) != nil { return false }
        if isLast, StoryFileFormat.closingSource(line) != nil { return false }
        if between, StoryFileFormat.looksLikeSubheading(line) { return false }
        return true
    }

    /// Header values and body lines are single lines; stray line breaks become spaces,
    /// bidi overrides and isolates go, and a line past `largestLine` is cut.
    private static func oneLine(_ text: String) -> String {
        // Cut first, with room to spare, so the work below is on what is kept.
        var text = text.utf8.count > largestLine + 1024 ? cut(text, to: largestLine + 1024) : text
        if text.unicodeScalars.contains(where: isBidiControl) {
            text = String(String.UnicodeScalarView(text.unicodeScalars.filter { !isBidiControl($0) }))
        }
        let single: String
        // Most lines are plain ASCII with no line break, which the bytes tell at once;
        // asking each character cost a fetch a fiftieth of its time.
        if text.utf8.contains(where: { $0 >= 0x80 || (0x0A...0x0D).contains($0) }), text.contains(where: { $0.isNewline }) {
            single = text.split(whereSeparator: { $0.isNewline }).map { $0.trimmingSpaces }
                .filter { !$0.isEmpty }.joined(separator: " ")
        } else {
            single = String(text.trimmingSpaces)
        }
        return cut(single, to: largestLine)
    }

    private static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    /// `text` cut to at most `limit` UTF-8 bytes at a character boundary, with "…".
    public static func cut(_ text: String, to limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        // Back to a character boundary, so no scalar or cluster is split.
        var end = text.utf8.index(text.utf8.startIndex, offsetBy: limit - 3)
        while end > text.startIndex, end.samePosition(in: text) == nil { end = text.utf8.index(before: end) }
        return String(text[..<end]) + "…"
    }
}
