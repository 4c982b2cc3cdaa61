/// Terminal escape sequences inside a feed document, found so they can go whole.
///
/// An ESC in a feed (a raw byte, or a reference such as `&#x1b;`) starts a sequence meant
/// for a terminal: `ESC ] 0 ; title BEL` sets a window title, `ESC [ 2 J` clears the
/// screen. Dropping only the ESC, as XML's rules alone would, leaves `]0;title` or `[2J` in
/// a headline. These sequences never cross markup: a `<`, a quote, a `]` or `>` (which
/// may close a CDATA section or a tag) ends one, and a string ends within a line.
enum EscapeSequences {
    /// The index just past the sequence whose ESC ends right before `start`.
    static func end(_ s: [UInt8], after start: Int) -> Int {
        guard start < s.count else { return start }
        let introducer = s[start]
        switch introducer {
        case UInt8(ascii: "["):
            // CSI: parameter and intermediate bytes, then a final byte in @…~.
            var i = start + 1
            while i < s.count {
                let b = s[i]
                if isMarkup(b) || b == UInt8(ascii: "&") { return i }
                if b >= 0x40 && b <= 0x7E { return i + 1 }
                if b < 0x20 || b > 0x7E { return i }
                i += 1
            }
            return i
        case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "X"), UInt8(ascii: "^"), UInt8(ascii: "_"):
            // OSC, DCS, SOS, PM, APC: a string ended by BEL, ST or ESC \ (raw or referenced).
            // An introducer right before markup (`ESC ]]>`) is markup itself: only the ESC goes.
            if start + 1 < s.count, isMarkup(s[start + 1]) { return start }
            var i = start + 1
            while i < s.count, i - start < 512 {
                if isMarkup(s[i]) || s[i] == 0x0A { return i }
                switch s[i] {
                case 0x07: return i + 1
                case 0x1B: return min(i + 2, s.count)
                case UInt8(ascii: "&"):
                    if let reference = numericReference(s, at: i) {
                        if reference.value == 0x07 || reference.value == 0x9C { return reference.end }
                        if reference.value == 0x1B { return min(reference.end + 1, s.count) }
                    }
                default: break
                }
                i += 1
            }
            return i
        case 0x20...0x7E where !isMarkup(introducer) && introducer != UInt8(ascii: "&"):
            return start + 1  // a two-character sequence such as ESC c
        default:
            return start
        }
    }

    /// Bytes that can belong to the document's markup: a sequence stops before them, so
    /// removing one never breaks a tag, an attribute's quotes or a CDATA section's `]]>`.
    private static func isMarkup(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")
            || b == UInt8(ascii: "]")
    }

    /// A `&#N;` or `&#xH;` reference at `index`: its value and the index after its `;`.
    static func numericReference(_ s: [UInt8], at index: Int) -> (value: UInt32, end: Int)? {
        guard index + 3 < s.count, s[index] == UInt8(ascii: "&"), s[index + 1] == UInt8(ascii: "#") else { return nil }
        var k = index + 2
        let hex = s[k] | 0x20 == UInt8(ascii: "x")
        if hex { k += 1 }
        var value: UInt32 = 0
        let digits = k
        while k < s.count, k - digits < 8 {
            let c = s[k]
            let digit: UInt32
            switch c {
            case 0x30...0x39: digit = UInt32(c - 0x30)
            case 0x61...0x66 where hex, 0x41...0x46 where hex: digit = UInt32(c | 0x20) - 0x61 + 10
            default:
                guard k > digits, c == UInt8(ascii: ";") else { return nil }
                return (value, k + 1)
            }
            value = value * (hex ? 16 : 10) + digit
            k += 1
        }
        return nil
    }

    /// `text` without raw escape sequences.
    static func removed(from text: String) -> String {
        guard text.utf8.contains(0x1B) else { return text }
        let s = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if s[i] == 0x1B {
                i = end(s, after: i + 1)
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
