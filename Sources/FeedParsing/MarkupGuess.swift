import Foundation

/// Guesses whether text that claims to be plain is really HTML, as feedparser does for
/// RSS: it needs an end tag or a reference, and only known tags and entities.
enum MarkupGuess {
    private static let endTag = try? NSRegularExpression(pattern: #"</(\w+)>"#)
    private static let reference = try? NSRegularExpression(pattern: #"&#?\w+;"#)
    private static let tagName = try? NSRegularExpression(pattern: #"</?(\w+)"#)
    private static let entityName = try? NSRegularExpression(pattern: #"&(\w+);"#)

    static func looksLikeHTML(_ text: String) -> Bool {
        guard text.contains("<") || text.contains("&"),
              let endTag, let reference, let tagName, let entityName else { return false }
        let range = NSRange(location: 0, length: (text as NSString).length)
        guard endTag.firstMatch(in: text, range: range) != nil || reference.firstMatch(in: text, range: range) != nil else {
            return false
        }
        let ns = text as NSString
        for match in tagName.matches(in: text, range: range)
        where !HTMLAllowList.elements.contains(ns.substring(with: match.range(at: 1)).lowercased()) {
            return false
        }
        for match in entityName.matches(in: text, range: range) {
            let name = ns.substring(with: match.range(at: 1))
            if name == "apos" || !HTMLEntities.isDefined(name) { return false }
        }
        return true
    }
}
