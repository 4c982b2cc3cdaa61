import BylineCore
import Foundation

extension SearchDocument {
    /// Header names whose first appearance marks a header block (as the story-file format says).
    private static let knownHeaders: Set<String> = [
        "title", "kicker", "source", "author", "published", "updated", "url", "feed", "id",
        "summary", "language", "image", "related",
    ]

    /// What search reads of a story file with a header block, straight from its bytes.
    ///
    /// Indexing a library is mostly this: building a whole `Story` (paragraphs, subheadings,
    /// links) costs as much again as the words themselves. The headers give the headline,
    /// source, kicker, author and date; the body is taken as one text with inline link
    /// targets left out. Nil for a file that needs the full parser: one without headers
    /// (its headline is derived from the text), without a title, empty or not UTF-8; the
    /// caller parses those with `StoryFileParser`.
    public init?(fileBytes bytes: [UInt8]) {
        guard !bytes.isEmpty, !bytes.contains(0), String(validating: bytes, as: UTF8.self) != nil else { return nil }
        // Lines by bytes: a CRLF pair is one Character, so a String search for "\n" misses it.
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var headers: [(name: String, value: String)] = []
        while start < bytes.count {
            let newline = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            var end = newline
            if end > start && bytes[end - 1] == 0x0D { end -= 1 }
            let line = String(decoding: bytes[start..<end], as: UTF8.self)
            start = newline + 1
            let trimmed = Self.trimmed(line[...])
            if trimmed.isEmpty { break }
            if let colon = line.firstIndex(of: ":"), Self.isHeaderName(line[..<colon]) {
                headers.append((line[..<colon].lowercased(), String(Self.trimmed(line[line.index(after: colon)...]))))
            } else if !headers.isEmpty {
                headers[headers.count - 1].value += " " + trimmed
            } else {
                return nil
            }
        }
        let rest = start < bytes.count ? Substring(String(decoding: bytes[start...], as: UTF8.self)) : ""
        guard let first = headers.first, Self.knownHeaders.contains(first.name) else { return nil }
        func header(_ name: String) -> String? {
            headers.first { $0.name == name && !$0.value.isEmpty }?.value
        }
        guard let title = headers.first(where: { $0.name == "title" })?.value, !title.isEmpty else { return nil }
        var body = Self.withoutLinkTargets(rest)
        // A closing `Source:` line is the source, not text (as the parser reads it).
        let closing = Self.closingSource(of: &body)
        let source = header("source") ?? closing ?? ""
        self.title = title
        self.source = source
        published = header("published").flatMap(StoryDate.parse) ?? header("updated").flatMap(StoryDate.parse)
        fields = [Field(text: title, weight: 3), Field(text: source, weight: 2)]
        if let kicker = header("kicker") { fields.append(Field(text: kicker, weight: 2)) }
        if let author = header("author") { fields.append(Field(text: author, weight: 1)) }
        fields.append(Field(text: body, weight: 1))
    }

    private static func isHeaderName(_ name: Substring) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCII && first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
    }

    /// The text with `(https://…)` after `]` removed: link targets are not words of the story.
    static func withoutLinkTargets(_ text: Substring) -> String {
        guard hasLinkMarkup(String(text)) else { return String(text) }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            out.append(character)
            index = text.index(after: index)
            if character == "]", index < text.endIndex, text[index] == "(" {
                let target = text[text.index(after: index)...]
                if target.hasPrefix("http://") || target.hasPrefix("https://"),
                   let close = target.firstIndex(where: { $0 == ")" || $0 == "\n" }), target[close] == ")" {
                    index = target.index(after: close)
                }
            }
        }
        return out
    }

    /// A last line `Source: …`, taken off the body: it names the source when no header does.
    /// Found by scanning back from the end: splitting a whole body into lines to look at
    /// its last was a fifth of what indexing cost.
    private static func closingSource(of body: inout String) -> String? {
        let utf8 = body.utf8
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
        var end = utf8.endIndex
        while end > utf8.startIndex, isSpace(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        var start = end
        while start > utf8.startIndex, utf8[utf8.index(before: start)] != 0x0A { start = utf8.index(before: start) }
        let line = body[start..<end]
        let label = "source:".utf8
        guard line.utf8.count > label.count, line.utf8.prefix(label.count).elementsEqual(label, by: { $0 | 0x20 == $1 }) else { return nil }
        let value = trimmed(line.dropFirst(label.count))
        guard !value.isEmpty else { return nil }
        let source = String(value)
        body = String(body[..<start])
        return source
    }

    /// Without spaces and tabs at either end (a header value, a line).
    static func trimmed(_ text: Substring) -> Substring {
        var text = text
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
