import BylineCore

/// Feed text made safe for one line of a story file: no control characters, escape
/// sequences or bidi overrides, and no line breaks.
///
/// A hostile feed could otherwise write `ESC [ 2 J` into a story file and on to the
/// terminal (`StoryText.removingControls` takes care of that); line breaks and tabs become
/// spaces, since the writer keeps headers on one line.
public enum SafeText {
    public static func clean(_ text: String?) -> String? {
        guard let text else { return nil }
        var out = String.UnicodeScalarView()
        for scalar in StoryText.removingControls(text).unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A: out.append(" ")
            // Bidi overrides and isolates can make a line read differently from its bytes.
            case 0x202A...0x202E, 0x2066...0x2069: continue
            default: out.append(scalar)
            }
        }
        let cleaned = String(out).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return cleaned.isEmpty ? nil : cleaned
    }
}
