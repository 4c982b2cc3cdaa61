import Foundation

/// Builds feedparser's result (a feed dictionary and entry dictionaries) from XML events.
///
/// This follows feedparser's own state machine closely, element by element, because
/// real feeds depend on its many recoveries (RSS guids that are links, Atom ids, content
/// versus summary, escaped versus inline HTML) and the test corpus checks them.
final class FeedBuilder: XMLEventHandler {
    var feed = ParsedNode()
    var entries: [ParsedNode] = []
    var version = ""

    // Namespaces: the document's prefixes, and what they map to.
    var namespacesInUse: [(prefix: String, uri: String)] = []
    var namespaceMap: [String: String] = [:]
    private var xlinkDeclarations: [(String, String)] = []

    // Where we are.
    var baseURI: String
    var lang: String?
    var inFeed = false
    var inEntry = false
    var inContent = 0
    var inTextInput = false
    var inImage = false
    var inAuthor = false
    var inContributor = false
    var inPublisher = false
    var inSource = false
    var hasContent = false
    var guidIsLink = false
    var isEntryLink = false
    /// Whether the link whose text is being read is the alternate one, which wins over
    /// enclosures and other relations as the entry's link.
    var textLinkIsAlternate = true
    var svgDepth = 0
    /// The GML geometry being read: "point", "linestring", "polygon" or "".
    var geometryKind = ""
    /// Inside the first Podlove `psc:chapters` of an entry.
    var inChapters = false
    var titleDepth = -1
    var depth = 0

    var sourceData = ParsedNode()
    var contentParams = ParsedNode()
    var summaryKey: String?
    var elementStack: [(name: String, expectingText: Bool, pieces: [String])] = []
    private var baseStack: [String] = []
    private var langStack: [String?] = []
    private var propertyDepth: [ObjectIdentifier: [String: Int]] = [:]

    init(baseURI: String, language: String? = nil) {
        self.baseURI = baseURI
        lang = language
        if let language, !language.isEmpty { feed["language"] = .text(language.replacingOccurrences(of: "_", with: "-")) }
    }

    // MARK: - Namespaces

    func startPrefixMapping(prefix: String?, uri: String) {
        guard !uri.isEmpty else { return }
        trackNamespace(prefix: prefix, uri: uri)
        if let prefix, uri == "http://www.w3.org/1999/xlink" { xlinkDeclarations.append(("xmlns:" + prefix, uri)) }
    }

    func trackNamespace(prefix: String?, uri: String) {
        var uri = uri
        var lower = uri.lowercased()
        if version.isEmpty {
            if prefix == nil, lower == "http://my.netscape.com/rdf/simple/0.9/" {
                version = "rss090"
            } else if lower == "http://purl.org/rss/1.0/" {
                version = "rss10"
            } else if lower == "http://www.w3.org/2005/atom" {
                version = "atom10"
            }
        }
        if lower.contains("backend.userland.com/rss") {
            uri = "http://backend.userland.com/rss"
            lower = uri
        }
        if let known = FeedNamespaces.prefix(forLowercasedURI: lower) {
            namespaceMap[prefix ?? ""] = known
            setNamespaceInUse(known, uri)
        } else {
            setNamespaceInUse(prefix ?? "", uri)
        }
    }

    private func setNamespaceInUse(_ prefix: String, _ uri: String) {
        if let index = namespacesInUse.firstIndex(where: { $0.prefix == prefix }) {
            namespacesInUse[index].uri = uri
        } else {
            namespacesInUse.append((prefix, uri))
        }
    }

    // MARK: - SAX events

    func startElement(namespace: String?, prefix: String?, localName: String, attributes: [XMLAttribute]) {
        var namespace = namespace
        var lowerNamespace = (namespace ?? "").lowercased()
        if lowerNamespace.contains("backend.userland.com/rss") {
            namespace = "http://backend.userland.com/rss"
            lowerNamespace = "http://backend.userland.com/rss"
        }
        var pairs = xlinkDeclarations
        xlinkDeclarations = []
        var name = localName.lowercased()
        if name == "math", namespace == "http://www.w3.org/1998/Math/MathML" { pairs.append(("xmlns", namespace ?? "")) }
        if name == "svg", namespace == "http://www.w3.org/2000/svg" { pairs.append(("xmlns", namespace ?? "")) }
        name = qualifiedName(name, namespace: namespace, lowerNamespace: lowerNamespace)
        for attribute in attributes {
            var key = attribute.localName
            if let known = FeedNamespaces.prefix(forLowercasedURI: (attribute.namespace ?? "").lowercased()), !known.isEmpty {
                key = known + ":" + key
            }
            pairs.append((key.lowercased(), attribute.value))
        }
        startTag(name, pairs)
    }

    func endElement(namespace: String?, prefix: String?, localName: String) {
        var lowerNamespace = (namespace ?? "").lowercased()
        if lowerNamespace.contains("backend.userland.com/rss") { lowerNamespace = "http://backend.userland.com/rss" }
        endTag(qualifiedName(localName.lowercased(), namespace: namespace, lowerNamespace: lowerNamespace))
    }

