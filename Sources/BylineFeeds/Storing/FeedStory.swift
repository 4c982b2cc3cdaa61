import BylineCore
import FeedParsing
import Foundation

/// A feed item as a story: the headers and body its story file holds.
public enum FeedStory {
    /// What identifies an item across fetches: its GUID, else its link, else its title
    /// and date. Its hash names the story file.
    public static func key(of item: FeedItem) -> String {
        if let id = item.id?.trimmingCharacters(in: .whitespacesAndNewlines), !id.isEmpty { return "id:" + id }
        if let link = item.link?.trimmingCharacters(in: .whitespacesAndNewlines), !link.isEmpty { return "url:" + link }
        let date = (item.published ?? item.updated).map(StoryDate.format) ?? ""
        return "title:" + (item.title ?? "") + "|" + date + "|" + (item.summary?.value.prefix(200) ?? "")
    }

    public static func story(item: FeedItem, feed: Feed, subscription: Subscription, converter: StoryTextConverter) -> Story {
        let text = item.content ?? item.summary
        let body = text.map { converter.blocks($0, baseURL: item.link ?? feed.link) } ?? []
        let published = item.published ?? item.updated
        var story = Story(
            title: SafeText.clean(item.title) ?? derivedTitle(body),
            source: SafeText.clean(subscription.title) ?? SafeText.clean(feed.title),
            author: SafeText.clean(item.author) ?? SafeText.clean(feed.author),
            published: published.map(StoryDate.format),
            url: webAddress(item.link),
            feed: subscription.url,
            id: SafeText.clean(item.id),
            related: item.relatedLinks.compactMap { link in
                webAddress(link.href).map { RelatedLink(title: SafeText.clean(link.title) ?? "", url: $0) }
            },
            body: body
        )
        if let updated = item.updated, let published = item.published, updated != published {
            story.updated = StoryDate.format(updated)
        }
        return story
    }

    /// An http(s) address, or nil: feeds put GUIDs like `urn:uuid:…` where links belong,
    /// and the reader opens `URL:` in a browser.
    static func webAddress(_ text: String?) -> String? {
        guard let text = SafeText.clean(text), !text.contains(" ") else { return nil }
        let lower = text.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://") ? text : nil
    }

    /// A title from the body's first sentence, for items that have none.
    static func derivedTitle(_ body: [StoryBlock]) -> String {
        for block in body {
            if case .paragraph(let text) = block {
                return Headline.shortened(Headline.firstSentence(of: InlineText.plain(text)))
            }
        }
        return "Untitled"
    }
}
