extension StoryFileParser {
    /// What the library index needs of a story file, found without building its body: a
    /// story with the headers and the `READ MORE` lines (its only body blocks) and the
    /// closing source line, so `StorySummary(id:story:)` of it is that of `parse`.
    ///
    /// Indexing a library reads every file; a full parse builds every paragraph, so for a
    /// file with a header and a title this scans lines as bytes and decodes only the
    /// header and the lines that can be links. Anything else is parsed in full.
    public static func parseForIndex(_ bytes: [UInt8]) -> Result<Story, StoryFileProblem> {
        if bytes.isEmpty { return .failure(.empty) }
        if let nul = bytes.firstIndex(of: 0) { return .failure(.containsNUL(offset: nul)) }
        if let bad = firstInvalidUTF8(bytes) { return .failure(.invalidUTF8(offset: bad)) }
        return indexFields(bytes).map { .success($0) } ?? parse(bytes)
    }

    /// Lines as byte ranges, split as `splitLines` splits them.
    private static func lineRanges(_ bytes: [UInt8], from start: Int) -> [Range<Int>] {
        let separator: UInt8 = bytes[start...].contains(10) ? 10 : 13
        var lines: [Range<Int>] = []
        var lineStart = start
        for index in start..<bytes.count where bytes[index] == separator {
            let end = separator == 10 && index > lineStart && bytes[index - 1] == 13 ? index - 1 : index
            lines.append(lineStart..<end)
            lineStart = index + 1
        }
        let end = separator == 10 && bytes.count > lineStart && bytes[bytes.count - 1] == 13 ? bytes.count - 1 : bytes.count
        lines.append(lineStart..<end)
        return lines
    }

    private static func isBlank(_ bytes: [UInt8], _ line: Range<Int>) -> Bool {
        bytes[line].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    private static func text(_ bytes: [UInt8], _ range: Range<Int>) -> Substring {
        Substring(String(decoding: bytes[range], as: UTF8.self))
    }

    /// Nil when the file needs the full parse: no header, or no title in it.
    private static func indexFields(_ bytes: [UInt8]) -> Story? {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard start < bytes.count else { return nil }
        let lines = lineRanges(bytes, from: start)
        guard let first = lines.first, let field = StoryFileFormat.headerField(text(bytes, first)),
              StoryFileFormat.knownHeaderKeys.contains(field.name.lowercased()) else { return nil }
        var headerEnd = 0
        while headerEnd < lines.count, !isBlank(bytes, lines[headerEnd]) { headerEnd += 1 }
        var story = Story(title: "")
        let headerLines = lines[0..<headerEnd].map { text(bytes, $0) }
        _ = readHeader(headerLines, into: &story)
        guard !story.title.isEmpty else { return nil }

        // Only one-line paragraphs can be READ MORE lines or the closing source line.
        var lastParagraph: (line: Range<Int>, single: Bool)?
        var index = headerEnd
        var fences = FenceFinder()
        while index < lines.count {
            guard !isBlank(bytes, lines[index]) else {
                index += 1
                continue
            }
            // A preformatted block is one paragraph, blank lines and all, and never a link.
            if let close = fences.closing(at: index, start: headerEnd, end: lines.count, fence: { fence(bytes, lines[$0]) }) {
                lastParagraph = (lines[index], false)
                index = close + 1
                continue
            }
            var end = index + 1
            while end < lines.count, !isBlank(bytes, lines[end]) { end += 1 }
            let single = end == index + 1
            lastParagraph = (lines[index], single)
            if single, let link = readMoreLine(bytes, lines[index]) { story.body.append(.readMore(link)) }
            index = end
        }
        if let last = lastParagraph, last.single, let source = StoryFileFormat.closingSource(text(bytes, last.line)) {
            story.closingSource = source
        }
        return story
    }

    /// The fence length of a line that is a fence.
    private static func fence(_ bytes: [UInt8], _ line: Range<Int>) -> Int? {
        guard bytes[line].first == UInt8(ascii: "`") else { return nil }
        return StoryFileFormat.fence(text(bytes, line))
    }

    /// A `READ MORE` link, for a line that (trimmed) begins with an `r`: no quote, list,
    /// escape or marked subheading does, so the parser would test it for one too.
    private static func readMoreLine(_ bytes: [UInt8], _ line: Range<Int>) -> RelatedLink? {
        guard let first = bytes[line].first(where: { $0 != 0x20 && $0 != 0x09 }), first | 0x20 == UInt8(ascii: "r")
        else { return nil }
        return StoryFileFormat.readMore(text(bytes, line).trimmingSpaces)
    }
}
