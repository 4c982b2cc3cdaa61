import Foundation

/// A feed's bytes turned into text, with the encoding chosen and any complaint about it.
struct DecodedDocument {
    var text: String
    /// The encoding used, in lower case as feedparser reports it ("utf-8", "iso-8859-1" …).
    var encoding: String
    /// The media type the document was served as (without parameters).
    var mediaType: String
    var isJSON: Bool
    /// Why the document is not quite right (wrong media type, encoding override …).
    var problem: String?
}

/// Chooses a document's character encoding from its BOM, its XML declaration and the
/// HTTP `Content-Type`, by RFC 3023's rules as feedparser applies them: `text/xml`
/// without a charset is US-ASCII, `application/xml` follows the declaration, a local
/// file follows the declaration or UTF-8.
enum CharacterDecoding {
    static func decode(_ data: Data, contentType: String?) -> DecodedDocument? {
        var bytes = [UInt8](data)
        let sniffed = sniff(&bytes)
        let declared = declaredEncoding(bytes, sniffed: sniffed)

        let (mediaType, charset) = parseContentType(contentType ?? "")
        var acceptable = false
        var isJSON = false
        var chosen: String
        let type = mediaType.lowercased()
        if ["application/xml", "application/xml-dtd", "application/xml-external-parsed-entity"].contains(type)
            || (type.hasPrefix("application/") && type.hasSuffix("+xml")) {
            acceptable = true
            chosen = charset ?? declared ?? "utf-8"
        } else if ["text/xml", "text/xml-external-parsed-entity"].contains(type) || (type.hasPrefix("text/") && type.hasSuffix("+xml")) {
            acceptable = true
            chosen = charset ?? "us-ascii"
        } else if ["application/feed+json", "application/json"].contains(type) || (type.isEmpty && startsWithBrace(bytes)) {
            acceptable = true
            isJSON = true
            chosen = charset ?? "utf-8"
        } else if type.hasPrefix("text/") {
            chosen = charset ?? "us-ascii"
        } else if contentType != nil && type.isEmpty {
            chosen = declared ?? "iso-8859-1"
        } else {
            chosen = declared ?? "utf-8"
        }
        if chosen.lowercased() == "gb2312" { chosen = "gb18030" }
        let declaredName = declared.map { $0.lowercased() == "gb2312" ? "gb18030" : $0 }

        var problem: String?
        if let contentType, !acceptable {
            problem = contentType.isEmpty ? "no Content-Type given" : "\(contentType) is not an XML or JSON media type"
        }
        var tried: [String] = []
        for candidate in [chosen, declaredName, sniffed, "utf-8", "windows-1252", "iso-8859-2"] {
            guard let candidate, !candidate.isEmpty, !tried.contains(candidate) else { continue }
            tried.append(candidate)
            guard let text = decodeBytes(bytes, as: candidate) else { continue }
            if candidate != chosen {
                problem = "document declared as \(chosen), but parsed as \(candidate)"
            }
            return DecodedDocument(text: text, encoding: candidate, mediaType: isJSON ? "application/json" : mediaType,
                                   isJSON: isJSON, problem: problem)
        }
        return nil
    }

