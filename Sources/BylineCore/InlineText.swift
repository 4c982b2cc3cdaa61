/// Text with inline links, as paragraphs store them: `see [the report](https://…) here`.
///
/// The markdown-style form keeps the link text and its target together in a plain file;
/// only absolute http(s) targets count, so ordinary brackets in prose stay text.
public enum InlineText {
    public enum Run: Equatable, Sendable {
        case text(String)
        case link(text: String, url: String)
    }

    public static func runs(_ text: String) -> [Run] {
        var runs: [Run] = []
        var plain = ""
        var scan = LinkScan(text)
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "[", let (link, next) = scan.link(at: index) {
                if !plain.isEmpty { runs.append(.text(plain)); plain = "" }
                runs.append(.link(text: link.text, url: link.url))
                index = next
            } else {
                plain.append(text[index])
                index = text.index(after: index)
            }
        }
        if !plain.isEmpty { runs.append(.text(plain)) }
        return runs
    }

    /// The text with link markup removed: what a reader sees, minus link numbers.
    public static func plain(_ text: String) -> String {
        // Looked for in the bytes: Foundation's `contains` cost a fetch a fiftieth of its time.
        guard hasLinkMarkup(text) else { return text }
        return runs(text).map { run in
            switch run {
            case .text(let s): s
            case .link(let s, _): s
            }
        }.joined()
    }

    /// Whether `text` holds `](`, the middle of an inline link.
    static func hasLinkMarkup(_ text: String) -> Bool {
        var previous: UInt8 = 0
        return text.utf8.contains { byte in
            defer { previous = byte }
            return previous == UInt8(ascii: "]") && byte == UInt8(ascii: "(")
        }
    }

    /// Writes a link in the inline form, escaping brackets in its text.
    public static func markup(text: String, url: String) -> String {
        let safe = text.replacingOccurrences(of: "[", with: "(").replacingOccurrences(of: "]", with: ")")
        // A `)` or space would end the target early; percent-encoding keeps the URL the same.
        let target = url.replacingOccurrences(of: " ", with: "%20")
            .replacingOccurrences(of: "(", with: "%28").replacingOccurrences(of: ")", with: "%29")
        return "[\(safe)](\(target))"
    }

    /// When the whole of `text` is one inline link.
    static func wholeLink<S: StringProtocol>(_ text: S) -> (text: String, url: String)? {
        let s = String(text)
        var scan = LinkScan(s)
        guard s.first == "[", let (link, next) = scan.link(at: s.startIndex), next == s.endIndex else { return nil }
        return link
    }

    static func isWebURL<S: StringProtocol>(_ text: S) -> Bool {
        let lower = text.prefix(8).lowercased()
        return (lower.hasPrefix("http://") || lower.hasPrefix("https://")) && !text.contains(" ")
    }

    /// Finds inline links in one text, remembering where the next `]`, `)` and space are.
    ///
    /// Each `[` looks ahead for its `]` and `)`; searching afresh from every `[` would read
    /// the rest of the text once per bracket, and a story of 100,000 `[` would hang the
    /// reader. Starts only move forward, so each remembered answer serves every `[` before it.
    private struct LinkScan {
        let text: String
        var closingBracket: NextCharacter
        var closingParenthesis: NextCharacter
        var space: NextCharacter

        init(_ text: String) {
            self.text = text
            closingBracket = NextCharacter("]")
            closingParenthesis = NextCharacter(")")
            space = NextCharacter(" ")
        }

        mutating func link(at open: String.Index) -> ((text: String, url: String), String.Index)? {
            guard let close = closingBracket.after(open, in: text) else { return nil }
            let label = text[text.index(after: open)..<close]
            // Stops at the first `[`: labels without one never overlap, so this stays linear.
            guard !label.isEmpty, !label.contains("["), text[close...].hasPrefix("](") else { return nil }
            let urlStart = text.index(close, offsetBy: 2)
            guard let urlEnd = closingParenthesis.after(urlStart, in: text) else { return nil }
            if let space = space.after(urlStart, in: text), space < urlEnd { return nil }
            let url = text[urlStart..<urlEnd]
            guard isWebURL(url) else { return nil }
            return ((String(label), String(url)), text.index(after: urlEnd))
        }
    }

    /// The first place a character occurs at or after a position, remembered between calls.
    private struct NextCharacter {
        let character: Character
        private var searchedFrom: String.Index?
        private var found: String.Index?

        init(_ character: Character) { self.character = character }

        mutating func after(_ start: String.Index, in text: String) -> String.Index? {
            if let searchedFrom, searchedFrom <= start {
                guard let found else { return nil }
                if found >= start { return found }
            }
            searchedFrom = start
            found = text[start...].firstIndex(of: character)
            return found
        }
    }
}
