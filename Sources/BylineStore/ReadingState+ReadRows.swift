#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore

/// Keeping the read-rows cache (`ReadMarksCache`) current as marks are saved, so the start
/// after a session that marked stories (`A`, `n`, `s`…) reads 12.5 kB of row bits instead
/// of looking up 100,000 paths.
///
/// A save knows the file it replaces and the marks it applies; the marks by row of the
/// file it writes are the cached ones of the file it replaced with the batch applied.
/// The cache is made only from a cache that was current for the replaced file (its key:
/// the index on disk and that file's stamp and checksum) and keyed to the new file, so
/// whatever changed in between (another copy's save, a fetch that rewrote the index)
/// leaves no cache to build on: then the new file is read the exact way.
extension ReadingState {
    /// What a save needs from before it replaces the file: the index the next start maps,
    /// its part of the cache key, and the cached marks of the file about to be replaced
    /// (nil when there is no cache current for it).
    struct ReadRowsBeforeSave {
        let index: IndexedListing
        let indexNumbers: [UInt64]
        let marks: ListedReadingState?
    }

    var indexPath: String { stateFolder.appendingPathComponent("index").path }

    /// Call under the writers' lock, before the file is replaced. Nil without a usable
    /// index file: there is then no cache to keep.
    func readRowsBeforeSave() -> ReadRowsBeforeSave? {
        guard let index = IndexedListing.open(indexPath).listing, let numbers = ReadMarksCache.Key.numbers(of: index) else { return nil }
        let file = open(path, O_RDONLY | O_CLOEXEC)
        if file < 0 {
            // No file yet: no marks, exactly.
            let none = errno == ENOENT ? ListedReadingState(readRows: RowSet(rows: index.count)) : nil
            return ReadRowsBeforeSave(index: index, indexNumbers: numbers, marks: none)
        }
        defer { close(file) }
        let key = Self.bodyChecksum(of: file).flatMap { ReadMarksCache.Key(index: numbers, readingState: file, bodyChecksum: $0) }
        let marks = key.flatMap { ReadMarksCache.load(from: readRowsPath, key: $0, rows: index.count) }
        return ReadRowsBeforeSave(index: index, indexNumbers: numbers, marks: marks)
    }

    /// After the file was rewritten with `batch` applied (still under the lock): caches
    /// the new file's marks, made from the cached ones before and the batch. False when
    /// it cannot (no cache was current, or the batch's rows are of a listing other than
    /// the index on disk): the caller then reads the new file the exact way.
    func saveReadRows(after batch: MarkBatch, _ before: ReadRowsBeforeSave) -> Bool {
        guard var marks = before.marks else { return false }
        if let listing = batch.listing {
            // Rows of the very index file on disk: it is only ever replaced by renaming,
            // so the same file has the same rows.
            guard let rows = listing.listing as? IndexedListing, rows === before.index || rows.bytes.isMapped(from: indexPath),
                  rows.count == before.index.count else { return false }
            marks.readRows.formUnion(batch.readRows)
            marks.readRows.subtract(batch.unreadRows)
        }
        for (id, pending) in batch.byID {
            if let read = pending.read {
                if let row = before.index.row(of: id) {
                    if read { marks.readRows.insert(row) } else { marks.readRows.remove(row) }
                } else if read {
                    marks.unlistedRead.insert(id)
                } else {
                    marks.unlistedRead.remove(id)
                }
            }
            if let starred = pending.starred {
                if starred { marks.starred.insert(id) } else { marks.starred.remove(id) }
            }
        }
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return false }
        defer { close(file) }
        guard let checksum = Self.bodyChecksum(of: file),
              let key = ReadMarksCache.Key(index: before.indexNumbers, readingState: file, bodyChecksum: checksum) else { return false }
        ReadMarksCache.save(marks, key: key, to: readRowsPath)
        return true
    }

    /// The marks of the file as it is now by row of `index`, read the exact way, which
    /// caches them (`load(listedIn:)`): after a save that had no cache to build on.
    func cacheReadRows(of index: IndexedListing) {
        _ = try? load(listedIn: StoryRows(index))
        index.releasePages()
    }

    /// Makes the read-rows cache current for the index and reading state on disk, reading
    /// the marks the exact way when it is not: for a writer that changed either without
    /// keeping the cache (a sync saves stories and the server's marks), so the next start
    /// takes the cache rather than looking up every read story's path.
    public func refreshReadRows() {
        guard let index = IndexedListing.open(indexPath).listing else { return }
        cacheReadRows(of: index)
    }

    /// The marks the next start takes from the read-rows cache, by row of the index on
    /// disk; nil when the cache is not current for the index and reading state on disk
    /// (the start then reads the marks the exact way).
    public func cachedReadRows() -> ListedReadingState? {
        guard let index = IndexedListing.open(indexPath).listing, let numbers = ReadMarksCache.Key.numbers(of: index) else { return nil }
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return nil }
        defer { close(file) }
        guard let checksum = Self.bodyChecksum(of: file),
              let key = ReadMarksCache.Key(index: numbers, readingState: file, bodyChecksum: checksum) else { return nil }
        return ReadMarksCache.load(from: readRowsPath, key: key, rows: index.count)
    }

    /// The body checksum the header line of the open file `file` gives, read without
    /// moving its offset; nil when it has no header of this version.
    static func bodyChecksum(of file: Int32) -> UInt64? {
        let header = ReadingStateFile.header(hash: 0)
        var bytes = [UInt8](repeating: 0, count: header.count)
        let count = bytes.withUnsafeMutableBytes { pread(file, $0.baseAddress, $0.count, 0) }
        guard count == header.count, bytes.last == LineFields.newline else { return nil }
        return ReadingStateFile.checksum(ofHeader: bytes[0..<(header.count - 1)])
    }
}
