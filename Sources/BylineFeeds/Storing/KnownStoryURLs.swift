import BylineCore
import BylineStore
import Synchronization

/// The web addresses of the stories a library holds, so fetching never adds a second
/// copy of a story: an item whose address another file already has (saved from another
/// feed, or from a followed link) is left out.
///
/// Addresses compare as `RelatedLinkIndex.normalizedURL` does (scheme, `www.`, a trailing
/// slash and the fragment make no difference). Filled once per fetch and kept up to date
/// as feeds are saved, so two feeds of one run carrying the same story save it once.
///
/// Made from a library, the addresses are read on the first question, not before: a fetch
/// whose feeds all answer "not modified", or bring nothing new, never reads them (at
/// 100,000 stories that is most of an unchanged fetch's time).
public final class KnownStoryURLs: Sendable {
    private let files: Mutex<[String: String]?>
    private let library: Library?

    public init(_ stories: some Sequence<StorySummary>) {
        files = Mutex(Self.addresses(stories))
        library = nil
    }

    /// The addresses of `library`'s stories, read when first asked for.
    public init(library: Library) {
        files = Mutex(nil)
        self.library = library
    }

    private static func addresses(_ stories: some Sequence<StorySummary>) -> [String: String] {
        var files: [String: String] = [:]
        for story in stories {
            if let url = story.url { files[RelatedLinkIndex.normalizedURL(url)] = files[RelatedLinkIndex.normalizedURL(url)] ?? story.id.path }
        }
        return files
    }

    /// Every story address of `library`, read a row at a time from its listing.
    private static func addresses(of library: Library) -> [String: String] {
        let listing = (try? library.load())?.listing
        return addresses((0..<(listing?.count ?? 0)).lazy.compactMap { listing?.summary(at: $0) })
    }

    /// Whether a story at `url`, to be saved as `path`, would be a second copy; if not,
    /// the address is taken by `path` from now on.
    func isSecondCopy(url: String?, path: String) -> Bool {
        guard let url, !url.isEmpty else { return false }
        let key = RelatedLinkIndex.normalizedURL(url)
        return files.withLock { files in
            if files == nil { files = library.map(Self.addresses(of:)) ?? [:] }
            if let owner = files?[key], owner != path { return true }
            files?[key] = path
            return false
        }
    }
}
