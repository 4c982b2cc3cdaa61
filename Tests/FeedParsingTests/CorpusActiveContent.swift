import FeedParsing
import Foundation

/// Looks for HTML that could run code once a browser or renderer sees it: script and
/// style elements, `on…` event handlers, and links whose scheme runs code.
enum ActiveContent {
    /// Every HTML value a feed carries: entry content and summaries, and any
    /// `{type, value}` detail whose type is HTML.
    static func htmlValues(in feed: Feed) -> [String] {
        var values: [String] = []
        for item in feed.items {
            for text in [item.summary, item.content].compactMap({ $0 }) where text.isHTML { values.append(text.value) }
        }
        func walk(_ value: FeedValue) {
            switch value {
            case .object(let object):
                if let type = object["type"]?.text, type.contains("html"), let text = object["value"]?.text { values.append(text) }
                object.values.forEach(walk)
            case .list(let list):
                list.forEach(walk)
            default:
                break
            }
        }
        walk(.object(feed.fields))
        feed.items.forEach { walk(.object($0.fields)) }
        return values
    }

    /// What active content `html` holds, if any.
    static func find(in html: String) -> String? {
        let lower = html.lowercased()
        for element in ["script", "style", "iframe", "object", "embed", "applet"] where containsTag(lower, element) {
            return "<\(element)> element"
        }
        for tag in tags(in: lower) {
            if tag.range(of: #"[\s/"']on[a-z]+\s*="#, options: .regularExpression) != nil { return "event handler" }
            let squeezed = decoded(tag).filter { !$0.isWhitespace && !($0.asciiValue.map { $0 < 0x20 } ?? false) }
            for scheme in ["javascript:", "vbscript:", "data:text/html", "livescript:"] where squeezed.contains(scheme) {
                return "\(scheme) link"
            }
        }
        return nil
    }

    private static func containsTag(_ html: String, _ name: String) -> Bool {
        html.range(of: "<\\s*\(name)[\\s/>]", options: .regularExpression) != nil || html.hasSuffix("<\(name)")
    }

    /// The text of each start tag, from `<` to `>`.
    private static func tags(in html: String) -> [String] {
        var found: [String] = []
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            let after = rest[rest.index(after: open)...]
            guard let first = after.first, first.isLetter else { rest = after; continue }
            let close = after.firstIndex(of: ">") ?? after.endIndex
            found.append(String(after[..<close]))
            rest = after[close...]
        }
        return found
    }

    /// Character references decoded, so `&#106;avascript:` is caught.
    private static func decoded(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let amp = rest.range(of: "&#") {
            out += rest[..<amp.lowerBound]
            let body = rest[amp.upperBound...]
            let hex = body.first == "x"
            let digits = (hex ? body.dropFirst() : body).prefix { hex ? $0.isHexDigit : $0.isNumber }
            if let value = UInt32(digits.prefix(8), radix: hex ? 16 : 10), let scalar = Unicode.Scalar(value) {
                out.unicodeScalars.append(scalar)
                rest = body[digits.endIndex...].drop { $0 == ";" }
            } else {
                out += "&#"
                rest = body
            }
        }
        return (out + rest).replacingOccurrences(of: "&colon;", with: ":")
    }
}
