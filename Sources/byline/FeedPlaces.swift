import ArgumentParser
import BylineFeeds
import BylineStore
import Foundation

/// The `--library` option the feed commands share, and where subscriptions live.
struct FeedPlaces: ParsableArguments {
    @Option(help: ArgumentHelp("The library folder stories are saved to.",
                               discussion: "Default: $XDG_DATA_HOME/byline/library (~/.local/share/byline/library).",
                               valueName: "path"))
    var library: String?

    var libraryFolder: URL {
        library.map { URL(fileURLWithPath: $0, isDirectory: true) } ?? LibraryLocation.defaultLibrary()
    }

    var subscriptionsFile: SubscriptionsFile { Self.standardSubscriptions }

    /// `$XDG_CONFIG_HOME/byline/feeds.toml`: the one subscriptions file.
    static var standardSubscriptions: SubscriptionsFile {
        SubscriptionsFile(url: LibraryLocation.configFolder().appendingPathComponent("feeds.toml"))
    }
}
