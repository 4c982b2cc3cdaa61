/// Whitespace as HTML renders it: every run of spaces, tabs and line breaks is one space.
///
/// Works on Unicode scalars: comparing `Character`s normalises each one, which costs more
/// than the rest of extraction put together.
enum TextSpace {
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0C, 0xA0, 0x200B, 0x2009, 0x202F, 0x3000, 0x2002, 0x2003: true
        default: false
        }
    }

    /// Runs of whitespace become one space; the ends are trimmed.
    static func collapse(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for s in text.unicodeScalars {
            if isSpace(s) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(s)
            }
        }
        return String(out)
    }

    /// The text's runs of non-space characters, with an empty string for each run of spaces.
    static func words(_ text: String) -> [Substring] {
        var result: [Substring] = []
        var start: String.Index?
        var index = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if isSpace(scalar) {
                if let s = start { result.append(Substring(scalars[s..<index])); start = nil }
                if result.last.map({ !$0.isEmpty }) ?? true { result.append("") }
            } else if start == nil {
                start = index
            }
            index = scalars.index(after: index)
        }
        if let s = start { result.append(Substring(scalars[s..<scalars.endIndex])) }
        return result
    }

    /// Whether the text holds anything but whitespace.
    static func hasText(_ text: String) -> Bool {
        text.unicodeScalars.contains { !isSpace($0) }
    }
}
