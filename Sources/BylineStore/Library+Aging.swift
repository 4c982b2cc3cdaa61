#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore
import Foundation

extension Library {
    /// A story Byline saved that is older than a retention period, by its dates as they are
    /// now: its publication and its file's modification time (when it was last fetched).
    public struct AgedStory: Sendable {
        public var entry: LibraryEntry
        public var fetched: Date
        /// The story as its file reads now, when the file had to be read: it changed since
        /// it was indexed. Nil when the index answered.
        public var story: Story?

        public var id: StoryID { entry.id }
        public var published: Date? { entry.publishedDate }
    }

    /// The stories Byline saved whose later of publication and file time is more than
    /// `seconds` before `now`: retention's candidates, found from the index rather than by
    /// reading the library.
    ///
    /// A row whose publication date is within `seconds` is young whatever its file's time
    /// (a story's age counts from the later of the two), so it is passed over with no file
    /// looked at. Every other row is checked against its file with one `lstat`: a file's
    /// time can move back with no folder changing (a story restored or copied in place with
    /// an older time), and forward (fetched again), so the index's stamp never decides
    /// alone. A file whose stamp matches its row is dated by the row; one that changed is
    /// read, and dated by what it says now; one gone, unreadable or not a plain file is not
    /// a candidate. When a folder changed since the index was written, the library is
    /// loaded first (`load()`: a `stat` of every file, the index brought up to date).
    ///
    /// The one case the index answers without a look at the file: a story whose file was
    /// rewritten in place, its folder unchanged, with an older `Published` than the index
    /// recorded. It is kept, never removed wrongly, until a load notices the change.
    public func stories(olderThan seconds: Double, now: Date) throws(LibraryError) -> [AgedStory] {
        // The index as it is when no folder changed since it was written (after a fetch
        // that found nothing new); else the folders are checked first, so a story file
        // put in by hand, old already, is a candidate too.
        let listing: IndexedListing
        if let unchanged = try contentsIfFoldersUnchanged() {
            listing = unchanged.listing
        } else {
            listing = try load().listing
        }
        defer { listing.releasePages() }
        let root = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard root >= 0 else { throw .system("open the library folder", folder.path, errno: errno) }
        defer { close(root) }
        let youngest = now.timeIntervalSince1970 - seconds
        var aged: [AgedStory] = []
        var path = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        for row in 0..<listing.count {
            let published = listing.date(at: row)
            if let published, published >= youngest { continue }
            let bytes = listing.pathBytes(at: row)
            guard Self.isSavedByByline(path: bytes), bytes.count < path.count else { continue }
            var info = stat()
            let found = path.withUnsafeMutableBufferPointer { buffer -> Bool in
                guard let name = buffer.baseAddress else { return false }
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: bytes)
                buffer[bytes.count] = 0
                return fstatat(root, name, &info, AT_SYMLINK_NOFOLLOW) == 0
            }
            guard found, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            let stamp = FileStamp(info)
            let fetched = Double(stamp.modifiedSeconds)
            if stamp == listing.stamp(at: row) {
                // Unchanged since it was indexed: the row dates it, and is decoded only
                // for a story that is old.
                if max(published ?? fetched, fetched) >= youngest { continue }
                aged.append(AgedStory(entry: listing.entry(at: row), fetched: Date(timeIntervalSince1970: fetched), story: nil))
            } else {
                // Changed since it was indexed: what it says now dates it.
                let id = listing.id(at: row)
                guard case .success(let story) = self.story(id) else { continue }
                let entry = LibraryEntry(id: id, story: story, stamp: stamp)
                if max(entry.publishedDate?.timeIntervalSince1970 ?? fetched, fetched) >= youngest { continue }
                aged.append(AgedStory(entry: entry, fetched: Date(timeIntervalSince1970: fetched), story: story))
            }
        }
        return aged
    }

    /// `isSavedByByline` for a path as the index holds it, decoding nothing:
    /// `fetched/`, 16 lowercase hex digits, `.txt`.
    static func isSavedByByline(path: UnsafeRawBufferPointer) -> Bool {
        let folder = fetchedFolderPrefix, suffix = storySuffix
        guard path.count == folder.count + 16 + suffix.count, path.starts(with: folder),
              path[(folder.count + 16)...].elementsEqual(suffix) else { return false }
        return path[folder.count..<(folder.count + 16)].allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    private static let fetchedFolderPrefix = Array((StoryFileName.folder + "/").utf8)
    private static let storySuffix = Array(".txt".utf8)
}
