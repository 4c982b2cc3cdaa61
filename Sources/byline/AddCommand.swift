import ArgumentParser
import BylineFeeds
import FeedParsing

/// `byline add URL [--title T]`: subscribes to a feed, or to the feed a page advertises.
struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Subscribe to a feed, or to the feed a web page advertises.")

    @Argument(help: "The feed's URL, or a page that links to its feed.")
    var url: String

    @Option(help: "The name to show for the feed (default: the feed's own title).")
    var title: String?

    @Option(help: "Fetch each story's page for its full text: auto, always or never.")
    var fullStory: FullStoryMode = .auto

    @Option(help: "The folder to file the feed under (with sync on, one of the server's folders).")
    var folder: String?

    @OptionGroup var places: FeedPlaces

    func run() throws {
        let found: FeedFinder.Found
        // `example.org/news` means the web page, as a browser would read it: https, then http.
        let limits = FetchLimits(timeout: Double(ConfigLoading.load().fetch.timeout))
        let (address, result) = SchemelessAddress.first(url) { address in
            waitFor { await FeedFinder(reader: .standard, limits: limits).find(address) }
        }
        switch result {
        case .success(let feed): found = feed
        case .failure(let failure):
            warn("byline: \(address): \(failure)")
            throw ExitCode.failure
        }
        let subscription = Subscription(url: found.url, title: title ?? found.title, fullStory: fullStory, folder: folder)
        // With sync on, the server is subscribed first: a feed it refuses is not added here.
        if let account = try SyncSetup.account() {
            let connection = try SyncSetup.connect(account)
            defer { connection.close() }
            let url = found.url
            if case .failure(let failure) = waitFor({ [folder] in await connection.subscribe(url: url, folder: folder) }) {
                throw CommandFailure(failure.description)
            }
        }
        let added = try places.subscriptionsFile.modify { $0.add(subscription) }
        let name = subscription.title.map { "\($0) " } ?? ""
        print(printable(added ? "Added \(name)<\(found.url)>" : "Already subscribed to \(name)<\(found.url)>"))
    }
}

extension FullStoryMode: ExpressibleByArgument {}
