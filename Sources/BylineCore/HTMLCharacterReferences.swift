/// HTML's character references, named (`&eacute;`) and numeric (`&#233;`, `&#xE9;`): the
/// one decoder and the one table (`HTMLEntityTable`, generated) for the extractor and the
/// feed parser.
public enum HTMLCharacterReferences {
    /// The code point of an HTML 4 name (`hellip` → U+2026, `apos` too), as HTML 4 had it.
    public static func codePoint(named name: String) -> UInt32? {
        HTMLEntityTable.html4[name]
    }

    /// The text any HTML5 name stands for (one or two characters); HTML 4's names keep
    /// HTML 4's code points.
    public static func text(named name: String) -> String? {
        if let value = codePoint(named: name), let scalar = Unicode.Scalar(value) { return String(Character(scalar)) }
        return HTMLEntityTable.entries[name]
    }

    /// Which references `decoding` reads.
    public struct Rules: Sendable {
        /// Named references too, not only numeric ones.
        public var names: Bool
        /// A reference ends without its `;`, as browsers read `&#106avascript:`.
        public var semicolonOptional: Bool

        /// Text that did not pass through an HTML parser (JSON-LD strings, escaped twice):
        /// a reference without its semicolon stays as written.
        public static let strict = Rules(names: true, semicolonOptional: false)
        /// A link read the way a browser would, to see what scheme it really names.
        public static let lenient = Rules(names: true, semicolonOptional: true)
        /// The replacement text of an XML entity, where only numeric references can stand.
        public static let numericOnly = Rules(names: false, semicolonOptional: false)
    }

    /// The longest HTML5 name (`CounterClockwiseContourIntegral`).
    private static let longestName = 31

    /// `text` with its character references decoded. A reference to an unknown name, or to
    /// no Unicode scalar, stays as written.
    public static func decoding(_ text: String, _ rules: Rules = .strict) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let (decoded, next) = reference(after, rules) {
                out += decoded
                rest = after[next...]
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }

    /// The reference at the start of `text` (just after its `&`): its text and where it ends.
    private static func reference(_ text: Substring, _ rules: Rules) -> (String, String.Index)? {
        let decoded: String
        var end: String.Index
        if text.first == "#" {
            let body = text.dropFirst()
            let hex = body.first == "x" || body.first == "X"
            let digits = (hex ? body.dropFirst() : body).prefix { $0.isASCII && (hex ? $0.isHexDigit : $0.isNumber) }
            guard let value = numericValue(body[..<digits.endIndex]), let scalar = Unicode.Scalar(value) else { return nil }
            decoded = String(Character(scalar))
            end = digits.endIndex
        } else {
            guard rules.names else { return nil }
            let name = text.prefix { $0.isASCII && ($0.isLetter || $0.isNumber) }
            guard name.count <= longestName, let value = Self.text(named: String(name)) else { return nil }
            decoded = value
            end = name.endIndex
        }
        if end < text.endIndex, text[end] == ";" {
            end = text.index(after: end)
        } else if !rules.semicolonOptional {
            return nil
        }
        return (decoded, end)
    }

    // MARK: - Numeric references, for readers that find them themselves

    /// The value of a numeric reference as written between `&#` and `;` (`233`, `xE9`),
    /// or nil when that is not one or does not fit.
    public static func numericValue(_ body: Substring) -> UInt32? {
        let hex = body.first == "x" || body.first == "X"
        let digits = hex ? body.dropFirst() : body
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && (hex ? $0.isHexDigit : $0.isNumber) }) else { return nil }
        return UInt32(digits, radix: hex ? 16 : 10)
    }

    /// A complete numeric reference (`&#27;`, `&#x1B;`) in UTF-8 bytes, its `&` at `index`:
    /// its value (nil when it does not fit), whether it is hex, where its digits are, and
    /// the index after its `;`. For scanners of raw documents.
    public static func numericReference(
        in bytes: UnsafeBufferPointer<UInt8>, at index: Int
    ) -> (value: UInt32?, isHex: Bool, digits: Range<Int>, next: Int)? {
        guard index + 2 < bytes.count, bytes[index] == UInt8(ascii: "&"), bytes[index + 1] == UInt8(ascii: "#") else { return nil }
        let isHex = bytes[index + 2] | 0x20 == UInt8(ascii: "x")
        let start = isHex ? index + 3 : index + 2
        var end = start
        while end < bytes.count, isDigit(bytes[end], hex: isHex) { end += 1 }
        guard end > start, end < bytes.count, bytes[end] == UInt8(ascii: ";") else { return nil }
        var value: UInt32? = 0
        for digit in bytes[start..<end] {
            let (times, overflow) = (value ?? 0).multipliedReportingOverflow(by: isHex ? 16 : 10)
            let (sum, carry) = times.addingReportingOverflow(digitValue(digit))
            value = overflow || carry || value == nil ? nil : sum
        }
        return (value, isHex, start..<end, end + 1)
    }

    private static func isDigit(_ byte: UInt8, hex: Bool) -> Bool {
        (0x30...0x39).contains(byte) || (hex && (0x61...0x66).contains(byte | 0x20))
    }

    private static func digitValue(_ byte: UInt8) -> UInt32 {
        byte <= 0x39 ? UInt32(byte - 0x30) : UInt32(byte | 0x20) - 0x61 + 10
    }
}
