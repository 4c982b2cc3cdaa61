/// What a terminal would take as a command rather than as text: the one reading of
/// ECMA-48 that every layer uses to keep feed and page text from driving the terminal.
///
/// - Escape sequences: CSI (`ESC [` or U+009B, parameters, one final byte in @…~);
///   control strings OSC (`ESC ]`, U+009D), DCS (`ESC P`, U+0090), SOS (`ESC X`, U+0098),
///   PM (`ESC ^`, U+009E) and APC (`ESC _`, U+009F), ended by BEL or ST (`ESC \`, U+009C);
///   `ESC` with intermediates and a final byte (`ESC ( B`); two-character ones (`ESC c`).
/// - Lone controls: C0 and DEL, C1, and the format controls that change how the text
///   around them is shown: bidi embeddings, overrides and isolates (U+202A–202E,
///   U+2066–2069), the deprecated shaping controls (U+206A–206F) and interlinear
///   annotations (U+FFF9–FFFB). Joiners and direction marks (ZWJ, LRM) stay: text needs them.
/// - Tab, and the line breaks (LF, CR LF, CR, VT, FF, NEL, U+2028, U+2029), are told apart
///   so each policy can keep, convert or drop them.
///
/// The one rule for sequences: a sequence goes whole only when it is closed (a CSI by its
/// final byte, a control string by BEL or ST after a payload of printable ASCII, which is
/// all ECMA-48 allows there). An introducer that nothing closes goes alone, and the text
/// after it is read again as text: the same code points come from mis-decoded ordinary
/// text (the mojibake of `”` holds U+009D), and a stray one must never swallow a paragraph.
/// Removing the introducer is what makes the text safe; the payload only hides.
///
/// Scanning is linear: a payload is read at most twice, once as payload and once as text.
public enum TerminalControls {
    /// Whether the terminal must never receive `scalar` as it is: every control, line
    /// break and tab, and the format controls above. For per-character policies.
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F { return false }
        return v < 0xA0 || isFormatControl(v) || v == 0x2028 || v == 0x2029
    }

    /// The format controls that reorder or hide the text around them.
    static func isFormatControl(_ v: UInt32) -> Bool {
        (0x202A...0x202E).contains(v) || (0x2066...0x206F).contains(v) || (0xFFF9...0xFFFB).contains(v)
    }
}

// MARK: - The grammar, over any input

/// Characters as the sequence grammar reads them: plain UTF-8, or XML source where a
/// character may be written as a reference and markup must never be eaten.
public protocol TerminalInput {
    /// The character at `index` and where the next one starts, or nil where no sequence
    /// may continue (the end, or markup in a document).
    func character(at index: Int) -> (value: UInt32, next: Int)?
}

extension TerminalControls {
    /// The end of what goes with an ESC that ends just before `start`: the whole sequence
    /// when it is closed, otherwise `start` (the ESC goes alone).
    public static func end<Input: TerminalInput>(afterEscapeIn input: Input, at start: Int) -> Int {
        guard let (c, next) = input.character(at: start) else { return start }
        switch c {
        case 0x5B:  // [
            return controlSequenceEnd(input, from: next) ?? next
        case 0x5D, 0x50, 0x58, 0x5E, 0x5F:  // ] P X ^ _
            return controlStringEnd(input, from: next) ?? next
        case 0x20..<0x30:
            // Intermediates, then one final byte: ESC ( B, ESC # 8, ESC SP F.
            var k = next
            while let (v, after) = input.character(at: k) {
                if (0x20..<0x30).contains(v) { k = after; continue }
                return (0x30..<0x7F).contains(v) ? after : start
            }
            return start
        case 0x30..<0x7F:
            return next  // ESC c, ESC 7, and a lone ST (ESC \)
        default:
            return start
        }
    }

    /// The end of a CSI whose parameters start at `start`, or nil when no final byte closes
    /// it (a character outside its alphabet, or the end, comes first).
    public static func controlSequenceEnd<Input: TerminalInput>(_ input: Input, from start: Int) -> Int? {
        var k = start
        while let (v, next) = input.character(at: k) {
            if (0x20..<0x40).contains(v) { k = next; continue }
            return (0x40..<0x7F).contains(v) ? next : nil
        }
        return nil
    }

    /// The end of a control string whose payload starts at `start`, terminator included,
    /// or nil when something other than printable ASCII comes before BEL or ST.
    public static func controlStringEnd<Input: TerminalInput>(_ input: Input, from start: Int) -> Int? {
        var k = start
        while let (v, next) = input.character(at: k) {
            switch v {
            case 0x07, 0x9C:
                return next
            case 0x1B:
                guard let (after, end) = input.character(at: next), after == 0x5C else { return nil }
                return end
            case 0x20..<0x7F:
                k = next
            default:
                return nil
            }
        }
        return nil
    }
}

// MARK: - Scanning text

/// A piece of text as the terminal would take it, as a range of its UTF-8 bytes.
public enum TerminalPiece: Equatable, Sendable {
    /// Printable text, safe to send as it is.
    case text(Range<Int>)
    case tab
    /// LF, CR LF, CR, VT, FF, NEL, U+2028 or U+2029, as written.
    case lineBreak(Range<Int>)
    /// A sequence or a lone control: never to be shown.
    case control(Range<Int>)
}

