/// Feed text made safe to store and show: no control characters or escape sequences.
///
/// A hostile feed could otherwise write `ESC [ 2 J` into a story file and on to the
/// terminal. Line breaks and tabs become spaces; the writer keeps headers on one line.
public enum SafeText {
    public static func clean(_ text: String?) -> String? {
        guard let text else { return nil }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: out.append(" ")
            case 0x00..<0x20, 0x7F..<0xA0: continue
            // Bidi overrides and isolates can make a line read differently from its bytes.
            case 0x202A...0x202E, 0x2066...0x2069: continue
            default: out.append(scalar)
            }
        }
        let cleaned = String(out).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return cleaned.isEmpty ? nil : cleaned
    }
}
