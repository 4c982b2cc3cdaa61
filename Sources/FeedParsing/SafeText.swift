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
        // Bidi overrides go with the other controls; tabs and line breaks become spaces.
        let cleaned = StoryText.removingControls(text)
            .split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
        return cleaned.isEmpty ? nil : cleaned
    }
}
