/// Tab-separated fields, one record a line: the shape of Byline's bookkeeping files.
///
/// Hand-rolled over bytes because decoding 100,000 index records through `JSONDecoder`
/// takes seconds on Linux. Fields escape `\`, tab, line feed and carriage return; an empty
/// field is a missing value and `\e` an empty one, so `nil` and `""` both survive.
enum LineFields {
    static let tab: UInt8 = 9
    static let newline: UInt8 = 10
    private static let backslash: UInt8 = 92

    // MARK: - Writing

    /// Appends one field, preceded by a tab unless it starts the line.
    static func append(_ value: String?, to out: inout [UInt8], first: Bool = false) {
        if !first { out.append(tab) }
        guard let value else { return }
        if value.isEmpty {
            out.append(backslash)
            out.append(UInt8(ascii: "e"))
            return
        }
        // Most values need no escape: copy them whole.
        guard needsEscape(value) else {
            out.append(contentsOf: value.utf8)
            return
        }
        for byte in value.utf8 {
            switch byte {
            case backslash: out.append(backslash); out.append(backslash)
            case tab: out.append(backslash); out.append(UInt8(ascii: "t"))
            case newline: out.append(backslash); out.append(UInt8(ascii: "n"))
            case 13: out.append(backslash); out.append(UInt8(ascii: "r"))
            default: out.append(byte)
            }
        }
    }

    /// Whether `value` has a byte that must be escaped; on the string's own bytes when it
    /// has them in one piece (a native string), as indexing a library asks it of every field.
    private static func needsEscape(_ value: String) -> Bool {
        func escaped(_ byte: UInt8) -> Bool { byte == backslash || byte == tab || byte == newline || byte == 13 }
        return value.utf8.withContiguousStorageIfAvailable { $0.contains(where: escaped) }
            ?? value.utf8.contains(where: escaped)
    }

    static func append(_ value: Int64, to out: inout [UInt8], first: Bool = false) {
        append(String(value), to: &out, first: first)
    }

    // MARK: - Reading

    /// The fields of one line (without its line feed).
    static func fields(_ line: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        line.split(separator: tab, omittingEmptySubsequences: false)
    }

    /// Reads the records of a file field by field, in one pass and without building an
    /// array per line: the index holds a million fields at 100,000 stories.
    struct Reader {
        private let bytes: [UInt8]
        private var position: Int
        /// Whether the last field read ended its line.
        private(set) var atEndOfLine = true

        init(_ bytes: [UInt8], from start: Int) {
            self.bytes = bytes
            position = start
        }

        var atEnd: Bool { position >= bytes.count }

        /// The next field of the current line; `nil` when the line has ended.
        mutating func field() -> ArraySlice<UInt8>? {
            if atEndOfLine {
                // A new line starts only through `nextLine()`.
                return nil
            }
            let start = position
            while position < bytes.count, bytes[position] != tab, bytes[position] != newline { position += 1 }
            let field = bytes[start..<position]
            atEndOfLine = position >= bytes.count || bytes[position] == newline
            if position < bytes.count { position += 1 }
            return field
        }

        /// Starts the next line; `false` at the end of the bytes.
        mutating func nextLine() -> Bool {
            guard atEndOfLine, !atEnd else { return false }
            atEndOfLine = false
            return true
        }

        /// The next field decoded: `nil` when the line has ended, `.some(nil)` for a
        /// missing value.
        mutating func string() -> String?? { field().map(LineFields.string) }

        /// The next field as an integer; `nil` when the line has ended or it is not one.
        mutating func integer() -> Int64? { field().flatMap(LineFields.integer) }
    }

    /// Decodes one field; `nil` for an empty field or a broken escape.
    static func string(_ field: ArraySlice<UInt8>) -> String? {
        if field.isEmpty { return nil }
        guard field.contains(backslash) else { return String(decoding: field, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(field.count)
        var escaped = false
        for byte in field {
            if escaped {
                switch byte {
                case backslash: out.append(backslash)
                case UInt8(ascii: "t"): out.append(tab)
                case UInt8(ascii: "n"): out.append(newline)
                case UInt8(ascii: "r"): out.append(13)
                case UInt8(ascii: "e"): break
                default: return nil
                }
                escaped = false
            } else if byte == backslash {
                escaped = true
            } else {
                out.append(byte)
            }
        }
        return escaped ? nil : String(decoding: out, as: UTF8.self)
    }

    /// A decimal integer, possibly negative; `nil` for anything else.
    static func integer(_ field: ArraySlice<UInt8>) -> Int64? {
        var digits = field[...]
        let negative = digits.first == UInt8(ascii: "-")
        if negative { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value: Int64 = 0
        for byte in digits {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int64(byte - 48)
        }
        return negative ? -value : value
    }
}
