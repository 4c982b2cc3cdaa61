/// Text from the file system made safe for one line on a terminal.
enum DisplayText {
    /// Replaces control characters (escape sequences, line breaks) with `?`: file names
    /// are untrusted input and reach the reader's screen in problem messages.
    static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            out.append(isControl(scalar) ? "?" : scalar)
        }
        return String(out)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
