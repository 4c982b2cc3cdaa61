import Foundation

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
        if let nul = firstNUL(bytes) { return .failure(.containsNUL(offset: nul)) }
        if let bad = firstInvalidUTF8(bytes) { return .failure(.invalidUTF8(offset: bad)) }
        return indexFields(bytes).map { .success($0) } ?? parse(bytes)
    }

    /// Where the first NUL byte is, found by `memchr`: every file indexed is searched
    /// whole, and a byte-at-a-time search was a tenth of parsing it.
    static func firstNUL(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress, let found = memchr(base, 0, bytes.count) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// Lines as byte ranges, split as `splitLines` splits them.
    ///
    /// Every file indexed is split, so this walks the bytes unchecked rather than through
    /// the array's bounds-checked subscript.
    private static func lineRanges(_ bytes: [UInt8], from start: Int) -> [Range<Int>] {
        bytes.withUnsafeBufferPointer { bytes in
            let count = bytes.count
            guard let base = bytes.baseAddress, start < count else { return [start..<start] }
            /// The first `byte` at or after `from`, found by `memchr`.
            func find(_ byte: UInt8, from: Int) -> Int? {
                guard from < count, let found = memchr(base + from, Int32(byte), count - from) else { return nil }
                return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            let separator: UInt8 = find(10, from: start) == nil ? 13 : 10
            var lines: [Range<Int>] = []
            // About as many lines as a story has, so the array is not grown line by line.
            lines.reserveCapacity(count / 48 + 8)
            var lineStart = start
            while let index = find(separator, from: lineStart) {
                let end = separator == 10 && index > lineStart && bytes[index - 1] == 13 ? index - 1 : index
                lines.append(lineStart..<end)
                lineStart = index + 1
            }
            let end = separator == 10 && count > lineStart && bytes[count - 1] == 13 ? count - 1 : count
            lines.append(lineStart..<end)
            return lines
        }
    }

    private static func isBlank(_ bytes: [UInt8], _ line: Range<Int>) -> Bool {
        bytes[line].allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }

    private static func text(_ bytes: [UInt8], _ range: Range<Int>) -> Substring {
        Substring(String(decoding: bytes[range], as: UTF8.self))
    }

    /// Nil when the file needs the full parse: a header without a title, or a headerless
    /// file whose title the full parse finds another way (see `headerlessTitle`).
    private static func indexFields(_ bytes: [UInt8]) -> Story? {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        guard start < bytes.count else { return nil }
        let lines = lineRanges(bytes, from: start)
        guard let first = lines.first else { return nil }
        var story = Story(title: "")
        let bodyStart: Int
        if let name = headerName(bytes, first),
           StoryFileFormat.knownHeaderKeys.contains(String(decoding: bytes[name].map { $0 | 0x20 }, as: UTF8.self)) {
            var headerEnd = 0
            while headerEnd < lines.count, !isBlank(bytes, lines[headerEnd]) { headerEnd += 1 }
            if !readHeader(bytes, lines[0..<headerEnd], into: &story) {
                story = Story(title: "")
                _ = readHeader(lines[0..<headerEnd].map { text(bytes, $0) }, into: &story)
            }
            guard !story.title.isEmpty else { return nil }
            bodyStart = headerEnd
        } else {
            guard let (kicker, title, titleLine) = headerlessTitle(bytes, lines) else { return nil }
            story.kicker = kicker
            story.title = title
            bodyStart = titleLine + 1
        }
        let headerEnd = bodyStart

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
        if let last = lastParagraph, last.single, let name = headerName(bytes, last.line), isName(bytes, name, "source"),
           let source = StoryFileFormat.closingSource(text(bytes, last.line)) {
            story.closingSource = source
        }
        return story
    }

    /// A headerless file's kicker, title and the line its body follows, as `deriveTitle`
    /// finds them: the first line, trimmed, is the title; or, when it looks like a section
    /// label alone in its paragraph, the kicker, and the title is the next paragraph's
    /// first sentence. Nil where the full parse decides otherwise or the bytes cannot tell:
    /// no text, a preformatted block near the start, spaces that join a character.
    private static func headerlessTitle(_ bytes: [UInt8], _ lines: [Range<Int>]) -> (String?, String, Int)? {
        guard let index = lines.firstIndex(where: { !isBlank(bytes, $0) }),
              bytes[lines[index]].first != UInt8(ascii: "`"),
              let trimmed = trimmedSpaces(bytes, lines[index]) else { return nil }
        let next = index + 1
        // The rest of the first paragraph is a paragraph the full parse never asks about fences.
        if next < lines.count, bytes[lines[next]].first == UInt8(ascii: "`") { return nil }
        let firstLine = Substring(String(decoding: bytes[trimmed], as: UTF8.self))
        let single = next == lines.count || isBlank(bytes, lines[next])
        // A kicker has at most 40 characters: an ASCII line longer than that is none, and
        // is not split into words to find out.
        let short = trimmed.count <= 40 || bytes[trimmed].contains { $0 >= 0x80 }
        guard single, short, let lead = lines[next...].firstIndex(where: { !isBlank(bytes, $0) }),
              StoryFileFormat.looksLikeKicker(firstLine) else { return (nil, String(firstLine), index) }
        // A preformatted lead leaves the first line the title: the full parse decides.
        guard bytes[lines[lead]].first != UInt8(ascii: "`") else { return nil }
        var leadEnd = lead + 1
        while leadEnd < lines.count, !isBlank(bytes, lines[leadEnd]) { leadEnd += 1 }
        let leadText = lines[lead..<leadEnd].map { String(text(bytes, $0).trimmingSpaces) }.joined(separator: " ")
        let title = Headline.shortened(Headline.firstSentence(of: InlineText.plain(leadText)))
        return (String(firstLine), title.isEmpty ? "Untitled" : title, index)
    }

    /// Whether the ASCII name at `range` is `lowercased`, in any case.
    static func isName(_ bytes: [UInt8], _ range: Range<Int>, _ lowercased: StaticString) -> Bool {
        range.count == lowercased.utf8CodeUnitCount && lowercased.withUTF8Buffer { name in
            zip(bytes[range], name).allSatisfy { $0 | 0x20 == $1 }
        }
    }

    // MARK: - The header, as bytes

    /// The name of a `Name: value` line, as `StoryFileFormat.headerField` finds it: a
    /// letter, then letters, digits and dashes, then a colon.
    static func headerName(_ bytes: [UInt8], _ line: Range<Int>) -> Range<Int>? {
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        guard !line.isEmpty, isLetter(bytes[line.lowerBound]) else { return nil }
        var end = line.lowerBound + 1
        while end < line.upperBound, isLetter(bytes[end]) || bytes[end] >= 0x30 && bytes[end] <= 0x39 || bytes[end] == 0x2D { end += 1 }
        guard end < line.upperBound, bytes[end] == UInt8(ascii: ":") else { return nil }
        return line.lowerBound..<end
    }

    /// `range` without the spaces and tabs at its ends, as `trimmingSpaces` trims its
    /// characters; nil when a space or tab trimmed stands beside a non-ASCII byte, which
    /// may join it into one character that `trimmingSpaces` keeps (" \u{301}").
    static func trimmedSpaces(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int>? {
        var start = range.lowerBound, end = range.upperBound
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        if start > range.lowerBound, start < end, joins(bytes[start - 1], bytes, scalarAt: start) { return nil }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        if end < range.upperBound, end > start, bytes[end - 1] >= 0x80 {
            var lead = end - 1
            while lead > start, bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
            // Only a prepended mark (U+0600, Arabic number sign) joins what follows it.
            if String(decoding: bytes[lead..<end] + [bytes[end]], as: UTF8.self).count == 1 { return nil }
        }
        return start..<end
    }

    /// Whether the ASCII byte `before` and the character starting at `index` would make one
    /// character (a combining mark after a space or colon).
    static func joins(_ before: UInt8, _ bytes: [UInt8], scalarAt index: Int) -> Bool {
        guard index < bytes.count, bytes[index] >= 0x80 else { return false }
        var end = index + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: [before] + bytes[index..<end], as: UTF8.self).count == 1
    }

    /// Reads the header lines into `story` as `readHeader(_:into:)` reads them decoded,
    /// making a string only of each field's name and value, not of every line; false when
    /// some line needs the reading by characters (see `trimmedSpaces`), and `story` is then
    /// half-read. The first line must be a field.
    static func readHeader(_ bytes: [UInt8], _ lines: ArraySlice<Range<Int>>, into story: inout Story) -> Bool {
        var name: Range<Int>?
        var value: [UInt8] = []
        func applyField(to story: inout Story) {
            guard let name else { return }
            // Related headers are read as bytes too: a library names thousands.
            if isName(bytes, name, "related"), !value.isEmpty, let link = relatedLink(value) {
                story.related.append(link)
                return
            }
            apply(name: String(decoding: bytes[name], as: UTF8.self), value: String(decoding: value, as: UTF8.self), to: &story)
        }
        for line in lines {
            if let fieldName = headerName(bytes, line) {
                applyField(to: &story)
                // A character after the colon may join it (":\u{301}"), and be dropped with it.
                let afterColon = fieldName.upperBound + 1
                guard !joins(UInt8(ascii: ":"), bytes, scalarAt: afterColon),
                      let trimmed = trimmedSpaces(bytes, afterColon..<line.upperBound) else { return false }
                name = fieldName
                value.removeAll(keepingCapacity: true)
                value += bytes[trimmed]
            } else {
                // A line without `Name:` continues the value above it.
                guard name != nil, let trimmed = trimmedSpaces(bytes, line) else { return false }
                value.append(0x20)
                value += bytes[trimmed]
            }
        }
        applyField(to: &story)
        return true
    }

    // MARK: - The body

    /// The fence length of a line that is a fence.
    private static func fence(_ bytes: [UInt8], _ line: Range<Int>) -> Int? {
        guard bytes[line].first == UInt8(ascii: "`") else { return nil }
        return StoryFileFormat.fence(text(bytes, line))
    }

    /// `StoryFileFormat.related` of a header value (trimmed, not empty), read as bytes: the
    /// URL before the first space, the title after it. Nil when the value needs the reading
    /// by characters: non-ASCII before that space or just after it, where a mark could join.
    static func relatedLink(_ value: [UInt8]) -> RelatedLink? {
        guard let first = value.first, first != 0x20, first != 0x09 else { return nil }
        let space = value.firstIndex(of: 0x20) ?? value.count
        guard value[..<space].allSatisfy({ $0 < 0x80 }) else { return nil }
        let url = String(decoding: value[..<space], as: UTF8.self)
        if space == value.count { return isWebURL(value[...]) ? RelatedLink(title: "", url: url) : RelatedLink(title: url) }
        let after = value[space + 1]
        guard after < 0x80, after != 0x20, after != 0x09 else { return nil }
        guard isWebURL(value[..<space]) else { return RelatedLink(title: String(decoding: value, as: UTF8.self)) }
        return RelatedLink(title: String(decoding: value[(space + 1)...], as: UTF8.self), url: url)
    }

    /// `InlineText.isWebURL` of ASCII bytes without a space.
    private static func isWebURL(_ ascii: ArraySlice<UInt8>) -> Bool {
        func starts(_ scheme: StaticString) -> Bool {
            ascii.count >= scheme.utf8CodeUnitCount && scheme.withUTF8Buffer { scheme in
                zip(ascii, scheme).allSatisfy { ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) == $1 }
            }
        }
        return starts("http://") || starts("https://")
    }

    /// A `READ MORE` link, for a line that (trimmed) begins with an `r`: no quote, list,
    /// escape or marked subheading does, so the parser would test it for one too.
    ///
    /// Read as bytes: in a library most paragraphs are one line, and a tenth of them begin
    /// with an `r`. Where the bytes cannot tell (a mark joining a letter, a space or the
    /// colon), the line is read by characters.
    private static func readMoreLine(_ bytes: [UInt8], _ line: Range<Int>) -> RelatedLink? {
        guard let first = bytes[line].first(where: { $0 != 0x20 && $0 != 0x09 }), first | 0x20 == UInt8(ascii: "r")
        else { return nil }
        func byCharacters() -> RelatedLink? { StoryFileFormat.readMore(text(bytes, line).trimmingSpaces) }
        guard let trimmed = trimmedSpaces(bytes, line) else { return byCharacters() }
        let prefix: StaticString = "read more"
        let afterPrefix = trimmed.lowerBound + prefix.utf8CodeUnitCount
        guard afterPrefix < trimmed.upperBound, isName(bytes, trimmed.lowerBound..<afterPrefix, prefix) else { return nil }
        guard bytes[afterPrefix] < 0x80 else { return byCharacters() }
        var colon = afterPrefix
        while colon < trimmed.upperBound, bytes[colon] == 0x20 { colon += 1 }
        guard colon < trimmed.upperBound, bytes[colon] == UInt8(ascii: ":"), !joins(UInt8(ascii: ":"), bytes, scalarAt: colon + 1)
        else { return nil }
        guard let link = trimmedSpaces(bytes, (colon + 1)..<trimmed.upperBound) else { return byCharacters() }
        guard !link.isEmpty else { return nil }
        let title = String(decoding: bytes[link], as: UTF8.self)
        // `READ MORE: [Title](https://…)` carries a URL as well.
        if bytes[link.lowerBound] == UInt8(ascii: "["), let whole = InlineText.wholeLink(title) {
            return RelatedLink(title: whole.text, url: whole.url)
        }
        return RelatedLink(title: title)
    }
}
