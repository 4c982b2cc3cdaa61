import BylineStore
import Foundation

extension Library {
    /// A library that fetching will write to, its folder created first, so its state
    /// folder is the `.byline` inside it (a missing folder would send the bookkeeping to
    /// `$XDG_STATE_HOME`, as for a read-only library).
    public static func forFetching(at folder: URL) throws -> Library {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return Library(folder: folder)
    }
}
