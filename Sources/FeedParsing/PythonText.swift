/// Text rules of Python that feedparser's results depend on.
enum PythonText {
    /// `str.strip()`: trims Unicode whitespace, no-break space included.
    static func strip(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }

    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c.properties.isWhitespace || (c.value >= 0x1C && c.value <= 0x1F)
    }
}

/// The characters windows-1252 puts at 0x80–0x9F, which feeds often send as C1 controls.
enum Windows1252 {
    private static let table: [UInt32: UInt32] = [
        128: 0x20AC, 130: 0x201A, 131: 0x0192, 132: 0x201E, 133: 0x2026, 134: 0x2020, 135: 0x2021,
        136: 0x02C6, 137: 0x2030, 138: 0x0160, 139: 0x2039, 140: 0x0152, 142: 0x017D, 145: 0x2018,
        146: 0x2019, 147: 0x201C, 148: 0x201D, 149: 0x2022, 150: 0x2013, 151: 0x2014, 152: 0x02DC,
        153: 0x2122, 154: 0x0161, 155: 0x203A, 156: 0x0153, 158: 0x017E, 159: 0x0178,
    ]

    static func replacement(for value: UInt32) -> UInt32? { table[value] }

    /// Replaces C1 controls that windows-1252 defines with the characters meant.
    static func translate(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value >= 128 && $0.value <= 159 }) else { return text }
        var out = ""
        for c in text.unicodeScalars {
            if let mapped = table[c.value], let scalar = Unicode.Scalar(mapped) {
                out.unicodeScalars.append(scalar)
            } else {
                out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
