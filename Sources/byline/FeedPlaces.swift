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

    var subscriptionsFile: SubscriptionsFile {
        SubscriptionsFile(url: LibraryLocation.configFolder().appendingPathComponent("feeds.toml"))
    }
}

/// Text from feeds, files and servers made safe to print: control characters (and so
/// escape sequences) are dropped, spacing is kept.
func printable(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars where scalar.value >= 0x20 && !(0x7F..<0xA0).contains(scalar.value) {
        scalars.append(scalar)
    }
    return String(scalars)
}

/// Writes a line to standard error.
func warn(_ line: String) {
    FileHandle.standardError.write(Data((printable(line) + "\n").utf8))
}
