import TerminalSafety

/// Makes untrusted text safe to draw on a terminal: the drawing policy over
/// `TerminalControls`, which decides what is a command and what is text.
///
/// - Escape sequences and lone controls (C0, C1, DEL, bidi overrides and isolates) are
///   removed without a placeholder: news text is full of stray controls, and a placeholder
///   symbol would only be noise. A sequence that nothing closes loses only its introducer.
/// - A tab becomes spaces up to the next multiple of `tabWidth` cells on its line.
/// - Line breaks (LF, CR LF, lone CR, VT, FF, NEL, U+2028, U+2029) become one `\n` when
///   `keepingNewlines` is true, and one space otherwise.
///
/// Runs in one pass, so pathological input costs linear time.
public enum VisibleText {
    /// Returns `s` with escape sequences, controls and bidi overrides removed.
    public static func sanitize(_ s: String, keepingNewlines: Bool = false, tabWidth: Int = 4) -> String {
        var utf8 = s
        let cleaned: String? = utf8.withUTF8 { bytes in
            // Nothing to change (line feeds kept as they are) is found without copying.
            var first = TerminalScanner.firstNonText(bytes)
            while keepingNewlines, first < bytes.count, bytes[first] == 0x0A {
                first = TerminalScanner.firstNonText(bytes, from: first + 1)
            }
            guard first < bytes.count else { return nil }
            var scanner = TerminalScanner(bytes)
            var out = String.UnicodeScalarView()
            var column = 0
            while let piece = scanner.next() {
                switch piece {
                case .text(let range):
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                    for scalar in text.unicodeScalars {
                        out.append(scalar)
                        column += DisplayWidth.of(scalar)
                    }
                case .tab:
                    let stop = max(1, tabWidth)
                    let spaces = stop - column % stop
                    out.append(contentsOf: repeatElement(" ", count: spaces))
                    column += spaces
                case .lineBreak:
                    out.append(keepingNewlines ? "\n" : " ")
                    column = keepingNewlines ? 0 : column + 1
                case .control:
                    break
                }
            }
            return String(out)
        }
        return cleaned ?? s
    }
}
