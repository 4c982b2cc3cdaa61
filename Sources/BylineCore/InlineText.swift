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
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == "[", let (link, next) = link(in: text, at: index) {
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
        guard text.contains("](") else { return text }
        return runs(text).map { run in
            switch run {
            case .text(let s): s
            case .link(let s, _): s
            }
        }.joined()
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
        guard s.first == "[", let (link, next) = link(in: s, at: s.startIndex), next == s.endIndex else { return nil }
        return link
    }

    static func isWebURL<S: StringProtocol>(_ text: S) -> Bool {
        let lower = text.prefix(8).lowercased()
        return (lower.hasPrefix("http://") || lower.hasPrefix("https://")) && !text.contains(" ")
    }

    private static func link(in text: String, at open: String.Index) -> ((text: String, url: String), String.Index)? {
        guard let close = text[open...].firstIndex(of: "]") else { return nil }
        let label = text[text.index(after: open)..<close]
        guard !label.isEmpty, !label.contains("["), text[close...].hasPrefix("](") else { return nil }
        let urlStart = text.index(close, offsetBy: 2)
        guard let urlEnd = text[urlStart...].firstIndex(of: ")") else { return nil }
        let url = text[urlStart..<urlEnd]
        guard isWebURL(url) else { return nil }
        return ((String(label), String(url)), text.index(after: urlEnd))
    }
}