    /// The MIME type and charset parameter of a `Content-Type` value.
    static func parseContentType(_ value: String) -> (String, String?) {
        let chunks = value.split(separator: ";", omittingEmptySubsequences: false)
        let mediaType = chunks.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        var charset: String?
        for chunk in chunks.dropFirst() {
            let parts = chunk.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
            let raw = parts[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            charset = raw.isEmpty ? nil : raw
        }
        return (mediaType, charset)
    }

    // MARK: - Sniffing

    /// The encoding a BOM or the first bytes of `<?xm` reveal; a BOM is removed.
    private static func sniff(_ bytes: inout [UInt8]) -> String? {
        let head = Array(bytes.prefix(4))
        func starts(_ prefix: [UInt8]) -> Bool { head.starts(with: prefix) }
        let secondPairZero = head.count >= 4 && head[2] == 0 && head[3] == 0
        if starts([0x00, 0x00, 0xFE, 0xFF]) { bytes.removeFirst(4); return "utf-32be" }
        if starts([0xFF, 0xFE, 0x00, 0x00]) { bytes.removeFirst(4); return "utf-32le" }
        if starts([0xFE, 0xFF]), !secondPairZero { bytes.removeFirst(2); return "utf-16be" }
        if starts([0xFF, 0xFE]), !secondPairZero { bytes.removeFirst(2); return "utf-16le" }
        if starts([0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3); return "utf-8" }
        if starts([0x4C, 0x6F, 0xA7, 0x94]) { return "cp037" }
        if starts([0x00, 0x3C, 0x00, 0x3F]) { return "utf-16be" }
        if starts([0x3C, 0x00, 0x3F, 0x00]) { return "utf-16le" }
        if starts([0x00, 0x00, 0x00, 0x3C]) { return "utf-32be" }
        if starts([0x3C, 0x00, 0x00, 0x00]) { return "utf-32le" }
        return nil
    }

    /// The `encoding` of the XML declaration, lowercased; UTF-16/32 names defer to the BOM.
    private static func declaredEncoding(_ bytes: [UInt8], sniffed: String?) -> String? {
        let prefix = Array(bytes.prefix(4096))
        let head: String
        if let sniffed {
            guard let text = decodeBytes(prefix, as: sniffed) ?? decodeBytes(Array(prefix.dropLast(prefix.count % 4)), as: sniffed) else { return nil }
            head = text
        } else {
            head = String(decoding: prefix, as: UTF8.self)
        }
        guard head.hasPrefix("<?"), let close = head.range(of: "?>") else { return nil }
        let declaration = head[..<close.lowerBound]
        guard let key = declaration.range(of: "encoding=", options: .backwards) else { return nil }
        let rest = declaration[key.upperBound...]
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix { $0 != "\"" && $0 != "'" }
        let name = value.lowercased()
        let unicodeNames: Set<String> = ["u16", "utf-16", "utf16", "utf_16", "u32", "utf-32", "utf32", "utf_32",
                                         "iso-10646-ucs-2", "iso-10646-ucs-4", "csucs4", "csunicode", "ucs-2", "ucs-4"]
        if let sniffed, unicodeNames.contains(name) { return sniffed }
        return name.isEmpty ? nil : name
    }

    private static func startsWithBrace(_ bytes: [UInt8]) -> Bool {
        bytes.first { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } == UInt8(ascii: "{")
    }

    // MARK: - Decoding

    /// Python's aliases for a few encodings, in the names iconv knows.
    private static let aliases: [String: String] = [
        "utf8": "UTF-8", "u8": "UTF-8", "utf": "UTF-8", "latin-1": "ISO-8859-1", "latin1": "ISO-8859-1",
        "l1": "ISO-8859-1", "cp037": "IBM037", "ascii": "US-ASCII", "u16": "UTF-16", "u32": "UTF-32",
        "ks_c_5601-1987": "EUC-KR", "x-sjis": "SHIFT_JIS", "sjis": "SHIFT_JIS",
    ]

    static func decodeBytes(_ bytes: [UInt8], as encoding: String) -> String? {
        let name = encoding.lowercased().replacingOccurrences(of: "_", with: "-")
        if name == "utf-8" || name == "utf8" {
            return String(bytes: bytes, encoding: .utf8)
        }
        guard name.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || "-.:+".unicodeScalars.contains($0)) }) else { return nil }
        var charset = aliases[name] ?? name.uppercased()
        // Python reads BOM-less UTF-16/32 as little-endian; iconv would assume big-endian.
        if charset == "UTF-16" { charset = bytes.starts(with: [0xFE, 0xFF]) ? "UTF-16" : (bytes.starts(with: [0xFF, 0xFE]) ? "UTF-16" : "UTF-16LE") }
        if charset == "UTF-32" { charset = bytes.starts(with: [0, 0, 0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE, 0, 0]) ? "UTF-32" : "UTF-32LE" }
        return Iconv.decode(bytes, from: charset)
    }
}
