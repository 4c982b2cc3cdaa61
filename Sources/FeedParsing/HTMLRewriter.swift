import BylineCore
import Foundation

/// Rewrites an HTML fragment from a feed: resolves relative links against the entry's
/// base, or sanitises it against feedparser's allow-list. Output is serialised the way
/// feedparser serialises it, because the test corpus checks it byte for byte.
struct HTMLRewriter {
    enum Mode {
        /// Make relative links in link-bearing attributes absolute.
        case resolvingLinks(base: String)
        /// Keep only allowed elements, attributes and CSS; drop scripts, styles and handlers.
        case sanitising
    }

    let mode: Mode
    /// The fragment's media type; XHTML closes `<br/>`-style tags explicitly.
    let type: String

    /// Elements written without an end tag.
    static let voidElements: Set<String> = [
        "area", "base", "basefont", "br", "col", "command", "embed", "frame", "hr", "img", "input",
        "isindex", "keygen", "link", "meta", "param", "source", "track", "wbr",
    ]

    /// Sanitises `html` the way feedparser's `sanitize_html` does.
    static func sanitise(_ html: String, type: String) -> String {
        let source = ByteScan.contains(html, UInt8(ascii: "!")) ? html.replacingOccurrences(of: "<![CDATA[", with: "&lt;![CDATA[") : html
        let output = PythonText.strip(HTMLRewriter(mode: .sanitising, type: type).rewrite(source))
        return ByteScan.contains(output, UInt8(ascii: "\r")) ? output.replacingOccurrences(of: "\r\n", with: "\n") : output
    }

    /// Resolves relative links in `html` against `base`.
    static func resolvingLinks(_ html: String, base: String, type: String) -> String {
        HTMLRewriter(mode: .resolvingLinks(base: base), type: type).rewrite(html)
    }

    func rewrite(_ html: String) -> String {
        let prepared = Self.prepare(html)
        var sanitiser = SanitiserState()
        var pieces: [String] = []
        let tokenizer = HTMLTokenizer(dropsUnclosedComments: isSanitising)
        for token in tokenizer.tokens(prepared) {
            switch token {
            case .startTag(let name, let attributes, let selfClosing):
                if isSanitising {
                    sanitiser.start(name, attributes, type: type, into: &pieces)
                } else {
                    pieces.append(Self.startTag(name, resolved(name, Self.normalised(attributes))))
                }
                if selfClosing, type == "application/xhtml+xml" { endTag(name, &sanitiser, &pieces) }
            case .endTag(let name):
                endTag(name, &sanitiser, &pieces)
            case .text(let text):
                if !isSanitising || sanitiser.unacceptableDepth == 0 { pieces.append(text) }
            case .characterReference(let reference):
                pieces.append(Self.characterReference(reference))
            case .entityReference(let name):
                if HTMLEntities.isDefined(name) {
                    pieces.append("&\(name);")
                } else if let text = HTMLEntities.text(named: name) {
                    pieces.append(HTMLEntities.numericReferences(text))
                } else {
                    pieces.append("&amp;\(name)")
                }
            case .comment(let text):
                // Beyond feedparser: sanitised HTML keeps no comments, since browsers end a
                // comment at `--!>` too and whatever follows would become live markup.
                if !isSanitising { pieces.append("<!--\(text)-->") }
            case .declaration(let text):
                if !isSanitising { pieces.append("<!\(text)>") }
            }
        }
        return pieces.joined()
    }

    private var isSanitising: Bool {
        if case .sanitising = mode { return true }
        return false
    }

    private func endTag(_ name: String, _ sanitiser: inout SanitiserState, _ pieces: inout [String]) {
        if isSanitising {
            sanitiser.end(name, into: &pieces)
        } else if !Self.voidElements.contains(name) {
            pieces.append("</\(name)>")
        }
    }

    // MARK: - Link resolution

    /// Attributes that hold links, by element.
    private static let linkAttributes: Set<String> = [
        "a href", "applet codebase", "area href", "audio src", "blockquote cite", "body background",
        "del cite", "form action", "frame longdesc", "frame src", "iframe longdesc", "iframe src",
        "head profile", "img longdesc", "img src", "img usemap", "input src", "input usemap", "ins cite",
        "link href", "object classid", "object codebase", "object data", "object usemap", "q cite",
        "script src", "source src", "video poster", "video src",
    ]

    private func resolved(_ tag: String, _ attributes: [(String, String)]) -> [(String, String)] {
        guard case .resolvingLinks(let base) = mode else { return attributes }
        return attributes.map { key, value in
            guard Self.linkAttributes.contains("\(tag) \(key)") else { return (key, value) }
            let absolute = URIReference.safeAbsolute(base, PythonText.strip(value))
            return (key, absolute.isEmpty ? value : absolute)
        }
    }

