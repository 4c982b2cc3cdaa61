import BylineCore
import TerminalSafety

/// Plain text for the typed fields of `Feed` and `FeedItem`: HTML titles lose their
/// tags and references, and control characters (escape sequences) never get through.
public enum PlainText {
    /// Text from an HTML fragment: tags dropped, references decoded, spaces collapsed.
    static func fromHTML(_ html: String) -> String {
        var out = ""
        for token in HTMLTokenizer(dropsUnclosedComments: true).tokens(html) {
            switch token {
            case .text(let text):
                out += text
            case .characterReference(let reference):
                if let value = HTMLCharacterReferences.numericValue(Substring(reference)),
                   let scalar = Unicode.Scalar(Windows1252.replacement(for: value) ?? value) {
                    out.unicodeScalars.append(scalar)
                }
            case .entityReference(let name):
                if let text = HTMLEntities.text(named: name) {
                    out += text
                } else {
                    out += "&" + name
                }
            case .startTag(let name, _, _), .endTag(let name):
                if ["br", "p", "div", "li", "tr"].contains(name) { out += " " }
            case .comment, .declaration:
                break
            }
        }
        return clean(out.split(whereSeparator: { $0.isWhitespace }).joined(separator: " "))
    }

    /// A message safe for one line of a terminal: line breaks and control characters
    /// become spaces, runs of spaces collapse, and it stops at `limit` characters.
    public static func oneLine(_ text: String, limit: Int = 160) -> String {
        let words = String(String.UnicodeScalarView(text.unicodeScalars.map { TerminalControls.isControl($0) ? " " : $0 }))
            .split(separator: " ").joined(separator: " ")
        return words.count > limit ? String(words.prefix(limit)) + "…" : words
    }

    /// `text` without escape sequences and controls, read by `TerminalControls`; tabs and
    /// the line breaks later steps read as white space stay as written.
    static func clean(_ text: String) -> String {
        TerminalControls.removing(from: text, lineBreaks: .asWritten)
    }
}
