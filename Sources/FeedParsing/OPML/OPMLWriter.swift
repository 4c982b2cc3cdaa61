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
        // Folders written back as nested outlines, in the order they first appear.
        var open: [String] = []
        func indent(_ depth: Int) -> String { String(repeating: "  ", count: depth + 2) }
        // Feeds at the top first, then each folder's, folders in order of their names; the
        // feeds of one folder keep their order.
        let grouped = subscriptions.enumerated().sorted { ($0.element.folder ?? "", $0.offset) < ($1.element.folder ?? "", $1.offset) }
        for subscription in grouped.map(\.element) {
            let path = subscription.folder.map { $0.components(separatedBy: " / ") } ?? []
            var common = 0
            while common < min(open.count, path.count), open[common] == path[common] { common += 1 }
            while open.count > common {
                open.removeLast()
                out += indent(open.count) + "</outline>\n"
            }
            while open.count < path.count {
                let name = escaped(path[open.count])
                out += indent(open.count) + "<outline text=\"\(name)\" title=\"\(name)\">\n"
                open.append(path[open.count])
            }
            let name = escaped(subscription.title ?? subscription.url)
            var line = indent(open.count) + "<outline type=\"rss\" text=\"\(name)\" title=\"\(name)\" xmlUrl=\"\(escaped(subscription.url))\""
            if subscription.fullStory != .auto { line += " fullStory=\"\(subscription.fullStory.rawValue)\"" }
            out += line + "/>\n"
        }
        while !open.isEmpty {
            open.removeLast()
            out += indent(open.count) + "</outline>\n"
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
