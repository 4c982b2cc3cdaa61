import BylineCore
import BylineExtract
import FeedParsing
import Foundation

/// Which feed items get their web page fetched for the full story.
///
/// `never` fetches none and `always` every item with a web address. `auto` fetches when
/// the feed's text is only a summary, judged on the story as the feed gives it:
/// - no text at all (no content element, no description);
/// - only a description or summary (no content element) of fewer than `summaryWords`
///   words: a page story runs to several hundred, a teaser to one or two sentences, and
///   80 sits well between them;
/// - the text ends the way cut-off teasers do: "…", "...", "[…]", "[...]", or a
///   "Read more" / "Continue reading" line.
/// Content the feed gives as content (`content:encoded`, Atom `content`, JSON Feed
/// `content_html`) is the story, however short, unless it ends cut off; so is a long
/// description that ends in a full stop.
public enum FullStoryRule {
    /// Fewer words than this and the feed's text counts as a summary.
    public static let summaryWords = 80

    public static func wantsPage(_ story: Story, mode: FullStoryMode, hasContent: Bool = false) -> Bool {
        guard story.url != nil else { return false }
        switch mode {
        case .never: return false
        case .always: return true
        case .auto: return isSummary(story.body, hasContent: hasContent)
        }
    }

    /// Whether a story body, as the feed gives it, is only a summary (see the type's rules).
    public static func isSummary(_ body: [StoryBlock], hasContent: Bool = false) -> Bool {
        let text = HTMLStoryText.plainText(body)
        if text.isEmpty { return true }
        if !hasContent && wordCount(text) < summaryWords { return true }
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
