/// Characters XML 1.0 forbids, taken out before libxml2 reads a document.
///
/// Feeds carry them (an ESC or a form feed pasted into a title is common), and one is
/// enough to make the document not well-formed. libxml2's recovery then drops every
/// entity reference after it (`xmlParseReference` returns early once `wellFormed` is 0),
/// so escaped HTML loses its `&lt;`, `&gt;` and `&amp;` and "<p>Hello <a href=…>" reaches
/// the story as "pHello a href=…". Without the characters the document parses as it was
/// meant; the feed is still marked as having a problem, as feedparser marks it bozo.
enum ForbiddenCharacters {
    /// Whether XML 1.0 allows `value` in a document (its `Char` production).
    static func isAllowed(_ value: UInt32) -> Bool {
        switch value {
        case 0x09, 0x0A, 0x0D: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// The document without C0 controls (but tab, line feed and carriage return) and
    /// U+FFFE/U+FFFF, and, when any were there, what was removed.
    static func removed(from text: String) -> (text: String, problem: String?) {
        // Every forbidden scalar a Swift string can hold is a C0 control or U+FFFE/U+FFFF,
        // so the bytes are checked first and the common clean document is returned as is.
        let bytes = text.utf8
        guard bytes.contains(where: { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0xEF }) else {
            return (text, nil)
        }
        var first: Unicode.Scalar? = text.utf8.contains(0x1B) ? "\u{1B}" : nil
        var scalars = String.UnicodeScalarView()
        // A raw ESC goes with the rest of its terminal sequence, not alone.
        for scalar in EscapeSequences.removed(from: text).unicodeScalars {
            if isAllowed(scalar.value) {
                scalars.append(scalar)
            } else if first == nil {
                first = scalar
            }
        }
        guard let first else { return (text, nil) }
        let code = String(first.value, radix: 16, uppercase: true)
        let name = String(repeating: "0", count: max(0, 4 - code.count)) + code
        return (String(scalars), "illegal character U+\(name) removed")
    }
}
