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
        // With sync on, the server unsubscribes first: if it cannot, nothing changes here.
        if let account = try SyncSetup.account() {
            var list = try places.subscriptionsFile.load()
            let urls = list.remove(feed).map(\.url)
            if !urls.isEmpty {
                let connection = try SyncSetup.connect(account)
                defer { connection.close() }
                if case .failure(let failure) = waitFor({ await connection.unsubscribe(urls: urls) }) {
                    throw CommandFailure(failure.description)
                }
            }
        }
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
