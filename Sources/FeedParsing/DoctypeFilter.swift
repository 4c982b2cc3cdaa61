import Foundation

/// Removes a document's DOCTYPE before XML parsing, keeping only plain internal entities
/// (`<!ENTITY name "text">` or one character reference). External entities (XXE) and
/// entities built from other entities (billion laughs) never reach the XML parser.
struct DoctypeFilter {
    /// The document without its DOCTYPE, plus a fresh one declaring the safe entities.
    var text: String
    /// Entities kept, by name.
    var entities: [String: String]
    /// "rss091n" when the DOCTYPE names Netscape's RSS 0.91.
    var version: String?

    init(_ document: String) {
        text = document
        entities = [:]
        version = nil
        // Only the prolog (before the first element, outside comments) can hold a DOCTYPE.
        guard let doctype = Self.doctypeInProlog(document) else { return }
        let head = document[...]
        let end = Self.declarationEnd(head, from: doctype.upperBound) ?? head.endIndex
        let declaration = head[doctype.lowerBound..<end]
        if declaration.lowercased().contains("netscape") { version = "rss091n" }
        var kept: [(String, String)] = []
        for (name, value) in Self.entityDeclarations(in: String(declaration)) where entities[name] == nil {
            entities[name] = value
            kept.append((name, value))
        }
        var replacement = ""
        if !kept.isEmpty {
            replacement = "<!DOCTYPE feed [" + kept.map { "<!ENTITY \($0.0) \"\($0.1)\">" }.joined(separator: " ") + "]>"
        }
        // As many lines as the declaration it replaces, so error line numbers stay the document's.
        replacement += String(repeating: "\n", count: declaration.reduce(0) { $1 == "\n" ? $0 + 1 : $0 })
        text = String(document[..<doctype.lowerBound]) + replacement + String(document[end...])
    }

    /// The `<!DOCTYPE` of the prolog, skipping comments and processing instructions.
    private static func doctypeInProlog(_ text: String) -> Range<String.Index>? {
        var index = text.startIndex
        while let lt = text[index...].firstIndex(of: "<") {
            let rest = text[lt...]
            if rest.hasPrefix("<!--") {
                guard let close = rest.range(of: "-->") else { return nil }
                index = close.upperBound
            } else if rest.hasPrefix("<?") {
                guard let close = rest.range(of: "?>") else { return nil }
                index = close.upperBound
            } else if rest.prefix(9).uppercased() == "<!DOCTYPE" {
                return lt..<text.index(lt, offsetBy: 9)
            } else {
                return nil
            }
        }
        return nil
    }

    /// The end of `<!DOCTYPE …>`, skipping an internal subset in brackets and quoted strings.
    private static func declarationEnd(_ text: Substring, from start: String.Index) -> String.Index? {
        var index = start
        var depth = 0
        var quote: Character?
        while index < text.endIndex {
            let c = text[index]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "[" {
                depth += 1
            } else if c == "]" {
                depth = max(0, depth - 1)
            } else if c == ">" && depth == 0 {
                return text.index(after: index)
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// `<!ENTITY name "value">` declarations whose value is plain text or a single
    /// character reference; parameter and external entities are left out.
    private static func entityDeclarations(in declaration: String) -> [(String, String)] {
        var found: [(String, String)] = []
        var rest = Substring(declaration)
        while let range = rest.range(of: "<!ENTITY") {
            rest = rest[range.upperBound...]
            let body = rest.prefix { $0 != ">" }
            let words = body.drop { $0.isWhitespace }
            let name = words.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            guard !name.isEmpty, name.count < 100 else { continue }
            let afterName = words[name.endIndex...]
            guard afterName.first?.isWhitespace == true else { continue }
            let valuePart = afterName.drop { $0.isWhitespace }
            guard valuePart.first == "\"" else { continue }
            let value = valuePart.dropFirst().prefix { $0 != "\"" }
            guard value.endIndex < valuePart.endIndex else { continue }
            if isCharacterReference(value) || !value.contains("&") && !value.contains("%") && !value.contains("<") {
                found.append((String(name), String(value)))
            }
        }
        return found
    }

    private static func isCharacterReference(_ value: Substring) -> Bool {
        guard value.hasPrefix("&#"), value.hasSuffix(";"), value.count > 3 else { return false }
        return value.dropFirst(2).dropLast().allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }
}
