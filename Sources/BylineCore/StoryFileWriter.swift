/// Writes a story in the story-file format, always with a header block.
///
/// Everything is written so that `StoryFileParser` reads it back unchanged: a body line
/// the parser would take for something else (a paragraph that looks like a subheading, a
/// paragraph starting `- `) is escaped with a leading backslash.
public enum StoryFileWriter {
    public static func write(_ story: Story) -> String {
        var out = ""
        func header(_ name: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            out += name + ": " + oneLine(value) + "\n"
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
            out += field.name + ": " + oneLine(field.value) + "\n"
        }
        out += "\n"

        for (index, block) in story.body.enumerated() {
            let between = index > 0 && index < story.body.count - 1
            // Items of one list stay on consecutive lines, as people write lists.
            if index > 0 && !(block.isListItem && story.body[index - 1].isListItem) { out += "\n" }
            out += line(for: block, between: between, isLast: index == story.body.count - 1 && story.closingSource == nil)
            out += "\n"
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
        }
    }

    /// Whether the parser, seeing `text` alone in a paragraph, reads a paragraph.
    private static func readsAsParagraph(_ text: String, between: Bool, isLast: Bool) -> Bool {
        let line = Substring(text)
        if text.first == "\\" || text.first == ">" || text.first == " " { return false }
        if StoryFileFormat.listItem(line) != nil || StoryFileFormat.markedSubheading(line) != nil { return false }
        if StoryFileFormat.readMore(line) != nil { return false }
        if isLast, StoryFileFormat.closingSource(line) != nil { return false }
        if between, StoryFileFormat.looksLikeSubheading(line) { return false }
        return true
    }

    /// Header values and body lines are single lines; stray line breaks become spaces.
    private static func oneLine(_ text: String) -> String {
        guard text.contains(where: { $0.isNewline }) else { return String(text.trimmingSpaces) }
        return text.split(whereSeparator: { $0.isNewline }).map { $0.trimmingSpaces }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}
