/// Character and entity references in text before and after XML parsing.
enum CharacterReferences {
    /// Decodes `&#N;` and `&#xH;` references (the only kind a kept entity may hold).
    static func decodeNumeric(_ text: String) -> String {
        guard text.contains("&#") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.range(of: "&#") {
            out += rest[..<amp.lowerBound]
            let body = rest[amp.upperBound...]
            let hex = body.first == "x" || body.first == "X"
            let digits = (hex ? body.dropFirst() : body).prefix { hex ? $0.isHexDigit : ($0.isASCII && $0.isNumber) }
            if let value = UInt32(digits, radix: hex ? 16 : 10), let scalar = Unicode.Scalar(value),
               digits.endIndex < body.endIndex, body[digits.endIndex] == ";" {
                out.unicodeScalars.append(scalar)
                rest = body[body.index(after: digits.endIndex)...]
            } else {
                out += "&#"
                rest = body
            }
        }
        return out + rest
    }

    /// Rewrites references to entities XML does not define (`&nbsp;`, `&hellip;`) as
    /// numeric references and escapes bare `&`, as feedparser's loose parser reads them;
    /// unknown names become literal text. Comments and CDATA sections are left alone.
    ///
    /// Returns the rewritten document and, when something had to be fixed, what.
    static func replacingUndeclaredEntities(_ text: String, declared: Set<String>) -> (String, String?) {
        guard text.contains("&") else { return (text, nil) }
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        out.reserveCapacity(s.count)
        var problem: String?
        var i = 0
        func starts(_ literal: String, at index: Int) -> Bool {
            var k = index
            for c in literal.unicodeScalars {
                guard k < s.count, s[k] == c else { return false }
                k += 1
            }
            return true
        }
        func skip(to terminator: String, from index: Int) -> Int {
            var k = index
            while k < s.count, !starts(terminator, at: k) { k += 1 }
            return min(s.count, k + terminator.unicodeScalars.count)
        }
        func isNameScalar(_ c: Unicode.Scalar) -> Bool {
            c.isASCII && (c.properties.isAlphabetic || c.properties.numericType != nil || c == "_" || c == "-" || c == ".")
        }
        while i < s.count {
            let c = s[i]
            if c == "<", starts("<![CDATA[", at: i) || starts("<!--", at: i) {
                let end = skip(to: starts("<!--", at: i) ? "-->" : "]]>", from: i + 4)
                out.append(contentsOf: s[i..<end])
                i = end
                continue
            }
            guard c == "&" else {
                out.append(c)
                i += 1
                continue
            }
            if i + 1 < s.count, s[i + 1] == "#" {
                var k = i + 2
                let hex = k < s.count && (s[k] == "x" || s[k] == "X")
                if hex { k += 1 }
                let digits = k
                while k < s.count, hex ? s[k].properties.isASCIIHexDigit : (s[k] >= "0" && s[k] <= "9") { k += 1 }
                if k > digits, k < s.count, s[k] == ";" {
                    out.append(contentsOf: (hex ? "&#x" : "&#").unicodeScalars)
                    out.append(contentsOf: s[digits...k])
                    i = k + 1
                    continue
                }
            } else {
                var k = i + 1
                while k < s.count, k - i < 64, isNameScalar(s[k]) { k += 1 }
                if k < s.count, s[k] == ";", k > i + 1 {
                    let name = String(String.UnicodeScalarView(s[(i + 1)..<k]))
                    if ["lt", "gt", "amp", "quot", "apos"].contains(name) || declared.contains(name) {
                        out.append(contentsOf: s[i...k])
                    } else if let value = HTMLEntities.text(named: name) {
                        problem = problem ?? "undefined entity &\(name);"
                        out.append(contentsOf: HTMLEntities.numericReferences(value).unicodeScalars)
                    } else {
                        problem = problem ?? "undefined entity &\(name);"
                        out.append(contentsOf: "&amp;\(name);".unicodeScalars)
                    }
                    i = k + 1
                    continue
                }
            }
            problem = problem ?? "unescaped & in text"
            out.append(contentsOf: "&amp;".unicodeScalars)
            i += 1
        }
        return (String(out), problem)
    }
}
