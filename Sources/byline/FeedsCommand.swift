import ArgumentParser
import BylineCore
import BylineFeeds
import BylineStore

/// `byline feeds`: the subscriptions, with when each was last fetched, how many stories it
/// added, how many of its stories the library holds and how many are unread (as the
/// reader's sources view counts them), its folder and its last error.
struct FeedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feeds", abstract: "List subscriptions with their last fetch, story and unread counts, folder and last error.")

    @OptionGroup var places: FeedPlaces

    func run() throws {
        let subscriptions = try places.subscriptionsFile.load().subscriptions
        guard !subscriptions.isEmpty else {
            print("No subscriptions yet: add one with `byline add URL`.")
            return
        }
        let library = Library(folder: places.libraryFolder)
        let states = FeedBookkeeping(library: library).stateFile.load()
        let counts = Self.counts(library)
        for subscription in subscriptions {
            let state = states[subscription.url]
            let title = subscription.title ?? state?.title ?? subscription.url
            // A fetch that failed was tried, not fetched: the error line below says why.
            let verb = state?.lastError == nil ? "fetched " : "tried "
            let fetched = state?.lastFetch.map { verb + StoryDate.format($0) } ?? "never fetched"
            let count = state?.storyCount ?? 0
            print(printable("\(title) <\(subscription.url)>"))
            var detail = "  \(fetched) · \(count) \(count == 1 ? "story" : "stories")"
            // Counted by the name the feed's stories carry as their source, as the sources view does.
            if let counts, let name = subscription.title ?? state?.title {
                let tally = counts.bySource[SourceTallies.name(source: name, id: StoryID(""))] ?? StoryTally()
                detail += " · \(tally.unread) unread of \(tally.total) in the library"
            }
            if let folder = subscription.folder { detail += " · folder \(folder)" }
            if subscription.fullStory != .auto { detail += " · full story: \(subscription.fullStory.rawValue)" }
            print(printable(detail))
            if let error = state?.lastError { print("  last error: " + printable(error)) }
        }
    }

    /// Every story counted by source from the index, as it last saw the folder (a command
    /// that lists feeds should not walk 100,000 files); nil when there is no index yet.
    static func counts(_ library: Library) -> SourceTallies? {
        guard let contents = library.indexedContents() else { return nil }
        let marks = (try? library.readingState.load().marks) ?? ReadingMarks()
        return contents.listing.tallySources(read: marks.read, starred: marks.starred, skipping: [])
    }
}
