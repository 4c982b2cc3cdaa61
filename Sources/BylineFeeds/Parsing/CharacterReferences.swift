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
    /// numeric references, as feedparser's loose parser reads them; unknown names become
    /// literal text. Comments and CDATA sections are left alone.
    ///
    /// Returns the rewritten document and the first undefined name, if any.
    static func replacingUndeclaredEntities(_ text: String, declared: Set<String>) -> (String, String?) {
        guard text.contains("&") else { return (text, nil) }
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        out.reserveCapacity(s.count)
        var first: String?
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
        while i < s.count {
            let c = s[i]
            if c == "<", starts("<![CDATA[", at: i) || starts("<!--", at: i) {
                let end = skip(to: starts("<!--", at: i) ? "-->" : "]]>", from: i + 4)
                out.append(contentsOf: s[i..<end])
                i = end
                continue
            }
            if c == "&", i + 1 < s.count, s[i + 1] != "#" {
                var k = i + 1
                while k < s.count, k - i < 64, s[k].isASCII, s[k].properties.isAlphabetic || s[k].properties.numericType != nil
                        || s[k] == "_" || s[k] == "-" || s[k] == "." { k += 1 }
                if k < s.count, s[k] == ";", k > i + 1 {
                    let name = String(String.UnicodeScalarView(s[(i + 1)..<k]))
                    if !["lt", "gt", "amp", "quot", "apos"].contains(name), !declared.contains(name) {
                        if first == nil { first = name }
                        if let value = HTMLEntities.codePoint(named: name) {
                            out.append(contentsOf: "&#\(value);".unicodeScalars)
                        } else {
                            out.append(contentsOf: "&amp;\(name);".unicodeScalars)
                        }
                        i = k + 1
                        continue
                    }
                }
            }
            out.append(c)
            i += 1
        }
        return (String(out), first)
    }
}
