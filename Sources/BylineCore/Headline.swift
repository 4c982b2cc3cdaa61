/// Making a headline out of running text, for stories that have none.
public enum Headline {
    /// The longest a derived headline runs before it is cut at a word boundary.
    public static let derivedLength = 64

    /// The first sentence: up to `.`, `!` or `?` followed by a space and a capital letter
    /// or quote, so "U.S. troops" and "3.5 million" do not end it.
    public static func firstSentence(of text: String) -> String {
        let chars = Array(text)
        var index = 0
        while index < chars.count {
            let c = chars[index]
            if c == "." || c == "!" || c == "?", index + 2 < chars.count, chars[index + 1] == " " {
                let next = chars[index + 2]
                let previousIsInitial = index >= 1 && chars[index - 1].isUppercase
                    && (index < 2 || !chars[index - 2].isLetter)
                if (next.isUppercase || "\"“‘'".contains(next)) && !(c == "." && previousIsInitial) {
                    return String(chars[...index])
                }
            }
            index += 1
        }
        return text
    }

    /// Cut at a word boundary to at most `limit` characters, with an ellipsis when cut.
    public static func shortened(_ text: String, limit: Int = derivedLength) -> String {
        let trimmed = text.trimmingSpaces
        guard trimmed.count > limit else { return String(trimmed) }
        var result = ""
        for word in trimmed.split(separator: " ") {
            let candidate = result.isEmpty ? String(word) : result + " " + word
            if candidate.count > limit { break }
            result = candidate
        }
        if result.isEmpty { result = String(trimmed.prefix(limit)) }
        while let last = result.last, ",;:–—-".contains(last) { result.removeLast() }
        return result + "…"
    }
}
