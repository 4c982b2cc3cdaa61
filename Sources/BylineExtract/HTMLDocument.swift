import BylineCore
import CLibXML2
import FoundationEssentials

/// A parsed HTML page as a flat, Swift-owned tree of elements and text.
///
/// libxml2's HTML parser reads the page (forgiving like a browser, never touching the
/// network); the C tree is copied into `nodes` and freed at once, so the document is a
/// plain value that is safe to keep and share. Node 0 is the document itself.
public struct HTMLDocument: Sendable {
    /// One element or text run of the page.
    public struct Node: Sendable {
        /// Lower-case tag name; empty for text.
        public var name: String
        /// Attributes with lower-case names; the first of a repeated name wins.
        public var attributes: [String: String]
        /// The text of a text node; empty for elements.
        public var text: String
        public var parent: Int
        public var children: [Int]

        public var isText: Bool { name.isEmpty }

        public func attribute(_ name: String) -> String? { attributes[name] }
    }

    public private(set) var nodes: [Node]
    /// Per node, kept beside `nodes` so that the statistics passes read flat arrays.
    private(set) var kinds: [NodeKind] = [.other]
    private(set) var parents: [Int] = [-1]
    /// Characters and commas of a text node (whitespace runs counted once); 0 for elements.
    private(set) var textSizes: [Int] = [0]
    private(set) var textCommas: [Int] = [0]

    /// The document node, parent of `<html>`.
    public static let root = 0

    /// Parses page bytes, choosing the charset as a browser would (see `HTMLCharset`).
    public init(data: Data, contentType: String? = nil) {
        let charset = HTMLCharset.detect(data, contentType: contentType)
        self.init(decoding: data, charset: charset)
    }

    /// Parses HTML text that is already decoded.
    public init(html: String) {
        nodes = [Node(name: "#document", attributes: [:], text: "", parent: -1, children: [])]
        var utf8 = Array(StoryText.removingControls(html).utf8)
        parse(&utf8, encoding: "UTF-8")
    }

    private init(decoding data: Data, charset: String) {
        nodes = [Node(name: "#document", attributes: [:], text: "", parent: -1, children: [])]
        if let text = HTMLCharset.decode(data, charset: charset) {
            // Escape sequences go before parsing: libxml2 drops a bare ESC byte but would
            // keep the rest of its sequence as text.
            var utf8 = Array(StoryText.removingControls(text).utf8)
            parse(&utf8, encoding: "UTF-8")
        } else {
            // A charset Foundation does not know: libxml2's iconv converts it; if libxml2
            // does not know it either, windows-1252 at least keeps every byte readable.
            var bytes = [UInt8](data)
            if !parse(&bytes, encoding: charset) {
                var utf8 = Array(Windows1252.decode(data).utf8)
                parse(&utf8, encoding: "UTF-8")
            }
        }
    }

    // MARK: - Building from libxml2

