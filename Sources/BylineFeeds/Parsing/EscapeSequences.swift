import TerminalSafety

/// Terminal escape sequences inside a feed document, found so they can go whole.
///
/// An ESC in a feed (a raw byte, or a reference such as `&#x1b;`) starts a sequence meant
/// for a terminal: `ESC ] 0 ; title BEL` sets a window title, `ESC [ 2 J` clears the
/// screen. Dropping only the ESC, as XML's rules alone would, leaves `]0;title` or `[2J` in
/// a headline. The grammar is `TerminalControls`'; what this adds is the document: a
/// character may be a numeric reference, and a sequence never crosses markup (a `<`, a
/// quote, a `>` or the `]]>` that may close a tag or a CDATA section, or a bare `&`).
enum EscapeSequences {
    /// The index just past the sequence whose ESC ends right before `start`.
    static func end(_ s: [UInt8], after start: Int) -> Int {
        s.withUnsafeBufferPointer { TerminalControls.end(afterEscapeIn: Document(bytes: $0), at: start) }
    }

    /// XML source as the grammar reads it.
    private struct Document: TerminalInput {
        let bytes: UnsafeBufferPointer<UInt8>

        func character(at index: Int) -> (value: UInt32, next: Int)? {
            guard index < bytes.count else { return nil }
            let b = bytes[index]
            if b == UInt8(ascii: "&") {
                guard let reference = numericReference(bytes, at: index) else { return nil }
                return reference
            }
            if isMarkup(b) { return nil }
            // A `]` may be the start of a CDATA section's `]]>`, or just an OSC introducer.
            if b == UInt8(ascii: "]"), index + 1 < bytes.count, bytes[index + 1] == b || bytes[index + 1] == UInt8(ascii: ">") {
                return nil
            }
            if b == 0xC2, index + 1 < bytes.count { return (UInt32(bytes[index + 1]), index + 2) }  // C1, as ST
            return (b < 0x80 ? UInt32(b) : 0xFFFD, index + 1)
        }
    }

    /// Bytes that can belong to the document's markup: a sequence stops before them, so
    /// removing one never breaks a tag or an attribute's quotes.
    private static func isMarkup(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "<") || b == UInt8(ascii: ">") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")
    }

    /// A `&#N;` or `&#xH;` reference at `index`: its value and the index after its `;`.
    static func numericReference(_ s: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, next: Int)? {
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
                i = max(i + 1, end(s, after: i + 1))
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
