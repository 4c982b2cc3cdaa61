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
        let plain = StoryText.removingControls(text)
        if isSpacedOnce(plain) { return plain.isEmpty ? nil : plain }
        let cleaned = plain.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
        return cleaned.isEmpty ? nil : cleaned
    }

    /// Whether `text` is already as splitting and joining at white space leaves it: no
    /// tab or line feed, no space at either end or after another. Checked on the bytes,
    /// since most text is so and splitting it by characters cost a fetch dearly.
    private static func isSpacedOnce(_ text: String) -> Bool {
        var previous = UInt8(ascii: " ")
        for byte in text.utf8 {
            if byte == 0x09 || byte == 0x0A || (byte == 0x20 && previous == 0x20) { return false }
            previous = byte
        }
        return previous != 0x20 || text.isEmpty
    }
}
