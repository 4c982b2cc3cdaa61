import Foundation

/// Builds feedparser's result (a feed dictionary and entry dictionaries) from XML events.
///
/// This follows feedparser's own state machine closely, element by element, because
/// real feeds depend on its many recoveries (RSS guids that are links, Atom ids, content
/// versus summary, escaped versus inline HTML) and the test corpus checks them.
final class FeedBuilder: XMLEventHandler {
    var feed = ParsedNode()
    var entries: [ParsedNode] = []
    /// Nil until an element or a namespace tells.
    var version: FeedVersion?

    // Namespaces: the document's prefixes, and what they map to.
    var namespacesInUse: [(prefix: String, uri: String)] = []
    var namespaceMap: [String: String] = [:]
    var xlinkDeclarations: [(String, String)] = []

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
    /// The GML geometry being read.
    var geometry = GMLGeometry.none
    /// Inside the first Podlove `psc:chapters` of an entry.
    var inChapters = false
    var titleDepth = -1
    var depth = 0

    var sourceData = ParsedNode()
    /// The text construct being read; nil outside one, and after an inner one ends.
    var construct: TextConstruct?
    /// A second summary or description in an entry is read as its content.
    var summaryIsContent = false
    var elementStack: [(name: String, expectingText: Bool, pieces: [String])] = []
    var baseStack: [String] = []
    var langStack: [String?] = []
    var propertyDepth: [ObjectIdentifier: [String: Int]] = [:]

    init(baseURI: String, language: String? = nil) {
        self.baseURI = baseURI
        lang = language
        if let language, !language.isEmpty { feed["language"] = .text(language.replacingOccurrences(of: "_", with: "-")) }
    }

    // MARK: - Tags (feedparser's unknown_starttag / unknown_endtag)

    func startTag(_ tag: String, _ rawPairs: [(String, String)]) {
        depth += 1
        let pairs = rawPairs.map { key, value in
            let key = key.lowercased()
            return (key, key == "rel" || key == "type" ? value.lowercased() : value)
        }
        var attributes = ElementAttributes(pairs)
        let base = nonEmpty(attributes["xml:base"] ?? attributes["base"]) ?? baseURI
        if !baseURI.isEmpty {
            baseURI = nonEmpty(resolvedBase(baseURI, base)) ?? baseURI
        } else {
            baseURI = URIReference.join(baseURI, base)
        }
        var newLang = attributes["xml:lang"] ?? attributes["lang"]
        if newLang == "" {
            newLang = nil
        } else if newLang == nil {
            newLang = lang
        }
        // feedparser compares with "rdf:RDF" here and so never sees an RDF feed's language.
        if let newLang, !newLang.isEmpty, ["feed", "rss", "rdf:rdf"].contains(tag) {
            feed["language"] = .text(newLang.replacingOccurrences(of: "_", with: "-"))
        }
        lang = newLang
        baseStack.append(baseURI)
        langStack.append(newLang)

        if inContent > 0, let type = construct?.type, !type.hasSuffix("xml") {
            if tag == "xhtml:div" || tag == "div" { return }
            construct?.type = "application/xhtml+xml"
        }
        if inContent > 0, construct?.isXHTML == true {
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

    /// The last base resolved at a start tag, and what it resolved to.
    private var lastBase: (base: String, reference: String, resolved: String)?

    /// `URIReference.safeAbsolute(base, reference)`, remembered for the next tag: almost
    /// every tag resolves the same base against itself, and resolving it each time was a
    /// tenth of a fetch's parsing.
    private func resolvedBase(_ base: String, _ reference: String) -> String {
        if let lastBase, lastBase.base == base, lastBase.reference == reference { return lastBase.resolved }
        let resolved = URIReference.safeAbsolute(base, reference)
        lastBase = (base, reference, resolved)
        return resolved
    }

    func endTag(_ tag: String) {
        let (prefix, suffix) = splitPrefix(tag)
        if suffix == "svg", svgDepth > 0 { svgDepth -= 1 }
        let handlerName = prefix + suffix
        if svgDepth > 0 || !end(handlerName) { pop(handlerName) }

        if inContent > 0, let type = construct?.type, !type.hasSuffix("xml") {
            if tag == "xhtml:div" || tag == "div" { return }
            construct?.type = "application/xhtml+xml"
        }
        if inContent > 0, construct?.isXHTML == true {
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
        if escape, construct?.isXHTML == true {
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
        construct = TextConstruct(type: Self.mapContentType(attributes["type"] ?? defaultType), language: lang,
                                  base: baseURI, mode: attributes["mode"])
        push(tag, expectingText: expectingText)
    }

    @discardableResult
    func popContent(_ tag: String) -> String? {
        let value = pop(tag)
        inContent -= 1
        construct = nil
        return value
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
}
