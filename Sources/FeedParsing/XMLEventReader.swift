import BylineCore
import CLibXML2

/// Receives a document's elements and text in order, like a SAX content handler.
protocol XMLEventHandler: AnyObject {
    func startPrefixMapping(prefix: String?, uri: String)
    func startElement(namespace: String?, prefix: String?, localName: String, attributes: [XMLAttribute])
    func characters(_ text: String)
    func endElement(namespace: String?, prefix: String?, localName: String)
}

/// An attribute with its namespace URI, when it has one.
struct XMLAttribute {
    var namespace: String?
    var localName: String
    var value: String
}

/// How an XML parse went.
struct XMLReadOutcome {
    /// The first error, as "line N: message", when the document is not well-formed.
    var firstError: String?
    var rootName: String?
    /// Set when the document was refused outright (an entity blow-up), not merely ill-formed.
    var refusal: String?
    /// Set when libxml2 could not be loaded, and so nothing was read: why, in one line.
    var parserMissing: String?
}

/// Parses XML with libxml2 in recover mode and replays it as events.
///
/// The parser never loads a DTD or anything from the network (no `XML_PARSE_NOENT`,
/// `XML_PARSE_DTDLOAD`; `XML_PARSE_NONET`), and only internal entities with plain text
/// are expanded, one level deep, so external entities and entity bombs cannot bite.
enum XMLEventReader {
    /// Where to stop replaying text, against documents that expand without bound.
    static let textBudget = 64 * 1024 * 1024
    /// The most text internal entities may add to one document, attributes included: a
    /// feed has no use for more, and a few kilobytes of `&a;` to a 10 KB entity would
    /// otherwise build gigabytes.
    static let entityBudget = 1024 * 1024
    /// Entities may also add at most this many times the document's own size (past a
    /// small floor), so a tiny document cannot blow up even to the budget.
    static let entityRatio = 10

    /// libxml2's global set-up, done once before any parse (it is not safe to race).
    private static let libraryReady: Void = xmlInitParser()

