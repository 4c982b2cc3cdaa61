import BylineCore

/// Character and entity references in text before and after XML parsing.
enum CharacterReferences {
    /// Rewrites references to entities XML does not define (`&nbsp;`, `&hellip;`) as
    /// numeric references and escapes bare `&`, as feedparser's loose parser reads them;
    /// unknown names become literal text. Comments and CDATA sections are left alone.
    ///
    /// XML's own five (`&lt;` …) become numeric references too, and references to
    /// characters XML forbids (`&#27;`) are dropped: once a document has an error,
    /// libxml2's recovery drops every entity reference but keeps numeric ones, and escaped
    /// HTML must not lose its markup to an error elsewhere in the feed.
    ///
    /// Returns the rewritten document and, when something had to be fixed, what.
    static func replacingUndeclaredEntities(_ text: String, declared: Set<String>) -> (String, String?) {
        guard text.contains("&") else { return (text, nil) }
        // Every character this looks at is ASCII, so it works on UTF-8 bytes.
        let s = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(s.count + s.count / 16)
        var problem: String?
        var i = 0
        func starts(_ literal: StaticString, at index: Int) -> Bool {
            let count = literal.utf8CodeUnitCount
            guard index + count <= s.count else { return false }
            return UnsafeBufferPointer(start: literal.utf8Start, count: count).elementsEqual(s[index..<(index + count)])
        }
        func skip(to terminator: StaticString, from index: Int) -> Int {
            var k = index
            while k < s.count, !starts(terminator, at: k) { k += 1 }
            return min(s.count, k + terminator.utf8CodeUnitCount)
        }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        func isNameByte(_ c: UInt8) -> Bool {
            isDigit(c) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-")
                || c == UInt8(ascii: ".")
        }
        let amp = UInt8(ascii: "&")
        let semicolon = UInt8(ascii: ";")
        while i < s.count {
            let c = s[i]
            if c == UInt8(ascii: "<"), starts("<![CDATA[", at: i) || starts("<!--", at: i) {
                let end = skip(to: starts("<!--", at: i) ? "-->" : "]]>", from: i + 4)
                out.append(contentsOf: s[i..<end])
                i = end
                continue
            }
            guard c == amp else {
                out.append(c)
                i += 1
                continue
            }
            if i + 1 < s.count, s[i + 1] == UInt8(ascii: "#") {
                if let reference = s.withUnsafeBufferPointer({ HTMLCharacterReferences.numericReference(in: $0, at: i) }) {
                    let digits = String(decoding: s[reference.digits], as: UTF8.self)
                    if let value = reference.value, !ForbiddenCharacters.isAllowed(value) {
                        problem = problem ?? "reference to illegal character &\(reference.isHex ? "#x" : "#")\(digits); removed"
                        // An escaped ESC takes the rest of its terminal sequence with it.
                        i = value == 0x1B ? EscapeSequences.end(s, after: reference.next) : reference.next
                    } else {
                        out.append(contentsOf: Array("\(reference.isHex ? "&#x" : "&#")\(digits);".utf8))
                        i = reference.next
                    }
                    continue
                }
            } else {
                var k = i + 1
                while k < s.count, k - i < 64, isNameByte(s[k]) { k += 1 }
                if k < s.count, s[k] == semicolon, k > i + 1 {
                    let name = String(decoding: s[(i + 1)..<k], as: UTF8.self)
                    if let reference = predefined[name] {
                        out.append(contentsOf: Array(reference.utf8))
                    } else if declared.contains(name) {
                        out.append(contentsOf: s[i...k])
                    } else if let value = HTMLEntities.text(named: name) {
                        problem = problem ?? "undefined entity &\(name);"
                        out.append(contentsOf: Array(HTMLEntities.numericReferences(value).utf8))
                    } else {
                        problem = problem ?? "undefined entity &\(name);"
                        out.append(contentsOf: Array("&amp;\(name);".utf8))
                    }
                    i = k + 1
                    continue
                }
            }
            problem = problem ?? "unescaped & in text"
            out.append(contentsOf: Array("&amp;".utf8))
            i += 1
        }
        return (String(decoding: out, as: UTF8.self), problem)
    }

    /// XML's predefined entities as the numeric references libxml2 keeps after an error.
    private static let predefined = ["lt": "&#60;", "gt": "&#62;", "amp": "&#38;", "quot": "&#34;", "apos": "&#39;"]
}
