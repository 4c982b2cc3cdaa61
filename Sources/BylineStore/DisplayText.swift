import TerminalSafety

/// File names written into messages so a reader can still find the file.
///
/// Not a terminal safeguard: every message is drawn through TerminalKit's `VisibleText`
/// (the reader's `CellGrid`, the commands' `printable`), which already removes controls.
/// But it removes them without a trace, so `a<ESC>b.txt` would read as `ab.txt`, a file
/// that does not exist. Marking each control with `?`, as `ls -q` does, keeps the name's
/// length and shape, and `a?b.txt` typed into a shell matches the real file.
enum DisplayText {
    /// Replaces each character `TerminalControls` counts as a control (ESC, line breaks,
    /// bidi overrides) with `?`, so the name stays on one line and shows where its odd
    /// characters are.
    static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: TerminalControls.isControl) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { TerminalControls.isControl($0) ? "?" : $0 }))
    }
}
