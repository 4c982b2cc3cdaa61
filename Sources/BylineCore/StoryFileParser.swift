/// Reads the story-file format: an optional header block, a blank line, then the body.
///
/// See `StoryFileWriter` for the other direction; `write` then `parse` gives the same story.
public enum StoryFileParser {
    /// Parses the bytes of a story file. Problems are values, never crashes: a binary or
    /// damaged file yields the reason, for the reader to see next to the file's name.
    public static func parse(_ bytes: some Collection<UInt8>) -> Result<Story, StoryFileProblem> {
        let bytes = Array(bytes)
        if bytes.isEmpty { return .failure(.empty) }
        if let nul = firstNUL(bytes) { return .failure(.containsNUL(offset: nul)) }
        if let bad = firstInvalidUTF8(bytes) { return .failure(.invalidUTF8(offset: bad)) }
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return parse(text: text)
    }

    /// Parses already-decoded text.
    public static func parse(text: String) -> Result<Story, StoryFileProblem> {
        let lines = splitLines(text)
        guard lines.contains(where: { !$0.trimmingSpaces.isEmpty }) else { return .failure(.noText) }

        var story = Story(title: "")
        var cursor = 0
        let hasHeader = lines.first.flatMap(StoryFileFormat.headerField).map {
            StoryFileFormat.knownHeaderKeys.contains($0.name.lowercased())
        } ?? false
        if hasHeader {
            cursor = readHeader(lines, into: &story)
        }
        var paragraphs = splitParagraphs(lines[cursor...])

        if !hasHeader || story.title.isEmpty {
            deriveTitle(from: &paragraphs, into: &story, headerless: !hasHeader)
        }
        if let last = paragraphs.last, last.count == 1, let source = StoryFileFormat.closingSource(last[0]) {
            story.closingSource = source
            paragraphs.removeLast()
        }
        story.body = blocks(paragraphs)
        if story.title.isEmpty { story.title = "Untitled" }
        return .success(story)
    }

    // MARK: - Header

    /// Reads header lines up to the first blank line; returns the index after it.
    static func readHeader(_ lines: [Substring], into story: inout Story) -> Int {
        var index = 0
        var fields: [(name: String, value: String)] = []
        while index < lines.count, !lines[index].trimmingSpaces.isEmpty {
            let line = lines[index]
            if let field = StoryFileFormat.headerField(line) {
                fields.append((String(field.name), String(field.value)))
            } else if !fields.isEmpty {
                // A line without `Name:` continues the value above it (RFC 822 folding),
                // so nothing in a hand-edited header is dropped.
                fields[fields.count - 1].value += " " + line.trimmingSpaces
            } else {
                fields.append(("", String(line)))
            }
            index += 1
        }
        for (name, value) in fields { apply(name: name, value: value, to: &story) }
        return index
    }

    static func apply(name: String, value: String, to story: inout Story) {
        let optional: String? = value.isEmpty ? nil : value
        switch name.lowercased() {
        case "title": story.title = value
        case "kicker": story.kicker = optional
        case "source": story.source = optional
        case "author": story.author = optional
        case "published": story.published = optional
        case "updated": story.updated = optional
        case "url": story.url = optional
        case "feed": story.feed = optional
        case "id": story.id = optional
        case "summary": story.summary = optional
        case "language": story.language = optional
        case "image": story.image = optional
        case "related": if !value.isEmpty { story.related.append(StoryFileFormat.related(Substring(value))) }
        default: story.otherHeaders.append(HeaderField(name: name, value: value))
        }
    }

    // MARK: - Title and kicker

    /// A headerless file's first line is its title, unless it is a short section label:
    /// then it is the kicker and the title is the lead's first sentence.
    private static func deriveTitle(from paragraphs: inout [[Substring]], into story: inout Story, headerless: Bool) {
        // A story that opens with a preformatted block keeps it whole.
        guard let first = paragraphs.first, preformattedText(first) == nil else { return }
        let firstLine = first[0].trimmingSpaces
        if headerless, first.count == 1, paragraphs.count > 1, story.kicker == nil,
           StoryFileFormat.looksLikeKicker(firstLine), preformattedText(paragraphs[1]) == nil {
            story.kicker = String(firstLine)
            paragraphs.removeFirst()
            let lead = paragraphs[0].map { String($0.trimmingSpaces) }.joined(separator: " ")
            story.title = Headline.shortened(Headline.firstSentence(of: InlineText.plain(lead)))
        } else if headerless {
            story.title = String(firstLine)
            if first.count == 1 { paragraphs.removeFirst() } else { paragraphs[0].removeFirst() }
        } else {
            // A header without a title: name the story after its lead, keep the body whole.
            let lead = first.map { String($0.trimmingSpaces) }.joined(separator: " ")
            story.title = Headline.shortened(Headline.firstSentence(of: InlineText.plain(lead)))
        }
    }

    // MARK: - Body

