import BylineCore
import BylineStore

extension StorySummary {
    /// What the list needs from a library index entry.
    init(_ entry: LibraryEntry) {
        self.init(id: entry.id, title: entry.title, kicker: entry.kicker, source: entry.source, author: entry.author,
                  published: entry.publishedDate, url: entry.url, related: entry.relatedLinks)
    }
}
