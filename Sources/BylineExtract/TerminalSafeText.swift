/// Removing what could drive a terminal from untrusted text.
///
/// Page and feed text reaches the reader's screen, so C0 and C1 control characters go
/// (tabs and line breaks excepted), and an escape sequence goes whole: dropping only the
/// ESC byte of `ESC [ 2 J` would leave `[2J` on the page.
public enum TerminalSafeText {
    public static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        var scalars = text.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            if scalar == "\u{1B}" {
                skipEscapeSequence(&scalars)
            } else if scalar == "\u{9B}" {
                skipControlSequence(&scalars)
            } else if scalar == "\t" || scalar == "\n" {
                out.append(scalar)
            } else if scalar == "\r" {
                out.append("\n")
            } else if !isControl(scalar) {
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
    }

    private static func skipEscapeSequence(_ scalars: inout String.UnicodeScalarView.Iterator) {
        guard let next = scalars.next() else { return }
        switch next {
        case "[": skipControlSequence(&scalars)
        case "]", "P", "X", "^", "_":
            // OSC, DCS, SOS, PM, APC: a string ended by BEL or ESC \.
            while let s = scalars.next() {
                if s == "\u{07}" || s == "\u{9C}" { return }
                if s == "\u{1B}" { _ = scalars.next(); return }
            }
        default:
            return  // a two-character sequence such as ESC c
        }
    }

    /// CSI: parameter and intermediate bytes, then one final byte in @…~.
    private static func skipControlSequence(_ scalars: inout String.UnicodeScalarView.Iterator) {
        while let s = scalars.next() {
            if s.value >= 0x40 && s.value <= 0x7E { return }
            if s.value < 0x20 || s.value > 0x3F && s.value < 0x40 { return }
        }
    }
}