    /// `prefix:name` with the canonical prefix of a known namespace, or the document's
    /// own prefix for an unknown one.
    private func qualifiedName(_ name: String, namespace: String?, lowerNamespace: String) -> String {
        if let known = FeedNamespaces.prefix(forLowercasedURI: lowerNamespace) {
            return known.isEmpty ? name : known.lowercased() + ":" + name
        }
        if let namespace, !namespace.isEmpty,
           let declared = namespacesInUse.first(where: { !$0.prefix.isEmpty && $0.uri == namespace }) {
            return (declared.prefix + ":" + name).lowercased()
        }
        return name
    }

    func characters(_ text: String) {
        handleData(text)
    }

    // MARK: - Tags (feedparser's unknown_starttag / unknown_endtag)

    private func startTag(_ tag: String, _ rawPairs: [(String, String)]) {
        depth += 1
        let pairs = rawPairs.map { key, value in
            let key = key.lowercased()
            return (key, key == "rel" || key == "type" ? value.lowercased() : value)
        }
        var attributes = ElementAttributes(pairs)
        let base = nonEmpty(attributes["xml:base"] ?? attributes["base"]) ?? baseURI
        if !baseURI.isEmpty {
            baseURI = nonEmpty(URIReference.safeAbsolute(baseURI, base)) ?? baseURI
        } else {
            baseURI = URIReference.join(baseURI, base)
        }
        var newLang = attributes["xml:lang"] ?? attributes["lang"]
        if newLang == "" {
            newLang = nil
        } else if newLang == nil {
            newLang = lang
        }
        if let newLang, !newLang.isEmpty, ["feed", "rss", "rdf:RDF"].contains(tag) {
            feed["language"] = .text(newLang.replacingOccurrences(of: "_", with: "-"))
        }
        lang = newLang
        baseStack.append(baseURI)
        langStack.append(newLang)

        if inContent > 0, !(contentParams.text("type") ?? "xml").hasSuffix("xml") {
            if tag == "xhtml:div" || tag == "div" { return }
            contentParams["type"] = .text("application/xhtml+xml")
        }
        if inContent > 0, contentParams.text("type") == "application/xhtml+xml" {
            var local = tag
            var written = pairs
            if let colon = tag.firstIndex(of: ":") {
                let prefix = String(tag[..<colon])
                local = String(tag[tag.index(after: colon)...])
                let namespace = namespacesInUse.first { $0.prefix == prefix }?.uri ?? ""
                if local == "math", namespace == "http://www.w3.org/1998/Math/MathML" { written.append(("xmlns", namespace)) }
                if local == "svg", namespace == "http://www.w3.org/2000/svg" { written.append(("xmlns", namespace)) }
            }
            if local == "svg" { svgDepth += 1 }
            handleData("<\(local)\(Self.attributeText(written))>", escape: false)
            return
        }

        let (prefix, suffix) = splitPrefix(tag)
        if prefix.isEmpty, !["title", "link", "description", "name"].contains(tag) { inTextInput = false }
        if prefix.isEmpty, !["title", "link", "description", "url", "href", "width", "height"].contains(tag) { inImage = false }
        let handlerName = prefix + suffix
        if !start(handlerName, &attributes) {
            if attributes.isEmpty {
                push(handlerName, expectingText: true)
            } else {
                context()[handlerName] = .node(attributes.node)
            }
        }
    }

    private func endTag(_ tag: String) {
        let (prefix, suffix) = splitPrefix(tag)
        if suffix == "svg", svgDepth > 0 { svgDepth -= 1 }
        let handlerName = prefix + suffix
        if svgDepth > 0 || !end(handlerName) { pop(handlerName) }

        if inContent > 0, !(contentParams.text("type") ?? "xml").hasSuffix("xml") {
            if tag == "xhtml:div" || tag == "div" { return }
            contentParams["type"] = .text("application/xhtml+xml")
        }
        if inContent > 0, contentParams.text("type") == "application/xhtml+xml" {
            let local = tag.split(separator: ":").last.map(String.init) ?? tag
            handleData("</\(local)>", escape: false)
        }
        if !baseStack.isEmpty {
            baseStack.removeLast()
            if let last = baseStack.last, !last.isEmpty { baseURI = last }
        }
        if !langStack.isEmpty {
            langStack.removeLast()
            if let last = langStack.last { lang = last }
        }
        depth -= 1
    }

    /// The handler-name prefix of a tag: `dc:title` → ("dc_", "title").
    private func splitPrefix(_ tag: String) -> (String, String) {
        guard let colon = tag.firstIndex(of: ":") else { return ("", tag) }
        var prefix = String(tag[..<colon])
        let suffix = String(tag[tag.index(after: colon)...])
        prefix = namespaceMap[prefix] ?? prefix
        return (prefix.isEmpty ? "" : prefix + "_", suffix)
    }

    static func attributeText(_ pairs: [(String, String)]) -> String {
        pairs.map { key, value in
            let escaped = value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            return " \(key)=\"\(escaped)\""
        }.joined()
    }

