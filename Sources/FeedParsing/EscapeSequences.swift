import BylineCore
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
                guard let reference = HTMLCharacterReferences.numericReference(in: bytes, at: index),
                      let value = reference.value else { return nil }
                return (value, reference.next)
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
