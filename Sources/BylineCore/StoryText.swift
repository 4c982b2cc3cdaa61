import TerminalSafety

/// Text bound for story files, freed of anything that could drive a terminal.
///
/// Page and feed text ends up on the reader's screen, so whatever `TerminalControls` reads
/// as a command goes (an escape sequence whole: dropping only the ESC of `ESC [ 2 J` would
/// leave `[2J` on the page). Tabs stay and every line break becomes a line feed. The
/// extractor and the feed storer both clean through this; TerminalKit's `VisibleText`
/// reads story files through the same scanner again when drawing. Works on UTF-8 bytes,
/// since it runs over whole pages.
public enum StoryText {
    /// `text` without control characters and escape sequences; tabs stay, and line breaks
    /// (CR LF, CR, NEL, U+2028 …) become one line feed each.
    public static func removingControls(_ text: String) -> String {
        TerminalControls.removing(from: text, lineBreaks: .lineFeeds)
    }
}
