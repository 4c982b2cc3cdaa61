import Foundation

/// One piece of an HTML fragment, as the old SGML parser feedparser builds on sees it.
enum HTMLToken {
    case startTag(name: String, attributes: [(String, String)], selfClosing: Bool)
    case endTag(String)
    case text(String)
    case characterReference(String)
    case entityReference(String)
    case comment(String)
    case declaration(String)
}

/// Splits feed HTML into tags, text and references with the quirks of Python's
/// `sgmllib` as feedparser uses it, so sanitised output matches feedparser's byte for byte.
///
/// It never builds a tree: feed fragments are often unbalanced, and the sanitiser only
/// needs to drop or rewrite single tags.
struct HTMLTokenizer {
    /// What to do with `<!--` that never closes: feedparser's sanitiser drops the rest.
    var dropsUnclosedComments: Bool

    func tokens(_ source: String) -> [HTMLToken] {
        let s = Array(source.unicodeScalars)
        let n = s.count
        var out: [HTMLToken] = []
        var i = 0
        var lastTag = ""

        func text(_ from: Int, _ to: Int) {
            if from < to { out.append(.text(String(scalars: s[from..<to]))) }
        }

        scanning: while i < n {
            var j = i
            while j < n, s[j] != "<", s[j] != "&" { j += 1 }
            text(i, j)
            i = j
            if i == n { break }
            if s[i] == "<" {
                let next: Unicode.Scalar? = i + 1 < n ? s[i + 1] : nil
                if let next, next == ">" || isLetter(next) {
                    guard let end = startTag(s, i, &lastTag, &out) else { break scanning }
                    i = end
                    continue
                }
                if next == "/" {
                    guard let bracket = endBracket(s, i + 1) else { break scanning }
                    let name = String(scalars: Self.trimmed(s[(i + 2)..<bracket])).lowercased()
                    out.append(.endTag(name))
                    i = bracket < n && s[bracket] == ">" ? bracket + 1 : bracket
                    continue
                }
                if matches(s, i, "<!--") {
                    if let close = commentClose(s, i + 4) {
                        out.append(.comment(String(scalars: s[(i + 4)..<close.start])))
                        i = close.end
                        continue
                    }
                    guard dropsUnclosedComments else { break scanning }
                    if let end = looseCommentEnd(s, i + 4) {
                        i = end
                    } else {
                        i = n
                    }
                    continue
                }
                if matches(s, i, "<?") {
                    guard let close = index(of: ">", in: s, from: i + 2) else { break scanning }
                    i = close + 1
                    continue
                }
                if matches(s, i, "<![") {
                    out.append(.text("&lt;"))
                    i += 1
                    continue
                }
                if matches(s, i, "<!") {
                    switch declaration(s, i) {
                    case .incomplete:
                        break scanning
                    case .complete(let end, let text):
                        if let text { out.append(.declaration(text)) }
                        i = end
                    case .invalid:
                        out.append(.text("&lt;"))
                        i += 1
                    }
                    continue
                }
            } else if let (name, end) = characterReference(s, i) {
                out.append(.characterReference(name))
                i = end
                continue
            } else if let (name, end) = entityReference(s, i) {
                out.append(.entityReference(name))
                i = end
                continue
            }
            // An incomplete construct: keep it as text, or stop when it runs to the end.
            let end = incompleteEnd(s, i)
            if end == n { break }
            text(i, max(end, i + 1))
            i = max(end, i + 1)
        }
        text(i, n)
        return out
    }

