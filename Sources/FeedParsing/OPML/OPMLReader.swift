import CLibXML2

/// Reads the subscriptions out of an OPML 1.0 or 2.0 file.
///
/// Every `outline` with an `xmlUrl`, however deeply nested in folders, is a feed. External
/// entities are never loaded or expanded, and nothing is fetched from the network.
public enum OPMLReader {
    /// `name` names the file in errors.
    public static func subscriptions(in bytes: [UInt8], name: String) throws(OPMLError) -> [Subscription] {
        guard !bytes.isEmpty else { throw .malformed(name, line: nil, reason: "the file is empty") }
        guard bytes.count <= Int(Int32.max) else { throw .malformed(name, line: nil, reason: "the file is too large") }
        if let problem = byline_libxml2_problem() { throw .malformed(name, line: nil, reason: String(cString: problem)) }
        xmlResetLastError()
        // No XML_PARSE_NOENT or XML_PARSE_DTDLOAD: entities stay unexpanded, DTDs unread.
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.flatMap { start in
                start.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlReadMemory($0, Int32(buffer.count), nil, nil, options)
                }
            }
        }
        guard let document else { throw lastError(name) }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document), LibXMLTree.name(root) == "opml" else {
            throw .notOPML(name)
        }
        var found: [Subscription] = []
        LibXMLTree.forEachElement(under: root) { node in
            guard LibXMLTree.name(node) == "outline" else { return }
            let attributes = LibXMLTree.attributes(node)
            guard let url = SafeText.clean(attributes["xmlurl"]) else { return }
            let title = SafeText.clean(attributes["title"]) ?? SafeText.clean(attributes["text"])
            let mode = attributes["fullstory"].flatMap(FullStoryMode.init(rawValue:)) ?? .auto
            found.append(Subscription(url: url, title: title, fullStory: mode, folder: folder(of: node)))
        }
        return found
    }

    /// The folders a feed's outline sits in: the titles of the outlines around it, outermost
    /// first, joined by " / "; nil for a feed at the top of the body.
    static func folder(of node: xmlNodePtr) -> String? {
        var names: [String] = []
        var parent = node.pointee.parent
        while let current = parent, current.pointee.type == XML_ELEMENT_NODE, LibXMLTree.name(current) == "outline" {
            let attributes = LibXMLTree.attributes(current)
            if let name = SafeText.clean(attributes["title"]) ?? SafeText.clean(attributes["text"]) { names.append(name) }
            parent = current.pointee.parent
        }
        return names.isEmpty ? nil : names.reversed().joined(separator: " / ")
    }

    static func lastError(_ name: String) -> OPMLError {
        guard let error = xmlGetLastError() else { return .malformed(name, line: nil, reason: "not well-formed XML") }
        let message = error.pointee.message.map { String(cString: $0) } ?? "not well-formed XML"
        let reason = SafeText.clean(message) ?? "not well-formed XML"
        return .malformed(name, line: error.pointee.line > 0 ? Int(error.pointee.line) : nil, reason: reason)
    }
}

/// Why an OPML file could not be read.
public enum OPMLError: Error, Equatable, CustomStringConvertible {
    case malformed(String, line: Int?, reason: String)
    case notOPML(String)

    public var description: String {
        switch self {
        case .malformed(let name, let line?, let reason): "\(name): malformed at line \(line): \(reason)"
        case .malformed(let name, nil, let reason): "\(name): \(reason)"
        case .notOPML(let name): "\(name): not an OPML file (no <opml> root element)"
        }
    }
}
