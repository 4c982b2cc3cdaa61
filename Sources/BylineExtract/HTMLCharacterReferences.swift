import CLibXML2

/// HTML's named character references: HTML 4's, read from libxml2's own table, and the
/// rest of HTML5's from `HTML5EntityTable`. One table for the feed parser (which needs the
/// whole set, and to know which names are HTML 4's) and the extractor.
public enum HTMLCharacterReferences {
    /// The code point of an HTML 4 name (`hellip` → U+2026), or `apos`.
    public static func codePoint(named name: String) -> UInt32? {
        if name == "apos" { return 39 }
        guard let entity = htmlEntityLookup(name) else { return nil }
        return entity.pointee.value
    }

    /// The text any HTML5 name stands for (one or two characters).
    public static func text(named name: String) -> String? {
        if let value = codePoint(named: name), let scalar = Unicode.Scalar(value) { return String(Character(scalar)) }
        return HTML5EntityTable.entries[name]
    }

    /// The longest HTML5 name (`CounterClockwiseContourIntegral`) and its semicolon.
    private static let longestReference = 32

    /// `text` with its character references decoded, for text that did not pass through
    /// the HTML parser (JSON-LD strings are often HTML-escaped twice). A reference without
    /// its semicolon, or to an unknown name, stays as written.
    static func decoding(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(longestReference).firstIndex(of: ";"), let value = decode(after[..<semi]) {
                out += value
                rest = after[after.index(after: semi)...]
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }

    private static func decode(_ name: Substring) -> String? {
        guard name.first == "#" else { return name.isEmpty ? nil : text(named: String(name)) }
        let digits = name.dropFirst()
        let code = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
        guard let code, let scalar = Unicode.Scalar(code) else { return nil }
        return String(Character(scalar))
    }
}
