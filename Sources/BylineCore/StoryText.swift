/// Text bound for story files, freed of anything that could drive a terminal.
///
/// Page and feed text ends up on the reader's screen, so C0 and C1 control characters go
/// (tabs and line breaks excepted), and an escape sequence goes whole: dropping only the
/// ESC byte of `ESC [ 2 J` would leave `[2J` on the page. The extractor and the feed
/// storer both clean through this; TerminalKit's `VisibleText` still checks again when
/// drawing, as the last line of defence. Works on UTF-8 bytes, since it runs over whole pages.
public enum StoryText {
    /// `text` without control characters and escape sequences. Tabs and line feeds stay;
    /// a carriage return becomes a line feed, or stays when `keepingCarriageReturns` (for
    /// a parser that treats it as whitespace).
    public static func removingControls(_ text: String, keepingCarriageReturns: Bool = false) -> String {
        var utf8 = text
        let cleaned: String? = utf8.withUTF8 { bytes in
            guard let first = firstUnsafe(bytes, keepingCarriageReturns) else { return nil }
            var out = [UInt8]()
            out.reserveCapacity(bytes.count)
            out.append(contentsOf: bytes[..<first])
            var i = first
            while i < bytes.count {
                let b = bytes[i]
                if b == 0x1B {
                    i = afterEscape(bytes, i + 1)
                } else if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0x9F {
                    // The 8-bit forms of ESC [ (CSI) and of the string introducers (DCS, SOS,
                    // OSC, PM, APC) take their parameters or payload with them.
                    switch bytes[i + 1] {
                    case 0x9B: i = afterControlSequence(bytes, i + 2)
                    case 0x90, 0x98, 0x9D, 0x9E, 0x9F: i = afterEightBitControlString(bytes, i + 2)
                    default: i += 2
                    }
                } else if b < 0x20 || b == 0x7F {
                    if b == 0x09 || b == 0x0A { out.append(b) }
                    if b == 0x0D { out.append(keepingCarriageReturns ? 0x0D : 0x0A) }
                    i += 1
                } else {
                    out.append(b)
                    i += 1
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return cleaned ?? text
    }

    private static func firstUnsafe(_ bytes: UnsafeBufferPointer<UInt8>, _ keepCR: Bool) -> Int? {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x20 {
                if b != 0x09 && b != 0x0A && !(b == 0x0D && keepCR) { return i }
            } else if b == 0x7F {
                return i
            } else if b == 0xC2, i + 1 < bytes.count, bytes[i + 1] >= 0x80, bytes[i + 1] <= 0x9F {
                return i
            }
            i += 1
        }
        return nil
    }

    /// Past an escape sequence whose ESC was just before `start`.
    private static func afterEscape(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        guard start < bytes.count else { return start }
        switch bytes[start] {
        case UInt8(ascii: "["):
            return afterControlSequence(bytes, start + 1)
        case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "X"), UInt8(ascii: "^"), UInt8(ascii: "_"):
            return afterControlString(bytes, start + 1)
        case 0x20...0x7E:
            return start + 1  // a two-character sequence such as ESC c
        default:
            return start
        }
    }

    /// OSC, DCS, SOS, PM, APC: a string ended by BEL, ESC \ or ST (or the end of the text).
    private static func afterControlString(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var i = start
        while i < bytes.count {
            if bytes[i] == 0x07 { return i + 1 }
            if bytes[i] == 0x1B { return min(i + 2, bytes.count) }
            if bytes[i] == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0x9C { return i + 2 }
            i += 1
        }
        return i
    }

    /// An 8-bit string introducer takes its payload only when a terminator follows soon on
    /// the same line: the same code points come from ordinary mis-decoded text (the
    /// mojibake of `”` holds U+009D), and there they must not swallow the rest of a page.
    private static func afterEightBitControlString(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var i = start
        while i < bytes.count, i - start < 512 {
            switch bytes[i] {
            case 0x07: return i + 1
            case 0x1B: return i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\\") ? i + 2 : start
            case 0xC2 where i + 1 < bytes.count && bytes[i + 1] == 0x9C: return i + 2
            case 0x0A, 0x0D, UInt8(ascii: "<"): return start
            default: i += 1
            }
        }
        return start
    }

    /// CSI: parameter and intermediate bytes, then one final byte in @…~.
    private static func afterControlSequence(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if b >= 0x40 && b <= 0x7E { return i + 1 }
            if b < 0x20 || b > 0x7E { return i }
            i += 1
        }
        return i
    }
}
