import BylineCore

/// HTML's named character references as the feed parser uses them: HTML 4's names (the set
/// feedparser keeps as names) and the rest of HTML5's, from BylineExtract's one table.
enum HTMLEntities {
    /// The code point of an HTML 4 name (`hellip` → U+2026), which feedparser writes back
    /// as a named reference.
    static func codePoint(named name: String) -> UInt32? {
        HTMLCharacterReferences.codePoint(named: name)
    }

    static func isDefined(_ name: String) -> Bool { codePoint(named: name) != nil }

    /// The text any HTML5 name stands for (one or two characters).
    static func text(named name: String) -> String? {
        HTMLCharacterReferences.text(named: name)
    }

    /// The text as numeric references, for names only HTML5 knows: every consumer reads those.
    static func numericReferences(_ text: String) -> String {
        text.unicodeScalars.map { "&#x\(String($0.value, radix: 16));" }.joined()
    }
}
