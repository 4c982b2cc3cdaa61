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
public final class KnownStoryURLs: Sendable {
    private let files: Mutex<[String: String]>

    public init(_ stories: some Sequence<StorySummary>) {
        var files: [String: String] = [:]
        for story in stories {
            if let url = story.url { files[RelatedLinkIndex.normalizedURL(url)] = files[RelatedLinkIndex.normalizedURL(url)] ?? story.id.path }
        }
        self.files = Mutex(files)
    }

    /// Whether a story at `url`, to be saved as `path`, would be a second copy; if not,
    /// the address is taken by `path` from now on.
    func isSecondCopy(url: String?, path: String) -> Bool {
        guard let url, !url.isEmpty else { return false }
        let key = RelatedLinkIndex.normalizedURL(url)
        return files.withLock { files in
            if let owner = files[key], owner != path { return true }
            files[key] = path
            return false
        }
    }
}
