/// Text with inline links and emphasis, as paragraphs store them:
/// `see [the report](https://…) of **last year**`.
///
/// The markdown-style form keeps the link text and its target together in a plain file;
/// only absolute http(s) targets count, so ordinary brackets in prose stay text. Bold and
/// italic follow `InlineEmphasis`'s rule, strict enough that asterisks in ordinary prose
/// stay text.
public enum InlineText {
    public enum Run: Equatable, Sendable {
        case text(String)
        case link(text: String, url: String)
        /// Bold or italic words (never holding a link).
        case emphasis(text: String, Emphasis)
    }

    public static func runs(_ text: String) -> [Run] {
        var runs: [Run] = []
        var plain = ""
        func flushPlain() {
            guard !plain.isEmpty else { return }
            for piece in InlineEmphasis.pieces(plain) {
                runs.append(piece.emphasis.isEmpty ? .text(piece.text) : .emphasis(text: piece.text, piece.emphasis))
            }
            plain = ""
        }
        var scan = LinkScan(text)
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "[", let (link, next) = scan.link(at: index) {
                flushPlain()
                runs.append(.link(text: InlineEmphasis.unescaped(link.text), url: link.url))
                index = next
            } else {
                plain.append(text[index])
                index = text.index(after: index)
            }
        }
        flushPlain()
        return runs
    }

    /// The text with link and emphasis markup removed: what a reader sees, minus link
    /// numbers and styles.
    public static func plain(_ text: String) -> String {
        // Looked for in the bytes: Foundation's `contains` cost a fetch a fiftieth of its time.
        guard hasMarkup(text) else { return text }
        return runs(text).map { run in
            switch run {
            case .text(let s): s
            case .link(let s, _): s
            case .emphasis(let s, _): s
            }
        }.joined()
    }

    /// Whether `text` may hold markup (`](` or `*`): a byte scan, cheaper than parsing.
    public static func hasMarkup(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "*") || previous == UInt8(ascii: "]") && byte == UInt8(ascii: "(") { return true }
            previous = byte
        }
        return false
    }

    /// Plain words written as running text: asterisks that could read as emphasis escaped.
    /// - Parameters: spaceBefore, spaceAfter: whether a space stands just outside the text
    ///   (an asterisk at its edge may be one standing alone).
    public static func escaped(_ text: String, spaceBefore: Bool = true, spaceAfter: Bool = true) -> String {
        InlineEmphasis.escaped(text, spaceBefore: spaceBefore, spaceAfter: spaceAfter)
    }

    /// `content` (escaped words) with `emphasis` as running text writes it, when the
    /// markers would read back as emphasis between `before` and `after`; nil when not.
    public static func emphasized(_ content: [Unicode.Scalar], _ emphasis: Emphasis,
                                  before: Unicode.Scalar?, after: Unicode.Scalar?) -> String? {
        guard !emphasis.isEmpty, InlineEmphasis.reads(content, before: before, after: after) else { return nil }
        let marker = InlineEmphasis.marker(emphasis)
        return marker + String(String.UnicodeScalarView(content)) + marker
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
