#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore
import StorySearch

/// When an index opened is still the one on disk: the one rule the reader's kept index
/// and the check's "nothing changed" both follow.
extension SearchIndex {
    /// The library folder and, per index file, its identity, size and modification time
    /// (nil when missing). Writers replace the files by renaming new ones over them, so a
    /// new file shows as a new inode even within the same second.
    struct FilesStamp: Equatable, Sendable {
        var folder: String
        var files: [[Int64]?]

        /// One file's part, as `stat` describes it.
        static func file(_ info: stat) -> [Int64] {
            let stamp = FileStamp(info)
            return [Int64(info.st_dev), Int64(info.st_ino), stamp.size, stamp.modifiedSeconds, stamp.modifiedNanoseconds]
        }

        /// The file at `path` as it is now; nil when there is none.
        static func file(at path: String) -> [Int64]? {
            var info = stat()
            return stat(path, &info) == 0 ? file(info) : nil
        }
    }

    /// The index files of `library` as they are on disk now.
    static func filesStamp(_ library: Library) -> FilesStamp {
        FilesStamp(folder: library.stateFolder.path, files: [basePath(library), recentPath(library)].map(FilesStamp.file(at:)))
    }

    /// Whether the files on disk are still the ones this index read: no writer replaced,
    /// added or removed one since it was opened. The reader keeps an index open across
    /// queries while this holds; a check marks the base as seen only while it holds.
    public var isStillOnDisk: Bool { Self.filesStamp(library) == opened }
}
