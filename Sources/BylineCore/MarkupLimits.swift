/// What Byline hands to libxml2, bounded before it gets there.
///
/// libxml2 2.9.14 checks an element's attributes for duplicates pair by pair: 40,000
/// attributes on one element took 9 s, 300,000 more than two minutes. No page or feed
/// needs more than a few dozen, so past `attributesPerElement` the rest of a tag's
/// attributes are dropped, in one linear pass over the bytes.
public enum MarkupLimits {
    public static let attributesPerElement = 1_000
    /// The most markup one document may hand a parser; a feed or page past it is cut.
    public static let documentBytes = 16 * 1024 * 1024

    /// Drops attributes past `limit` from every tag; returns whether anything was dropped.
    /// Works on any ASCII-compatible encoding: it looks only at `<`, `>`, quotes, `=`,
    /// `/` and ASCII whitespace.
    @discardableResult
    public static func dropExcessAttributes(_ bytes: inout [UInt8], limit: Int = attributesPerElement) -> Bool {
        // A first pass only looks, so a document within the limit is never copied.
        var none: [UInt8]? = nil
        guard scan(bytes, limit: limit, into: &none) else { return false }
        var out: [UInt8]? = []
        out?.reserveCapacity(bytes.count)
        scan(bytes, limit: limit, into: &out)
        bytes = out ?? bytes
        return true
    }

    /// Copies `bytes` into `out` without the attributes past `limit`, and says whether
    /// there were any; with no `out`, stops at the first.
    @discardableResult
    private static func scan(_ bytes: [UInt8], limit: Int, into out: inout [UInt8]?) -> Bool {
        let writing = out != nil
        var dropped = false
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "<"), index + 1 < count else {
                if writing { out?.append(byte) }
                index += 1
                continue
            }
            if bytes[index + 1] == UInt8(ascii: "!") {
                // Comments and CDATA may hold anything; copy them whole.
                let end = commentOrSectionEnd(bytes, from: index)
                if writing { out?.append(contentsOf: bytes[index..<end]) }
                index = end
                continue
            }
            guard isLetter(bytes[index + 1]) else {
                if writing { out?.append(byte) }
                index += 1
                continue
            }
            // A start tag: its name, then attributes until '>'.
            var cursor = index + 1
            while cursor < count, !isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: ">"),
                  bytes[cursor] != UInt8(ascii: "/") { cursor += 1 }
            if writing { out?.append(contentsOf: bytes[index..<cursor]) }
            var attributes = 0
            while cursor < count {
                let start = cursor
                while cursor < count, isSpace(bytes[cursor]) || bytes[cursor] == UInt8(ascii: "/") { cursor += 1 }
                if cursor >= count || bytes[cursor] == UInt8(ascii: ">") {
                    if writing { out?.append(contentsOf: bytes[start..<cursor]) }
                    break
                }
                // One attribute: a name, and perhaps '=' and a value.
                while cursor < count, !isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: "="),
                      bytes[cursor] != UInt8(ascii: ">") { cursor += 1 }
                var afterName = cursor
                while afterName < count, isSpace(bytes[afterName]) { afterName += 1 }
                if afterName < count, bytes[afterName] == UInt8(ascii: "=") {
                    cursor = afterName + 1
                    while cursor < count, isSpace(bytes[cursor]) { cursor += 1 }
                    if cursor < count, bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") {
                        let quote = bytes[cursor]
                        cursor += 1
                        while cursor < count, bytes[cursor] != quote { cursor += 1 }
                        if cursor < count { cursor += 1 }
                    } else {
                        while cursor < count, !isSpace(bytes[cursor]), bytes[cursor] != UInt8(ascii: ">") { cursor += 1 }
                    }
                }
                attributes += 1
                if attributes <= limit {
                    if writing { out?.append(contentsOf: bytes[start..<cursor]) }
                } else {
                    dropped = true
                    if !writing { return true }
                }
            }
            index = cursor
        }
        return dropped
    }

    /// Cuts `bytes` to `documentBytes`; returns whether it was cut.
    @discardableResult
    public static func cutToSize(_ bytes: inout [UInt8], limit: Int = documentBytes) -> Bool {
        guard bytes.count > limit else { return false }
        bytes.removeSubrange(limit...)
        return true
    }

    private static func commentOrSectionEnd(_ bytes: [UInt8], from start: Int) -> Int {
        let isComment = bytes[start...].starts(with: Array("<!--".utf8))
        let isSection = bytes[start...].starts(with: Array("<![CDATA[".utf8))
        let close: [UInt8] = isComment ? Array("-->".utf8) : isSection ? Array("]]>".utf8) : Array(">".utf8)
        var index = start + 2
        while index + close.count <= bytes.count {
            if bytes[index] == close[0], bytes[index..<index + close.count].elementsEqual(close) { return index + close.count }
            index += 1
        }
        return bytes.count
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
}
