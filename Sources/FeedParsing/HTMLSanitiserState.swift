import BylineCore

/// What the sanitiser tracks between tags: whether it is inside a dropped element
/// (`script`, `style`) or inside inline MathML or SVG, which have their own allow-lists.
struct SanitiserState {
    private(set) var unacceptableDepth = 0
    private var mathMLDepth = 0
    private var svgDepth = 0

    private static let svgNamespace = "http://www.w3.org/2000/svg"
    private static let mathMLNamespace = "http://www.w3.org/1998/Math/MathML"
    private static let xlinkNamespace = "http://www.w3.org/1999/xlink"

    mutating func start(_ name: String, _ attributes: [(String, String)], type: String, into pieces: inout [String]) {
        var tag = name
        var attributes = attributes
        var allowed = HTMLAllowList.attributes
        var attributeNames: [String: String] = [:]
        if !HTMLAllowList.elements.contains(tag) || svgDepth > 0 {
            if HTMLAllowList.elementsDroppedWithContent.contains(tag) { unacceptableDepth += 1 }
            if type.hasSuffix("html"), !attributes.contains(where: { $0.0 == "xmlns" && !$0.1.isEmpty }) {
                if tag == "svg" { attributes.append(("xmlns", Self.svgNamespace)) }
                if tag == "math" { attributes.append(("xmlns", Self.mathMLNamespace)) }
            }
            if tag == "math", attributes.contains(where: { $0 == ("xmlns", Self.mathMLNamespace) }) { mathMLDepth += 1 }
            if tag == "svg", attributes.contains(where: { $0 == ("xmlns", Self.svgNamespace) }) { svgDepth += 1 }
            if mathMLDepth > 0, HTMLAllowList.mathMLElements.contains(tag) {
                allowed = HTMLAllowList.mathMLAttributes
            } else if svgDepth > 0, let written = HTMLAllowList.svgElements[tag] {
                allowed = Set(HTMLAllowList.svgAttributes.keys)
                attributeNames = HTMLAllowList.svgAttributes
                tag = written
            } else if !HTMLAllowList.elements.contains(tag) {
                return
            }
        }
        if mathMLDepth > 0 || svgDepth > 0,
           attributes.contains(where: { $0.0.hasPrefix("xlink:") }),
           !attributes.contains(where: { $0 == ("xmlns:xlink", Self.xlinkNamespace) }) {
            attributes.append(("xmlns:xlink", Self.xlinkNamespace))
        }
        var clean: [(String, String)] = []
        for (key, value) in HTMLRewriter.normalised(attributes) {
            if key == "style", allowed.contains("style") {
                let style = CSSSanitiser.clean(value, inSVG: svgDepth > 0)
                if !style.isEmpty { clean.append((key, style)) }
            } else if allowed.contains(key) {
                var value = value
                if key == "href" { value = URIReference.safeAbsolute(value) }
                // Beyond feedparser: no link attribute may carry a scheme that runs code.
                if HTMLAllowList.linkAttributes.contains(key), !Self.isSafeLink(value) { continue }
                clean.append((attributeNames[key] ?? key, value))
            }
        }
        pieces.append(HTMLRewriter.startTag(tag, clean))
    }

    mutating func end(_ name: String, into pieces: inout [String]) {
        var tag = name
        if !HTMLAllowList.elements.contains(tag) {
            if HTMLAllowList.elementsDroppedWithContent.contains(tag) { unacceptableDepth -= 1 }
            if mathMLDepth > 0, HTMLAllowList.mathMLElements.contains(tag) {
                if tag == "math" { mathMLDepth -= 1 }
            } else if svgDepth > 0, let written = HTMLAllowList.svgElements[tag] {
                tag = written
                if tag == "svg" { svgDepth -= 1 }
            } else {
                return
            }
        }
        if !HTMLRewriter.voidElements.contains(tag) { pieces.append("</\(tag)>") }
    }

    /// A link is safe when, read the way a browser would (ignoring whitespace and control
    /// characters), it names no scheme or an allowed one.
    static func isSafeLink(_ value: String) -> Bool {
        let squeezed = String(String.UnicodeScalarView(value.unicodeScalars.filter {
            !($0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F)
        }))
        // References decoded as a browser would, so `&#106avascript:` is seen for what it is.
        let decoded = HTMLCharacterReferences.decoding(squeezed, .lenient).lowercased()
        guard let colon = decoded.firstIndex(of: ":") else { return true }
        let scheme = decoded[..<colon]
        if scheme.contains(where: { "/?#".contains($0) }) { return true }
        return URIReference.acceptableSchemes.contains(String(scheme))
    }
}
