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

    /// Escapes text for an attribute or element; drops characters XML 1.0 forbids.
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
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
