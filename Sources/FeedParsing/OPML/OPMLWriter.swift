import TerminalSafety

/// Writes subscriptions as an OPML 2.0 document, the format other readers import.
public enum OPMLWriter {
    public static func document(_ subscriptions: [Subscription], title: String = "Byline subscriptions") -> String {
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <opml version="2.0">
          <head>
            <title>\(escaped(title))</title>
          </head>
          <body>

        """
        for subscription in subscriptions {
            let name = escaped(subscription.title ?? subscription.url)
            var line = "    <outline type=\"rss\" text=\"\(name)\" title=\"\(name)\" xmlUrl=\"\(escaped(subscription.url))\""
            if subscription.fullStory != .auto { line += " fullStory=\"\(subscription.fullStory.rawValue)\"" }
            out += line + "/>\n"
        }
        out += "  </body>\n</opml>\n"
        return out
    }

    /// Escapes text for an attribute or element; drops what XML 1.0 forbids or discourages
    /// and what would drive a terminal.
    static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n", "\r", "\t": out += "&#\(scalar.value);"
            default:
                if isKept(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// Whether a character may appear in the document. `byline export` writes to standard
    /// output, often a terminal, so besides XML's noncharacters this drops every character
    /// `TerminalControls` counts as a control (C0, DEL, C1, bidi overrides and isolates).
    private static func isKept(_ scalar: Unicode.Scalar) -> Bool {
        if TerminalControls.isControl(scalar) { return false }
        return !(0xFDD0...0xFDEF).contains(scalar.value) && scalar.value & 0xFFFE != 0xFFFE
    }
}
