import BylineStore
import Foundation

extension Library {
    /// The library that fetching writes to. `Library(folder:)` now picks the right state
    /// folder for a library that does not exist yet, so this only forwards to it; it stays
    /// until `FeedFetcher.refresh` (being changed on another branch) calls that directly.
    public static func forFetching(at folder: URL) throws -> Library {
        Library(folder: folder)
    }
}
