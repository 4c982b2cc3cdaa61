/// Makes untrusted text safe to draw on a terminal.
///
/// Feeds and pages can carry escape sequences that would move the cursor, retitle the
/// window, or rewrite the screen. `sanitize` removes them, and every other control:
///
/// - Escape sequences are removed whole, payload included: CSI (`ESC [` … final byte),
///   OSC (`ESC ]` … BEL or ST), DCS/SOS/PM/APC (`ESC P`, `ESC X`, `ESC ^`, `ESC _` … ST),
///   `ESC` with intermediates (`ESC ( B`), two-character sequences (`ESC c`), and their
///   8-bit C1 forms (U+009B CSI, U+009D OSC, U+0090 DCS, U+0098, U+009E, U+009F).
///   A sequence left unterminated runs to the end of the text, so its payload never shows.
/// - Lone controls (C0 except tab and line breaks, C1, DEL) and the bidi embeddings,
///   overrides and isolates (U+202A-202E, U+2066-2069) are removed without a placeholder:
///   news text is full of stray controls, and a placeholder symbol would only be noise.
/// - A tab becomes spaces up to the next multiple of `tabWidth` cells on its line.
/// - Line breaks (LF, CR LF, lone CR, VT, FF, NEL, U+2028, U+2029) become one `\n` when
///   `keepingNewlines` is true, and one space otherwise.
///
/// Runs in one pass over the scalars, so pathological input costs linear time.
public enum VisibleText {
    /// Returns `s` with escape sequences, controls and bidi overrides removed.
    public static func sanitize(_ s: String, keepingNewlines: Bool = false, tabWidth: Int = 4) -> String {
        if isAlreadySafe(s, keepingNewlines: keepingNewlines) { return s }
        var scanner = ControlScanner(scalars: Array(s.unicodeScalars))
        var out = String.UnicodeScalarView()
        var column = 0
        while let scalar = scanner.next() {
            switch scalar.value {
            case 0x09:
                let stop = max(1, tabWidth)
                let spaces = stop - column % stop
                out.append(contentsOf: repeatElement(" ", count: spaces))
                column += spaces
            case 0x0A:
                out.append(keepingNewlines ? "\n" : " ")
                column = keepingNewlines ? 0 : column + 1
            default:
                out.append(scalar)
                column += DisplayWidth.of(scalar)
            }
        }
        return String(out)
    }

    /// Whether `s` has nothing to remove, checked without allocating.
    private static func isAlreadySafe(_ s: String, keepingNewlines: Bool) -> Bool {
        for scalar in s.unicodeScalars where needsWork(scalar.value, keepingNewlines: keepingNewlines) {
            return false
        }
        return true
    }

    private static func needsWork(_ v: UInt32, keepingNewlines: Bool) -> Bool {
        if v >= 0x20 && v < 0x7F { return false }
        if v == 0x0A { return !keepingNewlines }
        if v < 0xA0 { return true }
        return isBidiControl(v) || v == 0x2028 || v == 0x2029
    }

    /// The embeddings, overrides and isolates that reorder the text after them.
    static func isBidiControl(_ v: UInt32) -> Bool {
        (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }
}

/// Walks scalars, skipping escape sequences and controls, and normalising line breaks.
///
/// `next()` yields only printable scalars, tab (U+0009) and line feed (U+000A).
private struct ControlScanner {
    let scalars: [Unicode.Scalar]
    var index = 0

    mutating func next() -> Unicode.Scalar? {
        while index < scalars.count {
            let v = scalars[index].value
            index += 1
            switch v {
            case 0x09, 0x0A:
                return scalars[index - 1]
            case 0x0D:
                if index < scalars.count && scalars[index].value == 0x0A { index += 1 }
                return "\n"
            case 0x0B, 0x0C, 0x85, 0x2028, 0x2029:
                return "\n"
            case 0x1B:
                skipEscape()
            case 0x9B:
                skipControlSequence()
            case 0x9D:
                skipString(bellEnds: true)
            case 0x90, 0x98, 0x9E, 0x9F:
                skipString(bellEnds: false)
            case 0x00..<0x20, 0x7F..<0xA0:
                continue
            default:
                if VisibleText.isBidiControl(v) { continue }
                return scalars[index - 1]
            }
        }
        return nil
    }

    /// Skips what follows an ESC that has just been consumed.
    private mutating func skipEscape() {
        guard index < scalars.count else { return }
        let v = scalars[index].value
        switch v {
        case 0x5B:  // [
            index += 1
            skipControlSequence()
        case 0x5D:  // ]
            index += 1
            skipString(bellEnds: true)
        case 0x50, 0x58, 0x5E, 0x5F:  // P X ^ _
            index += 1
            skipString(bellEnds: false)
        case 0x20..<0x30:
            // Intermediates, then one final byte: ESC ( B, ESC # 8, ESC SP F.
            while index < scalars.count, (0x20..<0x30).contains(scalars[index].value) { index += 1 }
            if index < scalars.count, (0x30..<0x7F).contains(scalars[index].value) { index += 1 }
        case 0x30..<0x7F:
            index += 1
        default:
            break  // A lone ESC: drop it and keep whatever follows.
        }
    }

    /// Skips CSI parameters and intermediates up to and including the final byte.
    ///
    /// Anything outside the CSI alphabet ends the sequence early and is read normally,
    /// as a terminal would abort it.
    private mutating func skipControlSequence() {
        while index < scalars.count {
            let v = scalars[index].value
            if v >= 0x20 && v < 0x40 {
                index += 1
            } else if v >= 0x40 && v < 0x7F {
                index += 1
                return
            } else {
                return
            }
        }
    }

    /// Skips a control string up to and including its terminator, or to the end.
    ///
    /// ST (ESC \ or U+009C) ends every control string; xterm also ends OSC with BEL.
    private mutating func skipString(bellEnds: Bool) {
        while index < scalars.count {
            let v = scalars[index].value
            index += 1
            if v == 0x9C || (bellEnds && v == 0x07) { return }
            if v == 0x1B && index < scalars.count && scalars[index].value == 0x5C {
                index += 1
                return
            }
        }
    }
}
