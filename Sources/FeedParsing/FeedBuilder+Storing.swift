import BylineCore
import Foundation

/// Ending an element's text (feedparser's `pop`): decoding, resolving links, sanitising
/// HTML, repairing mojibake, then storing the value where the current context says.
extension FeedBuilder {
    static let canBeRelativeURI: Set<String> = [
        "comments", "docs", "href", "icon", "id", "link", "logo", "url", "wfw_comment", "wfw_commentrss",
    ]
    static let canContainMarkup: Set<String> = [
        "content", "copyright", "description", "info", "rights", "subtitle", "summary", "tagline", "title",
    ]

    @discardableResult
    func pop(_ element: String, stripWhitespace: Bool = true) -> String? {
        guard let top = elementStack.last, top.name == element else { return nil }
        elementStack.removeLast()
        var pieces = top.pieces
        if version == .atom10, construct?.isXHTML == true {
            pieces = Self.unwrappingDiv(pieces)
        }
        var output = pieces.joined()
        if stripWhitespace { output = PythonText.strip(output) }
        guard top.expectingText else { return output }

        if construct?.isBase64 == true,
           let data = Data(base64Encoded: output, options: .ignoreUnknownCharacters),
           let decoded = String(data: data, encoding: .utf8) {
            output = decoded
        }
        if Self.canBeRelativeURI.contains(element), !output.isEmpty, element != "id" || guidIsLink {
            output = resolveURI(output)
        }
        if version?.isAtom != true, construct?.type == "text/plain", MarkupGuess.looksLikeHTML(output) {
            construct?.type = "text/html"
        }
        // Decoded once: text read again (a nested element's) is not base64 a second time.
        construct?.isBase64 = false
        let declaredType = construct?.type ?? "text/html"
        if Self.htmlTypes.contains(Self.mapContentType(declaredType)), Self.canContainMarkup.contains(element) {
            output = HTMLRewriter.resolvingLinks(output, base: baseURI, type: declaredType)
            output = HTMLRewriter.sanitise(output, type: declaredType)
        }
        // Undo text that was UTF-8 read as ISO-8859-1 and encoded again.
        if output.unicodeScalars.contains(where: { $0.value >= 0x80 }),
           let latin = output.data(using: .isoLatin1), let repaired = String(data: latin, encoding: .utf8) {
            output = repaired
        }
        output = Windows1252.translate(output)
        if ["category", "tags", "itunes_keywords"].contains(element) { return output }
        if element == "title", titleDepth > -1, titleDepth <= depth { return output }
        store(element, output)
        return output
    }

    func store(_ element: String, _ value: String) {
        var output = value
        if inEntry, !inSource, let entry = entries.last {
            if element == "content" {
                entry.append(.node(detail(output)), to: "content")
            } else if element == "link" {
                guard !inImage else { return }
                output = Self.repairingQueryAmpersands(ByteScan.replacing(output, "&amp;", with: "&"))
                if textLinkIsAlternate || !entry.contains("link") { entry["link"] = .text(output) }
                if !output.isEmpty { entry.lastNode(in: "links")?["href"] = .text(output) }
            } else {
                let key = element == "description" ? "summary" : element
                let id = ObjectIdentifier(entry)
                let old = propertyDepth[id]?[key]
                if old == nil || depth <= old ?? 0 {
                    propertyDepth[id, default: [:]][key] = depth
                    entry[key] = .text(output)
                }
                if inContent > 0 { entry[key + "_detail"] = .node(detail(output)) }
            }
        } else if inFeed || inSource {
            let context = context()
            let key = element == "description" ? "subtitle" : element
            context[key] = .text(output)
            if key == "link" {
                output = Self.repairingQueryAmpersands(output)
                context[key] = .text(output)
                context.lastNode(in: "links")?["href"] = .text(output)
            } else if inContent > 0 {
                context[key + "_detail"] = .node(detail(output))
            }
        }
    }

    /// The `*_detail` dictionary of `value`: the construct's parameters, or only the value
    /// when an inner construct has ended and taken them with it.
    private func detail(_ value: String) -> ParsedNode {
        guard let construct else {
            let node = ParsedNode()
            node["value"] = .text(value)
            return node
        }
        return construct.detail(value)
    }

    /// `?a=1&b;=2` back to `?a=1&b=2`: query strings mangled as if they held references.
    private static func repairingQueryAmpersands(_ link: String) -> String {
        guard ByteScan.contains(link, UInt8(ascii: "&")) else { return link }
        var out = ""
        var rest = Substring(link)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[...amp]
            let after = rest[rest.index(after: amp)...]
            let name = after.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            if !name.isEmpty, name.endIndex < after.endIndex, after[name.endIndex] == ";" {
                out += name
                rest = after[after.index(after: name.endIndex)...]
            } else {
                rest = after
            }
        }
        return out + rest
    }

    /// Atom XHTML content: drop the wrapping `<div>` when everything sits inside it.
    private static func unwrappingDiv(_ pieces: [String]) -> [String] {
        var pieces = pieces
        while pieces.count > 1, let last = pieces.last, PythonText.strip(last).isEmpty { pieces.removeLast() }
        while pieces.count > 1, let first = pieces.first, PythonText.strip(first).isEmpty { pieces.removeFirst() }
        guard let first = pieces.first, first == "<div>" || first.hasPrefix("<div "), pieces.last == "</div>" else { return pieces }
        var depth = 0
        for piece in pieces.dropLast() {
            if piece.hasPrefix("</") {
                depth -= 1
                if depth == 0 { return pieces }
            } else if piece.hasPrefix("<"), !piece.hasSuffix("/>") {
                depth += 1
            }
        }
        return Array(pieces.dropFirst().dropLast())
    }
}
