import ArgumentParser
import BylineFeeds
import FeedParsing
import Foundation

/// `byline import FILE.opml`: subscribes to every feed an OPML file lists.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Subscribe to the feeds of an OPML file.")

    @Argument(help: "An OPML 1.0 or 2.0 file.")
    var file: String

    @OptionGroup var places: FeedPlaces

    func run() throws {
        let bytes: [UInt8]
        do {
            bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file)))
        } catch {
            warn("byline: \(file): \(FileTrouble.reason(error, path: file))")
            throw ExitCode.failure
        }
        let found: [Subscription]
        do {
            found = try OPMLReader.subscriptions(in: bytes, name: file)
        } catch {
            warn("byline: \(error)")
            throw ExitCode.failure
        }
        // Only web feeds: a `javascript:` or `file:` outline is refused here, before it is saved.
        let web = found.filter { subscription in
            let scheme = URL(string: subscription.url)?.scheme?.lowercased()
            guard scheme == "http" || scheme == "https" else {
                warn("byline: \(file): skipped \(subscription.url): not an http(s) URL")
                return false
            }
            return true
        }
        let added = try places.subscriptionsFile.modify { list in web.filter { list.add($0) }.count }
        let known = web.count - added
        print("Imported \(added) \(added == 1 ? "feed" : "feeds")" + (known > 0 ? " (\(known) already subscribed)" : ""))
    }
}
