import CLibXML2
#if canImport(Glibc)
import Glibc
#endif

/// Walking a libxml2 XML tree from Swift, for the OPML reader: element names, attributes
/// and descendants. (HTML pages are read through BylineExtract's `HTMLDocument`.)
enum LibXMLTree {
    /// The element's local name, lowercased, so `OPML` and `opml` read alike.
    static func name(_ node: xmlNodePtr) -> String {
        guard let name = node.pointee.name else { return "" }
        return String(cString: name).lowercased()
    }

    /// Every attribute, names lowercased, for case-insensitive lookups (OPML's `xmlUrl`
    /// is written `xmlurl` by some exporters).
    static func attributes(_ node: xmlNodePtr) -> [String: String] {
        var result: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            if let name = current.pointee.name, let value = xmlNodeGetContent(UnsafeMutableRawPointer(current).assumingMemoryBound(to: xmlNode.self)) {
                result[String(cString: name).lowercased()] = String(cString: value)
                free(value)
            }
            attribute = current.pointee.next
        }
        return result
    }

    /// The element children of `node`, in order.
    static func elements(of node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(current) }
            child = current.pointee.next
        }
        return result
    }

    /// Visits every element under `node`, depth first, without recursion (so a deeply
    /// nested hostile document cannot exhaust the stack).
    static func forEachElement(under node: xmlNodePtr, _ visit: (xmlNodePtr) -> Void) {
        var stack = elements(of: node).reversed() as [xmlNodePtr]
        while let current = stack.popLast() {
            visit(current)
            stack.append(contentsOf: elements(of: current).reversed())
        }
    }
}
