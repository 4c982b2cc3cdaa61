import ArgumentParser
import BylineCore
import BylineFeeds
import BylineStore

/// `byline feeds`: the subscriptions, with when each was last fetched, how many stories it
/// added and its last error.
struct FeedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feeds", abstract: "List subscriptions with their last fetch, story count and last error.")

    @OptionGroup var places: FeedPlaces

    func run() throws {
        let subscriptions = try places.subscriptionsFile.load().subscriptions
        guard !subscriptions.isEmpty else {
            print("No subscriptions yet: add one with `byline add URL`.")
            return
        }
        let states = FeedBookkeeping(library: Library(folder: places.libraryFolder)).stateFile.load()
        for subscription in subscriptions {
            let state = states[subscription.url]
            let title = subscription.title ?? state?.title ?? subscription.url
            // A fetch that failed was tried, not fetched: the error line below says why.
            let verb = state?.lastError == nil ? "fetched " : "tried "
            let fetched = state?.lastFetch.map { verb + StoryDate.format($0) } ?? "never fetched"
            let count = state?.storyCount ?? 0
            print(printable("\(title) <\(subscription.url)>"))
            var detail = "  \(fetched) · \(count) \(count == 1 ? "story" : "stories")"
            if subscription.fullStory != .auto { detail += " · full story: \(subscription.fullStory.rawValue)" }
            print(printable(detail))
            if let error = state?.lastError { print("  last error: " + printable(error)) }
        }
    }
}
