#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore
import Foundation

extension Library {
    /// Saves a story Byline fetched, as `fetched/<fileName>` in the library.
    ///
    /// `fileName` must follow Byline's naming (`StoryFileName`), which is also what lets
    /// this replace an earlier copy: a file under any other name or folder is never written.
    /// The write is atomic and made under the writers' lock. The next `load()` picks the
    /// file up as new or changed.
    @discardableResult
    public func save(_ story: Story, fileName: String) throws(LibraryError) -> StoryID {
        try save([(story, fileName: fileName)])[0]
    }

    /// Saves several fetched stories at once (a feed's new and changed items), as
    /// `save(_:fileName:)` does one, but taking the writers' lock once and flushing the
    /// folder once at the end instead of after every file.
    ///
    /// Every name is checked before anything is written. Each file is still replaced
    /// atomically, so none is ever half-written; if one write fails, nothing is renamed
    /// and the error names the file that failed. Something other than a plain file at a
    /// name (a link, a folder) is found as the files take their names: that file and the
    /// ones after it are not saved, the ones before it are. The index gains the saved stories.
    @discardableResult
    public func save(_ stories: [(Story, fileName: String)]) throws(LibraryError) -> [StoryID] {
        try save(stories, pending: nil)
    }

    /// Saves as `save(_:)` does, but leaves the index to `pending`, whose entries the
    /// caller indexes at once with `index(_:)` when a run of saves ends: a fetch of 100
    /// feeds rewrites the index once, not once a feed. Until then the next `load()`
    /// finds the files as new, so nothing is lost if the run is cut short.
    @discardableResult
    public func save(_ stories: [(Story, fileName: String)], pending: PendingIndex?) throws(LibraryError) -> [StoryID] {
        try save(files: stories.map { (Array(StoryFileWriter.write($0.0).utf8), fileName: $0.fileName) }, pending: pending)
    }

    /// The folder of fetched stories, made if it is not there yet (with the library
    /// folder, on the first fetch into a new library).
    func fetchedFolder() throws(LibraryError) -> String {
        let fetched = folder.path + "/" + StoryFileName.folder
        do {
            try FileManager.default.createDirectory(atPath: fetched, withIntermediateDirectories: true)
        } catch {
            throw LibraryError(path: fetched, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        return fetched
    }

    /// Saves story files already serialised (`StoryFileWriter`), as `save(_:pending:)` does.
    /// A file `staged` holds with the same bytes is placed as it was written there.
    @discardableResult
    public func save(files stories: [(bytes: [UInt8], fileName: String)], pending: PendingIndex?,
                     staged: StagedStories? = nil) throws(LibraryError) -> [StoryID] {
        var targets: [(id: StoryID, path: String)] = []
        targets.reserveCapacity(stories.count)
        for (_, fileName) in stories {
            let id = StoryID(StoryFileName.folder + "/" + fileName)
            let path = folder.path + "/" + id.path
            guard StoryFileName.isBylineName(fileName) else {
                throw LibraryError(path: path, reason: "not a name Byline writes (16 hex digits and .txt)")
            }
            targets.append((id, path))
        }
        guard !stories.isEmpty else { return [] }
        let fetched = try fetchedFolder()
        try writerLock.withLock { () throws(LibraryError) in
            // Every file is written without its name first (see `AtomicFileBatch`), then
            // all are flushed at once, given their names, and the folder flushed: each file
            // is old or new after a crash, never torn, and a feed of 500 items costs two
            // flushes, not 1,000.
            var batch = try AtomicFileBatch(folder: fetched, removingLeftovers: LeftoverFiles.isFirstLook(at: fetched))
            var written: [AtomicFileBatch.Written] = []
            written.reserveCapacity(stories.count)
            var placed = 0
            defer { for file in written.dropFirst(placed) { batch.discard(file) } }
            for (bytes, fileName) in stories {
                if let file = staged?.take(fileName, bytes: bytes) {
                    written.append(file)
                } else {
                    written.append(try batch.write(bytes, as: fileName))
                }
            }
            // Every file's data is on disk before any takes its name.
            try batch.flush(written)
            var entries: [LibraryEntry] = []
            entries.reserveCapacity(written.count)
            var failure: LibraryError?
            for (index, file) in written.enumerated() {
                // Placed or dropped: `place` uses the file up either way.
                placed += 1
                do throws(LibraryError) {
                    try batch.place(file)
                } catch {
                    // The files before it are saved, and indexed as any others.
                    failure = error
                    break
                }
                // The index gets what a later load would read from the file, read as a
                // load reads it (headers and links, not every paragraph).
                if case .success(let saved) = StoryFileParser.parseForIndex(stories[index].bytes) {
                    entries.append(LibraryEntry(id: targets[index].id, story: saved, stamp: StoryFolderScan.stamp(file.info)))
                }
            }
            batch.syncFolder()
            if let pending {
                pending.add(entries)
            } else {
                do {
                    try updateIndex(saving: entries)
                } catch {
                    // The stories are saved; the next load finds them and indexes them then.
                }
            }
            if let failure { throw failure }
        }
        let ids = targets.map(\.id)
        // The search index follows every save (a run of saves, when it ends, or when it has
        // held enough stories); if it cannot, the next check catches up.
        if let pending {
            if pending.isDue { try? pending.index(into: self) }
        } else {
            try? SearchIndex.update(ids, in: self)
        }
        return ids
    }
}

/// Stories saved by a run of writes and not yet indexed (see `Library.save(_:pending:)`).
///
/// A run indexes what it holds whenever it holds `indexEvery` stories, not only at its end:
/// held to the end, a cold fetch of 100 feeds x 500 items kept 50,000 entries (some 3 KB
/// each, their strings and links) and peaked at 250 MiB. Each early indexing rewrites the
/// index once more, which a run that large can afford; an ordinary fetch never reaches it.
public final class PendingIndex: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [LibraryEntry] = []
    let indexEvery: Int

    public init(indexEvery: Int = 8_192) {
        self.indexEvery = indexEvery
    }

    func add(_ more: [LibraryEntry]) {
        lock.withLock { entries += more }
    }

    /// Whether it holds enough stories to index them now.
    var isDue: Bool { lock.withLock { entries.count >= indexEvery } }

    /// Adds everything saved so far to the index, under the writers' lock.
    public func index(into library: Library) throws(LibraryError) {
        let saved = lock.withLock {
            defer { entries = [] }
            return entries
        }
        guard !saved.isEmpty else { return }
        try library.writerLock.withLock { () throws(LibraryError) in try library.updateIndex(saving: saved) }
        try? SearchIndex.update(saved.map(\.id), in: library)
    }
}
