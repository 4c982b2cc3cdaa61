/// A check run on a TOML file before TOMLKit reads it.
///
/// toml++ 3 (inside TOMLKit) stops the whole program on some malformed files, through an
/// assertion in its parser rather than an error it reports (in a release build the same
/// assertion is an "assume", so anything may happen). The fuzzer found two in theme
/// files, and a hand-edited feeds.toml has the same exposure: a table header with no name
/// (a line holding only `[`), and a `}` inside an array (`["bold",}]`). Both are checked
/// here first, in one pass that follows strings, comments and brackets, and refused with
/// their line number, as a parse error would be.
public enum TOMLPreflight {
    /// The line and reason of the first such problem, if there is one.
    public static func problem(in text: String) -> (line: Int, reason: String)? {
        let bytes = Array(text.utf8)
        var line = 1
        var open: [UInt8] = []
        var atLineStart = true
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\n"):
                line += 1
                atLineStart = true
                index += 1
                continue
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
                continue
            case UInt8(ascii: "#"):
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                continue
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                index = stringEnd(bytes, from: index, line: &line)
            case UInt8(ascii: "[") where open.isEmpty && atLineStart:
                var next = index + 1
                if next < bytes.count, bytes[next] == UInt8(ascii: "[") { next += 1 }
                while next < bytes.count, bytes[next] == UInt8(ascii: " ") || bytes[next] == UInt8(ascii: "\t") { next += 1 }
                guard next < bytes.count, isKeyStart(bytes[next]) else {
                    return (line, "a table header needs a name, like [name]")
                }
                // The header's own brackets do not nest values.
                while next < bytes.count, bytes[next] != UInt8(ascii: "\n"), bytes[next] != UInt8(ascii: "#") {
                    if bytes[next] == UInt8(ascii: "\"") || bytes[next] == UInt8(ascii: "'") {
                        next = stringEnd(bytes, from: next, line: &line)
                    } else {
                        next += 1
                    }
                }
                index = next
                atLineStart = false
                continue
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                open.append(byte)
                index += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                let opener = byte == UInt8(ascii: "]") ? UInt8(ascii: "[") : UInt8(ascii: "{")
                if let last = open.last, last != opener {
                    return (line, "'\(Character(Unicode.Scalar(byte)))' cannot close '\(Character(Unicode.Scalar(last)))'")
                }
                if !open.isEmpty { open.removeLast() }
                index += 1
            default:
                index += 1
            }
            atLineStart = false
        }
        return nil
    }

    /// The index after the string starting at `start` (basic, literal, or multi-line).
    private static func stringEnd(_ bytes: [UInt8], from start: Int, line: inout Int) -> Int {
        let quote = bytes[start]
        let triple = start + 2 < bytes.count && bytes[start + 1] == quote && bytes[start + 2] == quote
        var index = start + (triple ? 3 : 1)
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") {
                index += 2
                continue
            }
            if byte == UInt8(ascii: "\n") {
                // A one-line string ends at the line's end even when unclosed.
                if !triple { return index }
                line += 1
            }
            if byte == quote {
                if !triple { return index + 1 }
                if index + 2 < bytes.count, bytes[index + 1] == quote, bytes[index + 2] == quote { return index + 3 }
            }
            index += 1
        }
        return index
    }

    private static func isKeyStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"),
             UInt8(ascii: "\""), UInt8(ascii: "'"):
            return true
        default:
            return false
        }
    }
}
