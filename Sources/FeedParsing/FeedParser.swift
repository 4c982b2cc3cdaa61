import Foundation

/// Reads RSS 0.90–2.0 (RDF included), Atom 0.3/1.0 and JSON Feed 1.0/1.1 into a `Feed`.
///
/// Pure: bytes in, a feed or a one-line reason out. It follows feedparser's rules, so a
/// feed that is ill-formed but still has entries parses with `Feed.problem` set (what
/// feedparser calls "bozo") instead of failing.
public enum FeedParser {
    /// Parses a feed document.
    /// - Parameters:
    ///   - url: where the document came from; relative links resolve against it.
    ///   - contentType: the HTTP `Content-Type`, whose charset and media type decide the
    ///     character encoding (RFC 3023). Nil for a local file.
    ///   - contentLocation: the HTTP `Content-Location`, which overrides `url` as the base.
    ///   - contentLanguage: the HTTP `Content-Language`, the language until the feed says otherwise.
    public static func parse(_ data: Data, url: URL? = nil, contentType: String? = nil, contentLocation: String? = nil,
                             contentLanguage: String? = nil) -> Result<Feed, FeedParseError> {
        guard data.contains(where: { ![0x20, 0x09, 0x0A, 0x0D, 0x00].contains($0) }) else { return .failure(.emptyDocument) }
        let href = url?.absoluteString ?? ""
        let location = contentLocation ?? ""
        let baseURI = [URIReference.safeAbsolute(href, location), URIReference.safeAbsolute(location)]
            .first { !$0.isEmpty } ?? href
        var problems: [String] = []
        let decoded: DecodedDocument
        if let document = CharacterDecoding.decode(data, contentType: contentType) {
            decoded = document
            if let problem = document.problem { problems.append(problem) }
        } else {
            decoded = DecodedDocument(text: String(decoding: data, as: UTF8.self), encoding: "", mediaType: "",
                                      isJSON: false, problem: nil)
            problems.append("document encoding unknown; read as UTF-8 with replacements")
        }
        let trimmed = decoded.text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if decoded.isJSON || trimmed.hasPrefix("{") {
            return parseJSON(decoded, baseURI: baseURI, problems: problems)
        }
        if looksLikeHTML(trimmed) { return .failure(.notAFeed("looks like an HTML page")) }
        return parseXML(decoded, baseURI: baseURI, language: contentLanguage, problems: problems)
    }

    private static func parseXML(_ decoded: DecodedDocument, baseURI: String, language: String?,
                                 problems: [String]) -> Result<Feed, FeedParseError> {
        var problems = problems
        let (allowed, removed) = ForbiddenCharacters.removed(from: withoutDeclaration(decoded.text))
        let doctype = DoctypeFilter(allowed)
        let (text, repaired) = CharacterReferences.replacingUndeclaredEntities(doctype.text, declared: Set(doctype.entities.keys))
        let builder = FeedBuilder(baseURI: baseURI, language: language)
        // Re-declared as UTF-8 on the first line, so error line numbers stay the document's.
        let outcome = XMLEventReader.read("<?xml version='1.0' encoding='utf-8'?>" + text, url: nil, into: builder)
        if let missing = outcome.parserMissing { return .failure(.parserMissing(missing)) }
        if let refusal = outcome.refusal { return .failure(malformed(refusal)) }
        if let name = outcome.rootName?.lowercased(), name == "html" || name.hasSuffix(":html") {
            return .failure(.notAFeed("looks like an HTML page"))
        }
        if let repaired { problems.insert(repaired, at: 0) }
        if let removed { problems.insert(removed, at: 0) }
        if let error = outcome.firstError { problems.insert("malformed XML at \(error)", at: 0) }
        let version = doctype.version ?? builder.version?.rawValue ?? ""
        let foundNothing = version.isEmpty && builder.feed.keys.isEmpty && builder.entries.isEmpty
        if foundNothing || outcome.rootName == nil {
            if let error = outcome.firstError { return .failure(malformed(error)) }
            let root = PlainText.oneLine(outcome.rootName ?? "none", limit: 40)
            return .failure(.notAFeed("no RSS, Atom or JSON Feed elements (root element <\(root)>)"))
        }
        return .success(FeedModel.feed(version: version, fields: builder.feed, entries: builder.entries,
                                       problem: problems.first, encoding: decoded.encoding))
    }

    private static func parseJSON(_ decoded: DecodedDocument, baseURI: String, problems: [String]) -> Result<Feed, FeedParseError> {
        switch JSONFeedReader.read(decoded.text, baseURI: baseURI) {
        case .failure(let error):
            return .failure(error)
        case .success(let parsed):
            return .success(FeedModel.feed(version: parsed.version, fields: parsed.feed, entries: parsed.entries,
                                           problem: problems.first, encoding: decoded.encoding))
        }
    }

    /// The document without its XML declaration (it is re-declared as UTF-8).
    private static func withoutDeclaration(_ text: String) -> String {
        guard text.hasPrefix("<?xml"), let close = text.range(of: ">") else { return text }
        return String(text[close.upperBound...])
    }

    private static func looksLikeHTML(_ text: Substring) -> Bool {
        let head = text.prefix(512).lowercased()
        return head.hasPrefix("<!doctype html") || head.hasPrefix("<html")
    }

    /// "line N: message" from the XML reader as an error.
    private static func malformed(_ error: String) -> FeedParseError {
        let body = error.dropFirst("line ".count)
        let number = body.prefix { $0.isNumber }
        let message = body.dropFirst(number.count).drop { $0 == ":" || $0 == " " }
        return .malformedXML(line: Int(number) ?? 1, message: String(message))
    }
}
