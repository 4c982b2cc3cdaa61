import Foundation

/// Cleans a `style` attribute the way feedparser does: no `url(…)`, only known
/// properties, and for box properties only known keywords and plain sizes or colours.
enum CSSSanitiser {
    private static let properties: Set<String> = [
        "azimuth", "background-color", "border-bottom-color", "border-collapse", "border-color",
        "border-left-color", "border-right-color", "border-top-color", "clear", "color", "cursor",
        "direction", "display", "elevation", "float", "font", "font-family", "font-size", "font-style",
        "font-variant", "font-weight", "height", "letter-spacing", "line-height", "overflow", "pause",
        "pause-after", "pause-before", "pitch", "pitch-range", "richness", "speak", "speak-header",
        "speak-numeral", "speak-punctuation", "speech-rate", "stress", "text-align", "text-decoration",
        "text-indent", "unicode-bidi", "vertical-align", "voice-family", "volume", "white-space", "width",
    ]

    private static let keywords: Set<String> = [
        "!important", "aqua", "auto", "black", "block", "blue", "bold", "both", "bottom", "brown", "center",
        "collapse", "dashed", "dotted", "fuchsia", "gray", "green", "italic", "left", "lime", "maroon",
        "medium", "navy", "none", "normal", "nowrap", "olive", "pointer", "purple", "red", "right", "silver",
        "solid", "teal", "top", "transparent", "underline", "white", "yellow",
    ]

    private static let svgProperties: Set<String> = [
        "fill", "fill-opacity", "fill-rule", "stroke", "stroke-linecap", "stroke-linejoin", "stroke-opacity",
        "stroke-width",
    ]

    private static func regex(_ pattern: String) -> NSRegularExpression? {
        try? NSRegularExpression(pattern: pattern)
    }

    private static let url = regex(#"url\s*\(\s*[^\s)]+?\s*\)\s*"#)
    private static let gauntlet = regex(#"^([:,;#%.\sa-zA-Z0-9!]|\w-\w|'[\s\w]+'|"[\s\w]+"|\([\d,\s]+\))*$"#)
    private static let declaration = regex(#"\s*[-\w]+\s*:\s*[^:;]*;?"#)
    private static let property = regex(#"([-\w]+)\s*:\s*([^:;]*)"#)
    private static let value = regex(#"^(#[0-9a-f]+|rgb\(\d+%?,\d*%?,?\d*%?\)?|\d{0,2}\.?\d{0,2}(cm|em|ex|in|mm|pc|pt|px|%|,|\))?)$"#)

    /// The cleaned declarations, or "" when the style is not plain enough to keep.
    static func clean(_ style: String, inSVG: Bool) -> String {
        // Long styles are dropped rather than risk slow pattern matching.
        guard style.utf16.count <= 4096, let url, let gauntlet, let declaration, let property, let value else { return "" }
        let style = replace(url, in: style, with: " ")
        guard matches(gauntlet, style) else { return "" }
        guard PythonText.strip(replace(declaration, in: style, with: "")).isEmpty else { return "" }
        var clean: [String] = []
        let ns = style as NSString
        for match in property.matches(in: style, range: NSRange(location: 0, length: ns.length)) {
            let name = ns.substring(with: match.range(at: 1))
            let text = ns.substring(with: match.range(at: 2))
            if text.isEmpty { continue }
            let lower = name.lowercased()
            if properties.contains(lower) {
                clean.append("\(name): \(text);")
            } else if ["background", "border", "margin", "padding"].contains(lower.split(separator: "-").first.map(String.init) ?? "") {
                let words = text.split(whereSeparator: { $0.isWhitespace }).map(String.init)
                if words.allSatisfy({ keywords.contains($0) || matches(value, $0) }) {
                    clean.append("\(name): \(text);")
                }
            } else if inSVG, svgProperties.contains(lower) {
                clean.append("\(name): \(text);")
            }
        }
        return clean.joined(separator: " ")
    }

    private static func replace(_ regex: NSRegularExpression, in text: String, with template: String) -> String {
        regex.stringByReplacingMatches(in: text, range: NSRange(location: 0, length: (text as NSString).length),
                                       withTemplate: template)
    }

    private static func matches(_ regex: NSRegularExpression, _ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(location: 0, length: (text as NSString).length)) != nil
    }
}
