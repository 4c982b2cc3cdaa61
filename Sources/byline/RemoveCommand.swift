import ArgumentParser
import BylineFeeds

/// `byline remove URL|TITLE`: unsubscribes; stories already saved stay in the library.
struct RemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Unsubscribe from a feed (its saved stories stay).")

    @Argument(help: "The feed's URL or title.")
    var feed: String

    @OptionGroup var places: FeedPlaces

    func run() throws {
        let removed = try places.subscriptionsFile.modify { $0.remove(feed) }
        guard !removed.isEmpty else {
            warn("byline: no subscription matches \(feed)")
            throw ExitCode.failure
        }
        for subscription in removed {
            print(printable("Removed " + (subscription.title.map { "\($0) " } ?? "") + "<\(subscription.url)>"))
        }
    }
}
