import ArgumentParser
import BylineFeeds
import FeedParsing

/// `byline export`: the subscriptions as OPML 2.0, on standard output.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the subscriptions as OPML 2.0 to standard output.")

    @OptionGroup var places: FeedPlaces

    func run() throws {
        print(OPMLWriter.document(try places.subscriptionsFile.load().subscriptions), terminator: "")
    }
}