    func handleData(_ text: String, escape: Bool = true) {
        guard !elementStack.isEmpty else { return }
        var text = text
        if escape, contentParams.text("type") == "application/xhtml+xml" {
            text = text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
        }
        elementStack[elementStack.count - 1].pieces.append(text)
    }

    func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }

    // MARK: - Context

    /// The dictionary new values go to: the source, image, text input, entry or feed.
    func context() -> ParsedNode {
        if inSource { return sourceData }
        if inImage, let image = feed["image"]?.node { return image }
        if inTextInput, let input = feed["textinput"]?.node { return input }
        if inEntry, let entry = entries.last { return entry }
        return feed
    }

    func save(_ key: String, _ value: ParsedNode.Value, overwrite: Bool = false) {
        let context = context()
        if overwrite { context[key] = value } else { context.setDefault(key, value) }
    }

    func resolveURI(_ uri: String) -> String {
        URIReference.join(baseURI, uri)
    }

    // MARK: - Element stack

    func push(_ element: String, expectingText: Bool) {
        elementStack.append((element, expectingText, []))
    }

    /// Sets the text of the innermost element, for values taken from attributes.
    func setPendingText(_ text: String) {
        guard !elementStack.isEmpty else { return }
        elementStack[elementStack.count - 1].pieces = [text]
    }

    func pushContent(_ tag: String, _ attributes: ElementAttributes, defaultType: String, expectingText: Bool) {
        inContent += 1
        if let current = lang { lang = current.replacingOccurrences(of: "_", with: "-") }
        let params = ParsedNode()
        params["type"] = .text(Self.mapContentType(attributes["type"] ?? defaultType))
        params["language"] = lang.map { .text($0) } ?? .null
        params["base"] = .text(baseURI)
        contentParams = params
        contentParams.setRaw("base64", .flag(isBase64(attributes)))
        push(tag, expectingText: expectingText)
    }

    @discardableResult
    func popContent(_ tag: String) -> String? {
        let value = pop(tag)
        inContent -= 1
        contentParams.removeAll()
        return value
    }

    private func isBase64(_ attributes: ElementAttributes) -> Bool {
        if attributes["mode"] == "base64" { return true }
        let type = contentParams.text("type") ?? ""
        return !(type.hasPrefix("text/") || type.hasSuffix("+xml") || type.hasSuffix("/xml"))
    }

    static func mapContentType(_ type: String) -> String {
        let type = type.lowercased()
        switch type {
        case "text", "plain": return "text/plain"
        case "html": return "text/html"
        case "xhtml": return "application/xhtml+xml"
        default: return type
        }
    }

    static let htmlTypes: Set<String> = ["application/xhtml+xml", "text/html"]

    // MARK: - Storing (feedparser's pop)

    private static let canBeRelativeURI: Set<String> = [
        "comments", "docs", "href", "icon", "id", "link", "logo", "url", "wfw_comment", "wfw_commentrss",
    ]
    private static let canContainMarkup: Set<String> = [
        "content", "copyright", "description", "info", "rights", "subtitle", "summary", "tagline", "title",
    ]

    @discardableResult
    func pop(_ element: String, stripWhitespace: Bool = true) -> String? {
        guard let top = elementStack.last, top.name == element else { return nil }
        elementStack.removeLast()
        var pieces = top.pieces
        if version == "atom10", (contentParams.text("type") ?? "text") == "application/xhtml+xml" {
            pieces = Self.unwrappingDiv(pieces)
        }
        var output = pieces.joined()
        if stripWhitespace { output = PythonText.strip(output) }
        guard top.expectingText else { return output }

        if contentParams["base64"]?.isTruthy == true,
           let data = Data(base64Encoded: output, options: .ignoreUnknownCharacters),
           let decoded = String(data: data, encoding: .utf8) {
            output = decoded
        }
        if Self.canBeRelativeURI.contains(element), !output.isEmpty, element != "id" || guidIsLink {
            output = resolveURI(output)
        }
        if !version.hasPrefix("atom"), contentParams.text("type") == "text/plain", MarkupGuess.looksLikeHTML(output) {
            contentParams["type"] = .text("text/html")
        }
        contentParams.remove("mode")
        contentParams.remove("base64")
        let declaredType = contentParams.text("type") ?? "text/html"
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

    private func store(_ element: String, _ value: String) {
        var output = value
        if inEntry, !inSource, let entry = entries.last {
            if element == "content" {
                let params = contentParams.copy()
                params["value"] = .text(output)
                entry.append(.node(params), to: "content")
            } else if element == "link" {
                guard !inImage else { return }
                output = Self.repairingQueryAmpersands(output.replacingOccurrences(of: "&amp;", with: "&"))
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
                if inContent > 0 {
                    let params = contentParams.copy()
                    params["value"] = .text(output)
                    entry[key + "_detail"] = .node(params)
                }
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
                let params = contentParams.copy()
                params["value"] = .text(output)
                context[key + "_detail"] = .node(params)
            }
        }
    }

    /// `?a=1&b;=2` back to `?a=1&b=2`: query strings mangled as if they held references.
    private static func repairingQueryAmpersands(_ link: String) -> String {
        guard link.contains("&") else { return link }
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
