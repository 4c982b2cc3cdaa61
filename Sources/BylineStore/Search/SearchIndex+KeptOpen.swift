#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore
import StorySearch

/// What the reader needs to keep one search index open across queries: a stamp that tells
/// when its files were replaced.
extension SearchIndex {
    /// The library folder and, per index file, its identity, size and modification time
    /// (nil when missing). Writers replace the files by renaming new ones over them, so a
    /// new file shows as a new inode even within the same second.
    public struct FilesStamp: Equatable, Sendable {
        var folder: String
        var files: [[Int64]?]
    }

    public static func filesStamp(_ library: Library) -> FilesStamp {
        FilesStamp(folder: library.stateFolder.path, files: [basePath(library), recentPath(library)].map { path in
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            #if canImport(Darwin)
            let time = info.st_mtimespec
            #else
            let time = info.st_mtim
            #endif
            return [Int64(info.st_dev), Int64(info.st_ino), Int64(info.st_size), Int64(time.tv_sec), Int64(time.tv_nsec)]
        })
    }
}