    /// The scalars without leading and trailing white space and line breaks, as
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` trims them, without a bridged
    /// string for every end tag.
    static func trimmed(_ scalars: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value)
                : CharacterSet.whitespacesAndNewlines.contains(scalar)
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return [] }
        return scalars[first...last]
    }

    // MARK: - Tags

    func startTag(_ s: [Unicode.Scalar], _ i: Int, _ lastTag: inout String, _ out: inout [HTMLToken]) -> Int? {
        let n = s.count
        guard let bracket = endBracket(s, i + 1) else { return nil }
        var k: Int
        let tag: String
        if s[i + 1] == ">" {
            k = bracket
            tag = lastTag
        } else {
            k = i + 1
            while k < n, isNameScalar(s[k], extra: "-_.:") { k += 1 }
            tag = String(scalars: s[(i + 1)..<k]).lowercased()
            lastTag = tag
        }
        var attributes: [(String, String)] = []
        while k < bracket, let (name, value, end) = attribute(s, k, limit: bracket) {
            attributes.append((name.lowercased(), value))
            k = end
        }
        let end = bracket < n && s[bracket] == ">" ? bracket + 1 : bracket
        let selfClosing = end >= 2 && s[end - 2] == "/" && s[end - 1] == ">"
        out.append(.startTag(name: tag, attributes: attributes, selfClosing: selfClosing))
        return end
    }

    /// sgmllib's attribute pattern: a name, then optionally `=` and a quoted or bare value.
    func attribute(_ s: [Unicode.Scalar], _ start: Int, limit: Int) -> (String, String, Int)? {
        let n = s.count
        var k = start
        while k < n, isSpace(s[k]) { k += 1 }
        guard k < n, isLetter(s[k]) || s[k] == "_" else { return nil }
        let nameStart = k
        while k < n, isNameScalar(s[k], extra: "-:._") { k += 1 }
        let name = String(scalars: s[nameStart..<k])
        if k < n, s[k] == "$" { k += 1 }
        var m = k
        while m < n, isSpace(s[m]) { m += 1 }
        guard m < n, s[m] == "=" else { return (name, name, k) }
        m += 1
        while m < n, isSpace(s[m]) { m += 1 }
        var value: String
        if m < n, s[m] == "'" || s[m] == "\"", let close = index(of: s[m], in: s, from: m + 1) {
            value = String(scalars: s[(m + 1)..<close])
            m = close + 1
        } else {
            let valueStart = m
            while m < n, isBareValueScalar(s[m]) { m += 1 }
            value = String(scalars: s[valueStart..<m])
            if value.count >= 2, let first = value.first, first == "'" || first == "\"", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
        }
        return (name, completingCharacterReferences(value), m)
    }

    /// sgmllib adds the missing `;` to numeric references in attribute values.
    func completingCharacterReferences(_ value: String) -> String {
        guard value.contains("&#") else { return value }
        let s = Array(value.unicodeScalars)
        var out = ""
        var i = 0
        while i < s.count {
            if s[i] == "&", i + 2 < s.count, s[i + 1] == "#", s[i + 2].properties.numericType != nil, s[i + 2].isASCII {
                var j = i + 2
                while j < s.count, s[j].isASCII, s[j].properties.numericType != nil { j += 1 }
                out += String(scalars: s[i..<j])
                out += ";"
                i = j < s.count && s[j] == ";" ? j + 1 : j
            } else {
                out.unicodeScalars.append(s[i])
                i += 1
            }
        }
        return out
    }

    /// Where a tag ends: the first `<` or `>` outside quoted attribute values (feedparser's
    /// end-bracket rule), or nil when the fragment ends first.
    func endBracket(_ s: [Unicode.Scalar], _ start: Int) -> Int? {
        let n = s.count
        var k = start
        quoted: while k < n {
            let c = s[k]
            if c == "<" || c == ">" { return k }
            if c == "\"" || c == "'" {
                guard let close = index(of: c, in: s, from: k + 1), close + 1 < n,
                      followsQuotedValue(s, close + 1) else { break quoted }
                k = close + 1
                continue
            }
            k += 1
        }
        // Fallback: the first bracket on the same line.
        var m = start
        while m < n, s[m] != "\n" {
            if s[m] == "<" || s[m] == ">" { return m }
            m += 1
        }
        return nil
    }

    func followsQuotedValue(_ s: [Unicode.Scalar], _ k: Int) -> Bool {
        let c = s[k]
        if c == ">" || c == "/" || isSpace(c) { return true }
        var m = k
        while m < s.count, isWordScalar(s[m]) { m += 1 }
        return m > k && m < s.count && s[m] == "="
    }

    // MARK: - Scalars

    func matches(_ s: [Unicode.Scalar], _ i: Int, _ literal: StaticString) -> Bool {
        var k = i
        for byte in UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount) {
            guard k < s.count, s[k].value == UInt32(byte) else { return false }
            k += 1
        }
        return true
    }

    func index(of c: Unicode.Scalar, in s: [Unicode.Scalar], from: Int) -> Int? {
        var k = from
        while k < s.count {
            if s[k] == c { return k }
            k += 1
        }
        return nil
    }

    func isLetter(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
    }

    func isSpace(_ c: Unicode.Scalar) -> Bool { c.properties.isWhitespace }

    func isWordScalar(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isAlphabetic || c.properties.numericType != nil
    }

    func isNameScalar(_ c: Unicode.Scalar, extra: StaticString) -> Bool {
        if isLetter(c) || (c >= "0" && c <= "9") { return true }
        guard c.isASCII else { return false }
        return UnsafeBufferPointer(start: extra.utf8Start, count: extra.utf8CodeUnitCount).contains(UInt8(c.value))
    }

    func isBareValueScalar(_ c: Unicode.Scalar) -> Bool {
        if isLetter(c) || (c >= "0" && c <= "9") { return true }
        switch c {
        case "]", "[", "-", ".", "/", ",", ":", ";", "+", "*", "%", "?", "!", "&", "$", "(", ")", "_", "#", "=", "~", "'", "\"", "@":
            return true
        default:
            return false
        }
    }
}