    @discardableResult
    private mutating func parse(_ bytes: inout [UInt8], encoding: String) -> Bool {
        if bytes.isEmpty { return true }
        // Without libxml2 the page's text is kept whole, markup and all, rather than lost:
        // the fetch's feeds fail with a line saying why, and a story read meanwhile is not
        // saved empty.
        if byline_libxml2_problem() != nil {
            append(Node(name: "", attributes: [:], text: StoryText.removingControls(String(decoding: bytes, as: UTF8.self)), parent: HTMLDocument.root,
                        children: []))
            return true
        }
        // Bounded before libxml2 sees it: its duplicate-attribute check is quadratic.
        MarkupLimits.cutToSize(&bytes)
        MarkupLimits.dropExcessAttributes(&bytes)
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_IGNORE_ENC.rawValue | HTML_PARSE_COMPACT.rawValue)
        let document: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) { start in
                htmlReadMemory(start, Int32(clamping: buffer.count), nil, encoding, options)
            }
        }
        guard let document else { return false }
        defer { xmlFreeDoc(document) }
        copy(from: document.pointee.children, into: HTMLDocument.root)
        return true
    }

    /// Copies a libxml2 subtree without recursion, so deeply nested pages cannot exhaust the stack.
    private mutating func copy(from first: xmlNodePtr?, into parent: Int) {
        var stack: [(xmlNodePtr, Int)] = []
        var sibling = first
        var pending: [(xmlNodePtr, Int)] = []
        while let node = sibling { pending.append((node, parent)); sibling = node.pointee.next }
        stack.append(contentsOf: pending.reversed())
        while let (node, parentIndex) = stack.popLast() {
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                let index = append(Node(
                    name: Self.string(node.pointee.name).lowercased(), attributes: Self.attributes(of: node),
                    text: "", parent: parentIndex, children: []))
                pending.removeAll(keepingCapacity: true)
                var child = node.pointee.children
                while let c = child { pending.append((c, index)); child = c.pointee.next }
                stack.append(contentsOf: pending.reversed())
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                let text = Self.string(node.pointee.content)
                if !text.isEmpty {
                    append(Node(name: "", attributes: [:], text: text, parent: parentIndex, children: []))
                }
            default:
                continue  // comments, processing instructions, DTDs
            }
        }
    }

    @discardableResult
    private mutating func append(_ node: Node) -> Int {
        let index = nodes.count
        nodes.append(node)
        nodes[node.parent].children.append(index)
        kinds.append(node.isText ? .text : NodeKind(node.name))
        parents.append(node.parent)
        let (size, commas) = node.isText ? Self.measure(node.text) : (0, 0)
        textSizes.append(size)
        textCommas.append(commas)
        return index
    }

    private static func measure(_ text: String) -> (Int, Int) {
        var chars = 0
        var space = true
        var commas = 0
        for byte in text.utf8 where byte & 0xC0 != 0x80 {  // one count per character
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
                if !space { chars += 1; space = true }
            case 0x2C:
                chars += 1
                space = false
                commas += 1
            default:
                chars += 1
                space = false
            }
        }
        return (chars, commas)
    }

    private static func attributes(of node: xmlNodePtr) -> [String: String] {
        var result: [String: String] = [:]
        var attribute = node.pointee.properties
        while let a = attribute {
            let name = string(a.pointee.name).lowercased()
            var value = ""
            var part = a.pointee.children
            while let p = part { value += string(p.pointee.content); part = p.pointee.next }
            if result[name] == nil { result[name] = value }
            attribute = a.pointee.next
        }
        return result
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}

// MARK: - Walking

extension HTMLDocument {
    public subscript(index: Int) -> Node { nodes[index] }

    /// The first element with this tag name, in document order.
    public func first(_ name: String, under start: Int = HTMLDocument.root) -> Int? {
        var stack = [start]
        while let index = stack.popLast() {
            if nodes[index].name == name { return index }
            stack.append(contentsOf: nodes[index].children.reversed())
        }
        return nil
    }

    /// Every element with one of these tag names, in document order.
    public func all(_ names: Set<String>, under start: Int = HTMLDocument.root) -> [Int] {
        var found: [Int] = []
        var stack = [start]
        while let index = stack.popLast() {
            if names.contains(nodes[index].name) { found.append(index) }
            stack.append(contentsOf: nodes[index].children.reversed())
        }
        return found
    }

    /// The text under a node, whitespace collapsed.
    public func text(of start: Int) -> String {
        var out = ""
        var stack = [start]
        while let index = stack.popLast() {
            let node = nodes[index]
            if node.isText {
                out += node.text
            } else if !HTMLVocabulary.neverText.contains(node.name) {
                stack.append(contentsOf: node.children.reversed())
            }
        }
        return TextSpace.collapse(out)
    }

    /// Whether `node` lies inside `ancestor` (or is it).
    public func isInside(_ node: Int, _ ancestor: Int) -> Bool {
        var current = node
        while current >= 0 {
            if current == ancestor { return true }
            current = nodes[current].parent
        }
        return false
    }
}