    /// Blank-line-separated paragraphs; a preformatted block is one paragraph from its
    /// opening fence to its closing one, blank lines and all.
    private static func splitParagraphs(_ lines: ArraySlice<Substring>) -> [[Substring]] {
        var paragraphs: [[Substring]] = []
        var current: [Substring] = []
        var fences = FenceFinder()
        var index = lines.startIndex
        while index < lines.endIndex {
            let line = lines[index]
            if line.trimmingSpaces.isEmpty {
                if !current.isEmpty { paragraphs.append(current); current = [] }
            } else if current.isEmpty,
                      let close = fences.closing(at: index, start: lines.startIndex, end: lines.endIndex, fence: { StoryFileFormat.fence(lines[$0]) }) {
                paragraphs.append(Array(lines[index...close]))
                index = close + 1
                continue
            } else {
                current.append(line)
            }
            index += 1
        }
        if !current.isEmpty { paragraphs.append(current) }
        return paragraphs
    }

    /// The text of a paragraph that is a preformatted block (fence, lines, same fence).
    static func preformattedText(_ lines: [Substring]) -> String? {
        guard lines.count >= 2, let open = StoryFileFormat.fence(lines[0]),
              StoryFileFormat.fence(lines[lines.count - 1]) == open else { return nil }
        return lines[1..<(lines.count - 1)].joined(separator: "\n")
    }

    private static func blocks(_ paragraphs: [[Substring]]) -> [StoryBlock] {
        var blocks: [StoryBlock] = []
        for (index, lines) in paragraphs.enumerated() {
            let between = index > 0 && index < paragraphs.count - 1
            blocks.append(contentsOf: classify(lines, between: between))
        }
        return blocks
    }

    /// Turns one blank-line-separated paragraph into blocks.
    private static func classify(_ lines: [Substring], between: Bool) -> [StoryBlock] {
        if let text = preformattedText(lines) { return [.preformatted(text)] }
        if lines.allSatisfy({ StoryFileFormat.quoteLine($0) != nil }) {
            return [.quote(joined(lines.compactMap(StoryFileFormat.quoteLine)))]
        }
        if lines.allSatisfy({ StoryFileFormat.listItem($0) != nil }) {
            return lines.compactMap(StoryFileFormat.listItem).map { .listItem(String($0.text), ordinal: $0.ordinal) }
        }
        if lines.count == 1 {
            let line = lines[0].trimmingSpaces
            if line.first == "\\" { return [.paragraph(String(line.dropFirst()))] }
            if let heading = StoryFileFormat.markedSubheading(line) { return [.subheading(String(heading))] }
            if let link = StoryFileFormat.readMore(line) { return [.readMore(link)] }
            if let image = StoryFileFormat.image(line) { return [.image(alt: image.alt, url: image.url)] }
            if between, StoryFileFormat.looksLikeSubheading(line) { return [.subheading(String(line))] }
        }
        var text = joined(lines)
        if text.first == "\\" { text.removeFirst() }
        return [.paragraph(text)]
    }

    /// Lines of a hard-wrapped paragraph joined with single spaces.
    private static func joined(_ lines: [Substring]) -> String {
        lines.map { $0.trimmingSpaces }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    // MARK: - Lines

    /// Splits on line ends, treating Windows (`\r\n`) and old Mac (`\r`) files like Unix
    /// ones. Works on UTF-8 bytes: splitting by `Character` costs grapheme breaking on
    /// every byte, which dominated reading a large library.
    static func splitLines(_ text: String) -> [Substring] {
        let bytes = text.utf8
        let separator: UInt8 = bytes.contains(10) ? 10 : 13
        return bytes.split(separator: separator, omittingEmptySubsequences: false).map { slice in
            var line = Substring(slice)
            if separator == 10, line.utf8.last == 13 { line = Substring(line.utf8.dropLast()) }
            return line
        }
    }

    // MARK: - Encoding

    /// Byte offset of the first byte that is not valid UTF-8, if any.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        // Every file read is checked: one unchecked pass over its buffer.
        bytes.withUnsafeBufferPointer { firstInvalidUTF8(in: $0) }
    }

    private static func firstInvalidUTF8(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        let count = bytes.count
        let raw = UnsafeRawBufferPointer(bytes)
        let topBits: UInt64 = 0x8080_8080_8080_8080
        while index < count {
            // Most of a story is ASCII: 32 bytes at a time while none has its top bit, then
            // eight at a time (a loop a word long was a tenth of indexing a library).
            if index + 32 <= count,
               (raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: index &+ 8, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: index &+ 16, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: index &+ 24, as: UInt64.self)) & topBits == 0 {
                index &+= 32
                continue
            }
            if index + 8 <= count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & topBits == 0 {
                index += 8
                continue
            }
            let byte = bytes[index]
            if byte < 0x80 { index += 1; continue }
            let length: Int
            let minimum: UInt32
            var scalar: UInt32
            switch byte {
            case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(byte & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(byte & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(byte & 0x07)
            default: return index
            }
            guard index + length <= count else { return index }
            for offset in 1..<length {
                let next = bytes[index + offset]
                guard next & 0xC0 == 0x80 else { return index }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return index }
            index += length
        }
        return nil
    }
}