    // MARK: - Serialisation

    /// feedparser's clean-ups before tokenising: escape stray `<!`, expand `<tag/>`,
    /// and unescape quote references.
    static func prepare(_ html: String) -> String {
        var text = html
        if ByteScan.contains(html, UInt8(ascii: "!")) { text = escapingStrayDeclarations(text) }
        if ByteScan.contains(html, UInt8(ascii: "/")) { text = expandingShortTags(text) }
        guard ByteScan.contains(html, UInt8(ascii: "#")) else { return text }
        return text.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&#34;", with: "\"")
    }

    private static func escapingStrayDeclarations(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let range = rest.range(of: "<!") {
            out += rest[..<range.lowerBound]
            let after = rest[range.upperBound...]
            if after.uppercased().hasPrefix("DOCTYPE") || after.hasPrefix("--") || after.hasPrefix("[") {
                out += "<!"
            } else {
                out += "&lt;!"
            }
            rest = after
        }
        return out + rest
    }

    /// `<br/>` → `<br />`, `<p/>` → `<p></p>` (only tags without attributes, as feedparser does).
    private static func expandingShortTags(_ text: String) -> String {
        // Only a `/>` can be expanded; most feed HTML has none.
        guard ByteScan.contains(text, UInt8(ascii: "/"), UInt8(ascii: ">")) else { return text }
        let s = Array(text.unicodeScalars)
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.count)
        var i = 0
        scanning: while i < s.count {
            if s[i] == "<" {
                var p = i + 1
                while p < s.count, s[p] != "<", s[p] != ">", !s[p].properties.isWhitespace {
                    p += 1
                    var m = p
                    while m < s.count, s[m].properties.isWhitespace { m += 1 }
                    if m + 1 < s.count, s[m] == "/", s[m + 1] == ">" {
                        let tag = String(scalars: s[(i + 1)..<p])
                        out += (voidElements.contains(tag) ? "<\(tag) />" : "<\(tag)></\(tag)>").unicodeScalars
                        i = m + 2
                        continue scanning
                    }
                }
            }
            out.append(s[i])
            i += 1
        }
        return String(scalars: out)
    }

    /// Lowercased, de-duplicated, sorted attributes; `rel` and `type` values lowercased.
    static func normalised(_ attributes: [(String, String)]) -> [(String, String)] {
        var order: [String] = []
        var values: [String: String] = [:]
        for (key, value) in attributes {
            let key = key.lowercased()
            if values[key] == nil { order.append(key) }
            values[key] = value
        }
        return order.map { key in
            let value = values[key] ?? ""
            return (key, key == "rel" || key == "type" ? value.lowercased() : value)
        }.sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
    }

    static func startTag(_ tag: String, _ attributes: [(String, String)]) -> String {
        var text = "<" + tag
        for (key, value) in attributes {
            text += " \(key)=\"\(escapedAttribute(value))\""
        }
        return text + (voidElements.contains(tag) ? " />" : ">")
    }

    private static func escapedAttribute(_ value: String) -> String {
        let special: Set<UInt8> = [UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "&")]
        guard value.utf8.contains(where: special.contains) else { return value }
        let escaped = value.replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
        guard escaped.contains("&") else { return escaped }
        // Escape ampersands that do not start a reference.
        let s = Array(escaped.unicodeScalars)
        var out = ""
        for (i, c) in s.enumerated() {
            out.unicodeScalars.append(c)
            guard c == "&" else { continue }
            var k = i + 1
            if k < s.count, s[k] == "#" {
                k += 1
                let hex = k < s.count && s[k] == "x"
                if hex { k += 1 }
                let start = k
                while k < s.count, hex ? s[k].properties.isASCIIHexDigit : (s[k] >= "0" && s[k] <= "9") { k += 1 }
                if k > start, k < s.count, s[k] == ";" { continue }
            } else {
                let start = k
                while k < s.count, s[k] == "_" || s[k].properties.isAlphabetic || s[k].properties.numericType != nil { k += 1 }
                if k > start, k < s.count, s[k] == ";" { continue }
            }
            out += "amp;"
        }
        return out
    }

    /// A numeric reference, rewritten to the proper code point for windows-1252's 0x80–0x9F.
    private static func characterReference(_ reference: String) -> String {
        let ref = reference.lowercased()
        if let value = HTMLCharacterReferences.numericValue(Substring(ref)), let mapped = Windows1252.replacement(for: value) {
            return "&#x\(String(mapped, radix: 16));"
        }
        return "&#\(ref);"
    }
}
