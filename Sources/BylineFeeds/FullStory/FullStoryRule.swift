import BylineCore
import BylineExtract
import Foundation

/// Which feed items get their web page fetched for the full story.
///
/// `never` fetches none and `always` every item with a web address. `auto` fetches when
/// the feed's text is only a summary, judged on the story as the feed gives it:
/// - no text at all (no content element, no description);
/// - fewer than `summaryWords` words: a page story runs to several hundred, a teaser to
///   one or two sentences, and 80 sits well between them;
/// - the text ends the way cut-off teasers do: "…", "...", "[…]", "[...]", or a
///   "Read more" / "Continue reading" line.
/// A long feed text that ends in a full stop is taken as the whole story.
public enum FullStoryRule {
    /// Fewer words than this and the feed's text counts as a summary.
    public static let summaryWords = 80

    public static func wantsPage(_ story: Story, mode: FullStoryMode) -> Bool {
        guard story.url != nil else { return false }
        switch mode {
        case .never: return false
        case .always: return true
        case .auto: return isSummary(story.body)
        }
    }

    /// Whether a story body, as the feed gives it, is only a summary (see the type's rules).
    public static func isSummary(_ body: [StoryBlock]) -> Bool {
        let text = HTMLStoryText.plainText(body)
        if wordCount(text) < summaryWords { return true }
        return looksCut(lastLine(of: body))
    }

    static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: { $0.isWhitespace }).count
    }

    private static func lastLine(of body: [StoryBlock]) -> String {
        guard let last = body.last else { return "" }
        return HTMLStoryText.plainText([last])
    }

    private static let cutEndings = ["…", "...", "[…]", "[...]", "(…)", "(...)"]
    private static let moreLinks = ["read more", "continue reading", "read the full story", "read full story",
                                    "read the rest", "more »", "more…", "keep reading"]

    private static func looksCut(_ line: String) -> Bool {
        let text = line.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if cutEndings.contains(where: { text.hasSuffix($0) }) { return true }
        // A "Read more" line is short: the link, perhaps an arrow or the site's name.
        return text.count <= 60 && moreLinks.contains { text.hasPrefix($0) || text.hasSuffix($0) }
    }
}