/// UTF-8 text read as the grammar's input.
struct UTF8TerminalInput: TerminalInput {
    let bytes: UnsafeBufferPointer<UInt8>

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    func character(at index: Int) -> (value: UInt32, next: Int)? {
        guard index < bytes.count else { return nil }
        let b = bytes[index]
        if b < 0x80 { return (UInt32(b), index + 1) }
        // Only C1 matters to the grammar; any other character just stops a sequence.
        if b == 0xC2, index + 1 < bytes.count { return (UInt32(bytes[index + 1]), index + 2) }
        return (0xFFFD, index + 1)
    }
}

/// Reads UTF-8 text as pieces, front to back.
public struct TerminalScanner {
    let input: UTF8TerminalInput
    var index: Int

    public init(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) {
        input = UTF8TerminalInput(bytes)
        index = start
    }

    public mutating func next() -> TerminalPiece? {
        let bytes = input.bytes
        let start = index
        guard start < bytes.count else { return nil }
        let end = TerminalScanner.firstNonText(bytes, from: start)
        if end > start {
            index = end
            return .text(start..<end)
        }
        let b = bytes[start]
        switch b {
        case 0x09:
            index = start + 1
            return .tab
        case 0x0A, 0x0B, 0x0C:
            index = start + 1
            return .lineBreak(start..<index)
        case 0x0D:
            index = start + 1 < bytes.count && bytes[start + 1] == 0x0A ? start + 2 : start + 1
            return .lineBreak(start..<index)
        case 0x1B:
            index = max(start + 1, TerminalControls.end(afterEscapeIn: input, at: start + 1))
            return .control(start..<index)
        case 0xC2:
            let c1 = bytes[start + 1]
            index = start + 2
            switch c1 {
            case 0x85: return .lineBreak(start..<index)
            case 0x9B: index = TerminalControls.controlSequenceEnd(input, from: index) ?? index
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F: index = TerminalControls.controlStringEnd(input, from: index) ?? index
            default: break
            }
            return .control(start..<index)
        case 0xE2:
            index = start + 3
            return bytes[start + 1] == 0x80 && (bytes[start + 2] == 0xA8 || bytes[start + 2] == 0xA9)
                ? .lineBreak(start..<index) : .control(start..<index)
        case 0xEF:
            index = start + 3
            return .control(start..<index)
        default:
            index = start + 1
            return .control(start..<index)
        }
    }

    /// The first byte from `start` that begins something other than printable text: a C0
    /// control or DEL, or the UTF-8 of a C1 control, a format control or U+2028/U+2029.
    /// Continuation bytes never match, so a multi-byte character is never split.
    public static func firstNonText(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int {
        var i = start
        let count = bytes.count
        while i < count {
            let b = bytes[i]
            if b >= 0x20 && b < 0x7F { i += 1; continue }
            if b < 0x20 || b == 0x7F { return i }
            if b == 0xC2, i + 1 < count, bytes[i + 1] < 0xA0 { return i }
            if b == 0xE2, i + 2 < count {
                let (b1, b2) = (bytes[i + 1], bytes[i + 2])
                if b1 == 0x80 && (0xA8...0xAE).contains(b2) { return i }  // U+2028–202E
                if b1 == 0x81 && (0xA6...0xAF).contains(b2) { return i }  // U+2066–206F
            }
            if b == 0xEF, i + 2 < count, bytes[i + 1] == 0xBF, (0xB9...0xBB).contains(bytes[i + 2]) { return i }
            i += 1
        }
        return count
    }
}

// MARK: - Removing

/// What a line break becomes when controls are removed.
public enum LineBreaks: Sendable {
    /// Each one becomes one line feed (text bound for a story file).
    case lineFeeds
    /// LF, CR, CR LF, U+2028 and U+2029 stay as written, for readers that take them as
    /// white space; VT, FF and NEL go with the other controls.
    case asWritten
}

extension TerminalControls {
    /// `text` with every sequence and control removed, tabs kept, and line breaks as
    /// `lineBreaks` says.
    public static func removing(from text: String, lineBreaks: LineBreaks) -> String {
        var utf8 = text
        let cleaned: String? = utf8.withUTF8 { bytes in
            // The common case, text with nothing to change, is checked without copying.
            var first = TerminalScanner.firstNonText(bytes)
            while first < bytes.count, bytes[first] == 0x09 || bytes[first] == 0x0A {
                first = TerminalScanner.firstNonText(bytes, from: first + 1)
            }
            guard first < bytes.count else { return nil }
            var out = [UInt8]()
            out.reserveCapacity(bytes.count)
            out.append(contentsOf: bytes[..<first])
            var scanner = TerminalScanner(bytes, from: first)
            while let piece = scanner.next() {
                switch piece {
                case .text(let range):
                    out.append(contentsOf: bytes[range])
                case .tab:
                    out.append(0x09)
                case .lineBreak(let range):
                    switch (lineBreaks, bytes[range.lowerBound]) {
                    case (.lineFeeds, _): out.append(0x0A)
                    case (.asWritten, 0x0B), (.asWritten, 0x0C), (.asWritten, 0xC2): break
                    case (.asWritten, _): out.append(contentsOf: bytes[range])
                    }
                case .control:
                    break
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return cleaned ?? text
    }
}
