/// Facts about the story-file format shared by the parser and the writer.
///
/// The body, paragraph by paragraph (blank lines between): `## ` a subheading (or a short
/// line without closing punctuation between others), `> ` a quote, `- `/`1. ` list items,
/// `READ MORE: …` a related-story link, `[image: alt](https://…)` alone an image, and
/// lines between two equal fences of three or more backticks a preformatted block, kept
/// verbatim. In running text, `[words](https://…)` is a link and `*`/`**`/`***` italic,
/// bold or both (the rule is in `InlineEmphasis`). A leading `\` keeps a line a plain
/// paragraph and `\*` is a literal asterisk. Old files read as they did unless they hold
/// a matched fence pair, a whole-line `[image…]` link, `\*`, or asterisks that meet the
/// emphasis rule, which were meant as what they now show.
enum StoryFileFormat {
    /// The headers Byline interprets, in the order it writes them.
    static let knownHeaders = [
        "Title", "Kicker", "Source", "Author", "Published", "Updated", "URL", "Feed", "ID",
        "Summary", "Language", "Image", "Related",
    ]
    static let knownHeaderKeys = Set(knownHeaders.map { $0.lowercased() })

    /// Splits `Name: value`; `Name` is letters, digits and dashes starting with a letter.
    /// Looks only as far as the name: every body line is asked, and one may be 15 MB long.
    static func headerField(_ line: Substring) -> (name: Substring, value: Substring)? {
        let bytes = line.utf8
        guard let first = bytes.first, (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A else { return nil }
        guard let colonBytes = bytes.firstIndex(where: { byte in
            !((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte >= 0x30 && byte <= 0x39 || byte == 0x2D)
        }), bytes[colonBytes] == UInt8(ascii: ":") else { return nil }
        let colon = colonBytes
        let name = line[..<colon]
        var value = line[line.index(after: colon)...]
        while value.first == " " || value.first == "\t" { value = value.dropFirst() }
        while value.last == " " || value.last == "\t" { value = value.dropLast() }
        return (name, value)
    }

    /// A `READ MORE: …` line (any case); returns the link.
    static func readMore(_ line: Substring) -> RelatedLink? {
        let prefix = "read more"
        // Compared as ASCII bytes, ignoring case: lowercasing every body line to test nine
        // letters was most of what indexing a library cost.
        guard line.utf8.count > prefix.utf8.count,
              line.utf8.prefix(prefix.utf8.count).elementsEqual(prefix.utf8, by: { $0 | 0x20 == $1 }) else { return nil }
        var rest = line.dropFirst(prefix.count)
        while rest.first == " " { rest = rest.dropFirst() }
        guard rest.first == ":" else { return nil }
        rest = rest.dropFirst()
        let text = rest.trimmingSpaces
        guard !text.isEmpty else { return nil }
        // `READ MORE: [Title](https://…)` carries a URL as well.
        if let link = InlineText.wholeLink(text) { return RelatedLink(title: link.text, url: link.url) }
        return RelatedLink(title: String(text))
    }

    /// `Related: [URL] Title`.
    static func related(_ value: Substring) -> RelatedLink {
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        if let first = parts.first, InlineText.isWebURL(first) {
            return RelatedLink(title: parts.count > 1 ? String(parts[1].trimmingSpaces) : "", url: String(first))
        }
        return RelatedLink(title: String(value))
    }

    static func closingSource(_ line: Substring) -> String? {
        guard let field = headerField(line), field.name.lowercased() == "source", !field.value.isEmpty
        else { return nil }
        return String(field.value)
    }

    /// A list item marker: `- `, `* `, `• ` or `12. `; returns the item text.
    static func listItem(_ line: Substring) -> (text: Substring, ordinal: Int?)? {
        for bullet in ["- ", "* ", "• "] where line.hasPrefix(bullet) {
            return (line.dropFirst(bullet.count).trimmingSpaces, nil)
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 4 else { return nil }
        let rest = line.dropFirst(digits.count)
        guard rest.hasPrefix(". ") || rest.hasPrefix(") ") else { return nil }
        return (rest.dropFirst(2).trimmingSpaces, Int(digits))
    }

    /// A fence line of a preformatted block: three or more backticks and nothing else
    /// (trailing spaces aside); returns how many. Only a fence that starts a paragraph and
    /// has a closing fence of the same length opens a block: an unmatched one is text.
    static func fence(_ line: Substring) -> Int? {
        let bytes = line.utf8
        guard bytes.first == UInt8(ascii: "`") else { return nil }
        var count = 0
        for byte in bytes {
            if byte == UInt8(ascii: "`") {
                guard count >= 0 else { return nil }
                count += 1
            } else if byte == 0x20 || byte == 0x09 {
                if count > 0 { count = -count }
            } else {
                return nil
            }
        }
        let length = abs(count)
        return length >= 3 ? length : nil
    }

    /// The fence a preformatted block is written between: one backtick longer than any
    /// fence-like line inside it, so no line of the text can close it.
    static func fence(for text: String) -> String {
        var longest = 2
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if let length = fence(line) { longest = max(longest, length) }
        }
        return String(repeating: "`", count: longest + 1)
    }

    /// An image line, `[image: alt](https://…)`, `[image](https://…)` or `[image: alt]`.
    static func image(_ line: Substring) -> (alt: String, url: String?)? {
        guard line.hasPrefix("[image") else { return nil }
        if let link = InlineText.wholeLink(line) {
            guard let alt = imageLabel(Substring(link.text)) else { return nil }
            return (alt, link.url)
        }
        guard line.last == "]", !line.dropLast().contains("]") else { return nil }
        return imageLabel(line.dropFirst().dropLast()).map { ($0, nil) }
    }

    /// `image: alt` or `image`: the alt text.
    private static func imageLabel(_ label: Substring) -> String? {
        if label == "image" { return "" }
        guard label.hasPrefix("image: ") else { return nil }
        return String(label.dropFirst(7).trimmingSpaces)
    }

    /// How an image is written on its line.
    static func imageLine(alt: String, url: String?) -> String {
        let label = alt.isEmpty ? "image" : "image: " + alt
        if let url { return InlineText.markup(text: label, url: url) }
        return "[" + label.replacingOccurrences(of: "[", with: "(").replacingOccurrences(of: "]", with: ")") + "]"
    }

    static func quoteLine(_ line: Substring) -> Substring? {
        guard line.first == ">" else { return nil }
        return line.dropFirst().trimmingSpaces
    }

    static func markedSubheading(_ line: Substring) -> Substring? {
        guard line.hasPrefix("## ") else { return nil }
        return line.dropFirst(3).trimmingSpaces
    }

    /// A short line without closing punctuation: in a body, standing alone between other
    /// blocks, it reads as a subheading ("Calls for withdrawal of US troops").
    static func looksLikeSubheading(_ text: Substring) -> Bool {
        // The byte count first: counting characters of a 15 MB line is what took seconds.
        guard !text.isEmpty, text.utf8.count <= 400, text.count <= 100 else { return false }
        let words = text.split(whereSeparator: { $0 == " " })
        guard words.count <= 14, let last = text.last else { return false }
        return !closingPunctuation.contains(last)
    }

    /// One to three words without closing punctuation: a section label such as "Fast News".
    static func looksLikeKicker(_ text: Substring) -> Bool {
        guard text.utf8.count <= 160 else { return false }
        let words = text.split(whereSeparator: { $0 == " " })
        guard (1...3).contains(words.count), text.count <= 40, let last = text.last else { return false }
        return !closingPunctuation.contains(last)
    }

    static let closingPunctuation: Set<Character> = [
        ".", "!", "?", ":", ";", ",", "…", "\"", "”", "’", "'", ")", "]", "»",
    ]
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmingSpaces: SubSequence {
        var start = startIndex, end = endIndex
        while start < end, self[start] == " " || self[start] == "\t" { start = index(after: start) }
        while end > start, self[index(before: end)] == " " || self[index(before: end)] == "\t" { end = index(before: end) }
        return self[start..<end]
    }
}
