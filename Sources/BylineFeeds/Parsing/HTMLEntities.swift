import CLibXML2

/// HTML's named character references: HTML 4's, read from libxml2's own table (the set
/// feedparser keeps as names), and the rest of HTML5's from `HTML5EntityTable`.
enum HTMLEntities {
    /// The code point of an HTML 4 name (`hellip` → U+2026), which feedparser writes back
    /// as a named reference.
    static func codePoint(named name: String) -> UInt32? {
        if name == "apos" { return 39 }
        guard let entity = htmlEntityLookup(name) else { return nil }
        return entity.pointee.value
    }

    static func isDefined(_ name: String) -> Bool { codePoint(named: name) != nil }

    /// The text any HTML5 name stands for (one or two characters).
    static func text(named name: String) -> String? {
        if let value = codePoint(named: name), let scalar = Unicode.Scalar(value) { return String(Character(scalar)) }
        return HTML5EntityTable.entries[name]
    }

    /// The text as numeric references, for names only HTML5 knows: every consumer reads those.
    static func numericReferences(_ text: String) -> String {
        text.unicodeScalars.map { "&#x\(String($0.value, radix: 16));" }.joined()
    }
}
