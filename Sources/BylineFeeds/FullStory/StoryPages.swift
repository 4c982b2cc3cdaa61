import BylineCore
import FeedParsing
import Foundation

/// Fetches the web pages of a feed's summary-only items and turns their stories into
/// full ones, beside the other feeds' downloads.
///
/// Only items about to be saved (new or changed) are looked at, and one whose stored
/// file is already the full story of the same feed text is left alone, so an unchanged
/// item's page is never fetched twice. Each page is fetched with the feeds' client, so
/// under the same time-out and size limits; a page that fails leaves the summary story
/// and is reported, never stopping the others.
struct StoryPages: Sendable {
    let client: HTTPClient
    let slots: RequestSlots
    /// The library's folder of fetched stories.
    let folder: URL

    /// What completing one feed's stories came to.
    struct Completed: Sendable {
        var changes: [FeedShelf.Change]
        var unchanged: Int
        /// The full stories made, by page URL, for `reuse` when the changes are worked out again.
        var fullStories: [String: Story] = [:]
        var failures: [PageFailure] = []
    }

    func complete(_ changes: [FeedShelf.Change], unchanged: Int, mode: FullStoryMode, feed: String) async -> Completed {
        var completed = Completed(changes: [], unchanged: unchanged)
        var wanted: [Int] = []
        for change in changes {
            guard FullStoryRule.wantsPage(change.story, mode: mode, hasContent: change.hasContent) else {
                completed.changes.append(change)
                continue
            }
            if isStoredInFull(change) {
                completed.unchanged += 1
                continue
            }
            wanted.append(completed.changes.count)
            completed.changes.append(change)
        }
        let results = await withTaskGroup(of: (Int, Result<Story, PageFailure>).self) { group in
            for index in wanted {
                let story = completed.changes[index].story
                group.addTask { (index, await slots.holding { await fullStory(story, feed: feed) }) }
            }
            return await group.reduce(into: [(Int, Result<Story, PageFailure>)]()) { $0.append($1) }
        }
        for (index, result) in results.sorted(by: { $0.0 < $1.0 }) {
            switch result {
            case .success(let story):
                completed.changes[index].story = story
                if let url = story.url { completed.fullStories[url] = story }
            case .failure(let failure):
                completed.failures.append(failure)
            }
        }
        return completed
    }

    /// `changes` worked out again (another fetch gave the feed its key meanwhile): the full
    /// stories already made are put back in, and none is fetched again.
    func reuse(_ changes: [FeedShelf.Change], unchanged: Int, fullStories: [String: Story]) -> ([FeedShelf.Change], Int) {
        var kept: [FeedShelf.Change] = []
        var unchanged = unchanged
        for var change in changes {
            if let url = change.story.url, let full = fullStories[url] {
                change.story = full
            } else if isStoredInFull(change) {
                unchanged += 1
                continue
            }
            kept.append(change)
        }
        return (kept, unchanged)
    }

    /// Whether the change's file already holds the full story of the same feed item.
    private func isStoredInFull(_ change: FeedShelf.Change) -> Bool {
        guard let bytes = FeedShelf.contents(of: folder.appendingPathComponent(change.fileName)),
              case .success(let stored) = StoryFileParser.parse(bytes) else { return false }
        return PageMerge.isFullStory(stored, of: change.story)
    }

    private func fullStory(_ summary: Story, feed: String) async -> Result<Story, PageFailure> {
        let address = summary.url ?? "?"
        return await PageFetch(client: client).story(at: address, completing: summary).mapError { problem in
            PageFailure(feed: feed, page: address, reason: problem.description)
        }
    }
}
