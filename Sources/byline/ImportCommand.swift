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
            warn("byline: \(file): cannot read: \(error.localizedDescription)")
            throw ExitCode.failure
        }
        let found: [Subscription]
        do {
            found = try OPMLReader.subscriptions(in: bytes, name: file)
        } catch {
            warn("byline: \(error)")
            throw ExitCode.failure
        }
        let added = try places.subscriptionsFile.modify { list in found.filter { list.add($0) }.count }
        let known = found.count - added
        print("Imported \(added) \(added == 1 ? "feed" : "feeds")" + (known > 0 ? " (\(known) already subscribed)" : ""))
    }
}
