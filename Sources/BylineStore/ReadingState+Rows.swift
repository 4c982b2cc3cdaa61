#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore

/// Marks by row of a listing: how the reader loads and saves them, so neither a library
/// of 100,000 read stories nor `A` over all of them makes a set of 100,000 ids.
extension ReadingState {
    /// Applies a batch of marks (see `MarkBatch`) under the writers' lock, re-reading the
    /// file as `apply(_:)` does, so another running copy's marks are kept. Returns a line
    /// for the reader when the saved file was damaged (set aside, its intact marks saved
    /// with these), else nil.
    @discardableResult
    public func apply(_ batch: MarkBatch) throws(LibraryError) -> String? {
        guard !batch.isEmpty else { return nil }
        let batch = batch.onBase()
        // The index whose read-rows cache could not be made from the one before.
        var uncached: IndexedListing?
        let problem = try writerLock.withLock { () throws(LibraryError) -> String? in
            // Journaled first, as `apply(_:)` does.
            if isJournaling { try journalForSync(batch.changes) }
            let before = readRowsBeforeSave()
            if try ReadingStateMerge(batch).rewrite(path) == .written {
                if let before, !saveReadRows(after: batch, before) { uncached = before.index }
                return nil
            }
            // Damaged, or not in this encoder's order: read whole, set aside if damaged.
            var loaded = try readRepairing()
            for change in batch.changes { loaded.marks.apply(change) }
            try AtomicFile.save(ReadingStateFile.encode(loaded.marks), to: path)
            uncached = before?.index
            return loaded.problem
        }
        // Read the exact way after the lock is let go: other copies' saves need not wait.
        if let uncached { cacheReadRows(of: uncached) }
        return problem
    }

    /// The saved marks with the read ones of `listing`'s stories as its rows; read-only,
    /// as `load()`. Read a line at a time, each path looked up in the listing as bytes.
    public func load(listedIn listing: StoryRows) throws(LibraryError) -> ListedReadingState {
        let file = open(path, O_RDONLY | O_CLOEXEC)
        if file < 0 {
            if errno == ENOENT { return ListedReadingState(readRows: RowSet(rows: listing.count)) }
            throw LibraryError(path: path, reason: "cannot be read: \(SystemError.message(errno))")
        }
        defer { close(file) }
        // Cached by row while the index and this file are the ones the cache was made from.
        let indexed = listing.listing as? IndexedListing
        let cacheKey = indexed.flatMap { index in
            Self.bodyChecksum(of: file).flatMap { ReadMarksCache.Key(index: index, readingState: file, bodyChecksum: $0) }
        }
        if let cacheKey, let cached = ReadMarksCache.load(from: readRowsPath, key: cacheKey, rows: listing.count) {
            return cached
        }
        var lines = ReadingStateLines(descriptor: file)
        var marks = ListedReadingState(readRows: RowSet(rows: listing.count))
        var lookups = 0
        lines.forEach { kind, path in
            if kind == ReadingStateFile.starredKind {
                marks.starred.insert(StoryID(String(decoding: path, as: UTF8.self)))
                return true
            }
            if let row = path.withUnsafeBytes({ listing.listing.row(ofPathBytes: $0) }) {
                marks.readRows.insert(row)
            } else {
                marks.unlistedRead.insert(StoryID(String(decoding: path, as: UTF8.self)))
            }
            // Looked up all over the index: its pages are given back as the lookups go
            // (found or not), or 100,000 read stories would leave megabytes of it resident.
            lookups += 1
            if lookups % Self.lookupsBetweenReleases == 0 { listing.releasePages() }
            return true
        }
        if lookups >= Self.lookupsBetweenReleases { listing.releasePages() }
        if let failure = lines.failure { throw LibraryError(path: self.path, reason: "cannot be read: \(SystemError.message(failure))") }
        if lines.isIntact {
            // Written only from an intact file whose checksum is the one in the key.
            if let cacheKey, cacheKey.numbers.last == lines.headerChecksum {
                ReadMarksCache.save(marks, key: cacheKey, to: readRowsPath)
            }
            return marks
        }
        // Damaged: what `load()` keeps of it, and what it says.
        let loaded = try load()
        return ListedReadingState(loaded, listing: listing)
    }

    /// How many paths are looked up in the index between giving its pages back. Each
    /// lookup faults in a page of the path lookup, the rows and the paths, and the kernel
    /// maps 16 pages around each fault (`MADV_RANDOM` does not stop it), so a thousand
    /// lookups already map most of those sections (some 6 MB at 100,000 stories): fewer
    /// between releases saves little memory and costs every page faulted in again
    /// (measured: 1,024 kept the same peak, 26 MiB, for more CPU).
    static let lookupsBetweenReleases = 4096

    /// Where the read marks by row are cached (see `ReadMarksCache`).
    var readRowsPath: String { stateFolder.appendingPathComponent("read-rows").path }

}

/// A library's marks as the reader holds them: the read stories of its listing by row,
/// the read stories it does not list (a file since removed, a story of another copy's
/// fetch not yet listed) and the starred ones by id.
public struct ListedReadingState: Equatable, Sendable {
    public var readRows: RowSet
    public var unlistedRead: Set<StoryID> = []
    public var starred: Set<StoryID> = []
    /// One line for the reader when the saved file was damaged, else `nil`.
    public var problem: String?

    public init(readRows: RowSet, unlistedRead: Set<StoryID> = [], starred: Set<StoryID> = [], problem: String? = nil) {
        self.readRows = readRows
        self.unlistedRead = unlistedRead
        self.starred = starred
        self.problem = problem
    }

    /// Marks loaded by id, put by row of `listing`.
    public init(_ loaded: LoadedReadingState, listing: StoryRows) {
        var rows = RowSet(rows: listing.count)
        var unlisted = Set<StoryID>()
        for id in loaded.marks.read {
            if let row = listing.row(of: id) { rows.insert(row) } else { unlisted.insert(id) }
        }
        self.init(readRows: rows, unlistedRead: unlisted, starred: loaded.marks.starred, problem: loaded.problem)
    }
}