    static func read(_ text: String, url: String?, into handler: XMLEventHandler) -> XMLReadOutcome {
        if let problem = byline_libxml2_problem() { return XMLReadOutcome(parserMissing: String(cString: problem)) }
        Self.libraryReady
        guard let context = xmlNewParserCtxt() else { return XMLReadOutcome(firstError: "line 1: out of memory") }
        defer { xmlFreeParserCtxt(context) }
        guard let sax = context.pointee.sax else { return XMLReadOutcome(firstError: "line 1: out of memory") }
        let errors = ErrorLog()
        context.pointee._private = Unmanaged.passUnretained(errors).toOpaque()
        sax.pointee.serror = { userData, error in
            guard let userData, let error else { return }
            let parser = userData.assumingMemoryBound(to: xmlParserCtxt.self)
            guard let log = parser.pointee._private else { return }
            let errors = Unmanaged<ErrorLog>.fromOpaque(log).takeUnretainedValue()
            guard errors.first == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            let message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
            errors.first = "line \(error.pointee.line): \(PlainText.oneLine(message))"
        }
        let options = Int32(bitPattern: XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue)
        var bytes = Array(text.utf8)
        if bytes.isEmpty { bytes = [0x20] }
        // Bounded before libxml2 sees it: its duplicate-attribute check is quadratic.
        MarkupLimits.cutToSize(&bytes)
        MarkupLimits.dropExcessAttributes(&bytes)
        // The context holds the log unretained, and Swift may release a local after its last
        // visible use: the log must outlive the parse that calls back into it.
        let document = withExtendedLifetime(errors) {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                    xmlCtxtReadMemory(context, pointer, Int32(clamping: buffer.count), url, "UTF-8", options)
                }
            }
        }
        context.pointee._private = nil
        var outcome = XMLReadOutcome()
        if context.pointee.wellFormed == 0 || context.pointee.nsWellFormed == 0 {
            outcome.firstError = errors.first ?? lastError(context) ?? "line 1: not well-formed"
        }
        guard let document else { return outcome }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document) else { return outcome }
        outcome.rootName = root.pointee.name.map { String(cString: $0) }
        let allowance = min(entityBudget, max(64 * 1024, entityRatio * bytes.count))
        var replay = Replay(document: document, handler: handler, entityAllowance: allowance)
        replay.element(root)
        if let refusal = replay.refusal {
            outcome.firstError = refusal
            outcome.refusal = refusal
        }
        return outcome
    }

    private static func lastError(_ context: xmlParserCtxtPtr) -> String? {
        guard let error = xmlCtxtGetLastError(context), let message = error.pointee.message else { return nil }
        return "line \(error.pointee.line): \(PlainText.oneLine(String(cString: message)))"
    }

    private final class ErrorLog {
        var first: String?
    }

    /// Walks the tree libxml2 built and hands each piece to the handler.
    private struct Replay {
        let document: xmlDocPtr
        let handler: XMLEventHandler
        var budget = XMLEventReader.textBudget
        /// Bytes internal entities may still add; checked before any expansion is built.
        var entityAllowance: Int
        let totalAllowance: Int
        var refusal: String?

        init(document: xmlDocPtr, handler: XMLEventHandler, entityAllowance: Int) {
            self.document = document
            self.handler = handler
            self.entityAllowance = entityAllowance
            totalAllowance = entityAllowance
        }

        mutating func element(_ node: xmlNodePtr) {
            guard refusal == nil else { return }
            var declaration = node.pointee.nsDef
            while let ns = declaration {
                let prefix = ns.pointee.prefix.map { String(cString: $0) }
                let uri = ns.pointee.href.map { String(cString: $0) } ?? ""
                handler.startPrefixMapping(prefix: prefix, uri: uri)
                declaration = ns.pointee.next
            }
            let name = node.pointee.name.map { String(cString: $0) } ?? ""
            let namespace = node.pointee.ns?.pointee.href.map { String(cString: $0) }
            let prefix = node.pointee.ns?.pointee.prefix.map { String(cString: $0) }
            var attributes: [XMLAttribute] = []
            var property = node.pointee.properties
            while let attribute = property {
                attributes.append(XMLAttribute(
                    namespace: attribute.pointee.ns?.pointee.href.map { String(cString: $0) },
                    localName: attribute.pointee.name.map { String(cString: $0) } ?? "",
                    value: text(of: attribute.pointee.children)))
                property = attribute.pointee.next
            }
            handler.startElement(namespace: namespace, prefix: prefix, localName: name, attributes: attributes)
            var child = node.pointee.children
            while let current = child {
                switch current.pointee.type {
                case XML_ELEMENT_NODE:
                    element(current)
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    emit(current.pointee.content.map { String(cString: $0) } ?? "")
                case XML_ENTITY_REF_NODE:
                    emit(entityText(current))
                default:
                    break
                }
                child = current.pointee.next
            }
            handler.endElement(namespace: namespace, prefix: prefix, localName: name)
        }

        private mutating func emit(_ text: String) {
            guard !text.isEmpty, budget > 0 else { return }
            budget -= text.utf8.count
            handler.characters(text)
        }

        /// The line of `node`, or of the element holding it when it has none (an attribute's text).
        private static func line(of node: xmlNodePtr) -> Int {
            var current: xmlNodePtr? = node
            while let here = current {
                let line = xmlGetLineNo(here)
                if line > 0 { return line }
                current = here.pointee.parent
            }
            return 1
        }

        /// Attribute text, with internal entities expanded one level.
        private mutating func text(of list: xmlNodePtr?) -> String {
            var out = ""
            var node = list
            while let current = node {
                if current.pointee.type == XML_ENTITY_REF_NODE {
                    out += entityText(current)
                } else if let content = current.pointee.content {
                    out += String(cString: content)
                }
                node = current.pointee.next
            }
            return out
        }

        /// The replacement text of an internal entity; external ones give nothing, and
        /// none do once the document's allowance is spent.
        private mutating func entityText(_ node: xmlNodePtr) -> String {
            guard refusal == nil, let name = node.pointee.name, let entity = xmlGetDocEntity(document, name),
                  entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY, let content = entity.pointee.content else { return "" }
            let length = Int(max(0, entity.pointee.length))
            guard length <= entityAllowance else {
                refusal = "line \(Self.line(of: node)): internal entities expand to more than \(totalAllowance / 1024) KB "
                    + "(an entity blow-up); refused"
                entityAllowance = 0
                return ""
            }
            entityAllowance -= length
            let raw = String(cString: content)
            return HTMLCharacterReferences.decoding(raw, .numericOnly)
        }
    }
}
