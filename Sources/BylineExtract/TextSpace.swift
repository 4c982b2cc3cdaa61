/// Whitespace as HTML renders it: every run of spaces, tabs and line breaks is one space.
enum TextSpace {
    static func isSpace(_ c: Character) -> Bool {
        c == " " || c == "\n" || c == "\t" || c == "\r" || c == "\u{0C}" || c == "\u{A0}" || c == "\r\n"
            || c == "\u{200B}" || c == "\u{2009}" || c == "\u{202F}" || c == "\u{3000}"
    }

    /// Runs of whitespace become one space; the ends are trimmed.
    static func collapse(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for c in text {
            if isSpace(c) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(c)
            }
        }
        return out
    }
}
