/// windows-1252, the charset browsers read for Latin-1 and undeclared pages: Latin-1 but
/// for 0x80–0x9F, where it puts punctuation (€ ‚ „ … ‘ ’ “ ” – —) instead of C1 controls.
/// Feeds and pages often send those characters as C1 code points, or reference them
/// (`&#150;`), meaning the windows-1252 character.
public enum Windows1252 {
    /// The characters at 0x80–0x9F; nil where windows-1252 defines none (0x81, 0x8D,
    /// 0x8F, 0x90, 0x9D).
    private static let high: [UInt32?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
        nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178,
    ]

    /// What windows-1252 puts where Latin-1 has the C1 control `value`, if anything.
    public static func replacement(for value: UInt32) -> UInt32? {
        (0x80...0x9F).contains(value) ? high[Int(value - 0x80)] : nil
    }

    /// Replaces C1 controls that windows-1252 defines with the characters meant.
    public static func translate(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { (0x80...0x9F).contains($0.value) }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            replacement(for: scalar.value).flatMap(Unicode.Scalar.init) ?? scalar
        }))
    }

    /// Every byte to a character: ASCII, the punctuation block (U+FFFD for its five
    /// undefined bytes), then Latin-1.
    public static func decode<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            if byte >= 0x80 && byte < 0xA0 {
                scalars.append(replacement(for: UInt32(byte)).flatMap(Unicode.Scalar.init) ?? "\u{FFFD}")
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }
}
