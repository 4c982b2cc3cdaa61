import BylineCore
import FoundationEssentials

/// Choosing and applying a page's character encoding, in the order browsers use.
///
/// The HTTP `Content-Type` charset wins, then a byte-order mark, then a `<meta charset>`
/// or `http-equiv` declaration near the top of the page, else UTF-8; bytes that are not
/// valid UTF-8 are read as windows-1252, which maps every byte to some character.
public enum HTMLCharset {
    /// How far into the page a `<meta>` declaration is looked for (browsers use 1024; pages
    /// with long `<head>`s put it later).
    static let prescanLength = 4096

    /// The charset label to decode `data` with, normalised (`utf-8`, `windows-1252`, …).
    public static func detect(_ data: Data, contentType: String?) -> String {
        if let contentType, let label = parameter("charset", in: contentType) {
            return normalise(label)
        }
        if let bom = byteOrderMark(data) { return bom }
        if let label = metaCharset(data) {
            // A page cannot declare itself UTF-16 in ASCII-compatible bytes; browsers read UTF-8.
            let normalised = normalise(label)
            return normalised.hasPrefix("utf-16") ? "utf-8" : normalised
        }
        return "utf-8"
    }

    /// Decodes with a charset Foundation knows; nil for one it does not.
    static func decode(_ data: Data, charset: String) -> String? {
        switch charset {
        case "utf-8":
            let bytes = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
            if let text = String(validating: bytes, as: UTF8.self) { return text }
            return Windows1252.decode(data)
        case "windows-1252":
            return Windows1252.decode(data)
        default:
            guard let encoding = foundationEncodings[charset] else { return nil }
            return String(data: data, encoding: encoding)
        }
    }

    // MARK: - Finding the label

    private static func byteOrderMark(_ data: Data) -> String? {
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { return "utf-8" }
        if data.starts(with: [0xFE, 0xFF]) { return "utf-16be" }
        if data.starts(with: [0xFF, 0xFE]) { return "utf-16le" }
        return nil
    }

    /// The charset a `<meta>` tag near the top declares, by a byte scan like the HTML
    /// standard's prescan (the page cannot be parsed before its encoding is known).
    private static func metaCharset(_ data: Data) -> String? {
        let head = Array(data.prefix(prescanLength)).map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
        let meta = Array("<meta".utf8)
        var index = 0
        while index + meta.count < head.count {
            guard head[index] == 0x3C, Array(head[index..<index + meta.count]) == meta else { index += 1; continue }
            let end = head[index...].firstIndex(of: 0x3E) ?? head.count
            let tag = String(decoding: head[index..<end], as: UTF8.self)
            if let label = parameter("charset", in: tag) { return label }
            index = end
        }
        return nil
    }

    /// The value of `name=value` in a header or tag, quotes and spaces removed.
    static func parameter(_ name: String, in text: String) -> String? {
        let lower = text.lowercased()
        guard let range = lower.range(of: name) else { return nil }
        var rest = lower[range.upperBound...].drop(while: { $0 == " " })
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop(while: { $0 == " " || $0 == "\"" || $0 == "'" })
        let value = rest.prefix(while: { !" \"';>/".contains($0) && !$0.isWhitespace })
        return value.isEmpty ? nil : String(value)
    }

    static func normalise(_ label: String) -> String {
        let label = label.trimmingCharacters(in: .whitespaces).lowercased()
        switch label {
        case "utf8", "unicode-1-1-utf-8", "utf-8": return "utf-8"
        case "iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "cp1252", "windows-1252", "x-cp1252":
            return "windows-1252"  // browsers read all of these as windows-1252
        case "utf-16", "utf16": return "utf-16le"
        case "shift-jis", "sjis", "x-sjis", "ms_kanji": return "shift_jis"
        default: return label
        }
    }

    private static let foundationEncodings: [String: String.Encoding] = [
        "utf-16le": .utf16LittleEndian, "utf-16be": .utf16BigEndian,
        "iso-8859-2": .isoLatin2, "windows-1250": .windowsCP1250, "windows-1251": .windowsCP1251,
        "windows-1253": .windowsCP1253, "windows-1254": .windowsCP1254,
        "shift_jis": .shiftJIS, "euc-jp": .japaneseEUC, "iso-2022-jp": .iso2022JP, "macintosh": .macOSRoman,
    ]
}
