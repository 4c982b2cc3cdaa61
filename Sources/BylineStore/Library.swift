#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore
import Foundation

/// A folder of story files, read as a library.
///
/// The files are the source of truth; the index in the state folder (see
/// `LibraryLocation.stateFolder`) only makes start-up cheap. Loading scans the folder's
/// names and sizes, takes unchanged files from the index, and parses only new or changed
/// ones. A missing or damaged index is rebuilt, never fatal.
public struct Library: Sendable {
    public let folder: URL
    /// Holds the index, the reading state and the writers' lock.
    public let stateFolder: URL

    /// - Parameter stateFolder: where bookkeeping goes; `nil` picks it as
    ///   `LibraryLocation.stateFolder(for:)` says.
    public init(folder: URL, stateFolder: URL? = nil) {
        self.folder = folder.standardizedFileURL
        self.stateFolder = stateFolder ?? LibraryLocation.stateFolder(for: folder)
    }

    var indexPath: String { stateFolder.appendingPathComponent("index").path }
    /// The folders the last walk found (`KnownFolders`).
    var knownFoldersPath: String { stateFolder.appendingPathComponent(KnownFolders.fileName).path }
    var writerLock: WriterLock { WriterLock(stateFolder: stateFolder.path) }

    /// The reading state (read and starred stories) kept with this library.
    public var readingState: ReadingState { ReadingState(stateFolder: stateFolder) }

    // MARK: - Loading

    /// Every story in the folder, newest first, and every file that is not a story.
    ///
    /// Compares each file's stamp (size and modification time) with the index and reads
    /// only files that are new or changed; when nothing changed, the index is used as it
    /// is, and otherwise it is rewritten with only the difference decoded (`IndexWriter`).
    /// Throws only when the folder itself cannot be read; an index that cannot be saved is
    /// noted in the report, and the listing is then held in memory.
    ///
    /// - Parameters:
    ///   - shown: the listing the reader already has mapped; when the index file
    ///   is still the one it was mapped from, it is read through that mapping rather than
    ///   a second one, whose pages would count twice in the reader's memory.
    ///   - progress: told (stories read, stories to read) as new or changed files are read.
    public func load(reusing shown: IndexedListing? = nil,
                     progress: (@Sendable (Int, Int) -> Void)? = nil) throws(LibraryError) -> LibraryContents {
        // Another writer may replace the index while this one scans: then scan again
        // against theirs, so neither's stories are dropped from it.
        var attempt = 0
        while true {
            attempt += 1
            if let contents = try load(reusing: shown, retrying: attempt < 3, progress: progress) {
                // Indexing every file leaves freed memory in its threads' heaps: give it
                // back, so a start with no index goes on in what a start with one uses.
                if contents.report.index != .used { Memory.giveBack() }
                return contents
            }
        }
    }

    private func load(reusing shown: IndexedListing?, retrying: Bool,
                      progress: (@Sendable (Int, Int) -> Void)?) throws(LibraryError) -> LibraryContents? {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let indexStampBefore = Self.indexStamp(indexPath)
        var old: IndexedListing?
        var indexState = LoadReport.IndexState.used
        if let shown, shown.bytes.isMapped(from: indexPath) {
            old = shown
        } else {
            (old, indexState) = IndexedListing.open(indexPath)
        }

        var seen = [Bool](repeating: false, count: old?.count ?? 0)
        var knownProblems: [String: LibraryProblem] = [:]
        for problem in old?.problems ?? [] { knownProblems[problem.id.path] = problem }
        var keptProblems: [LibraryProblem] = []
        var changed: [StoryFolderScan.Found] = []
        var reused = 0
        var skipped: [StoryFolderScan.Skipped] = []
        // With no index to compare with, every file is read: compactly, for a big folder.
        let fresh = old == nil ? freshIndex() : nil
        // Memory stays flat over 100,000 lookups: they read the index file, not its mapping.
        var probe = old.map(IndexProbe.init)
        try StoryFolderScan.visit(root: folder.path, skipped: &skipped, knownFolders: knownFoldersPath, statingFiles: fresh == nil,
                                  eachName: fresh.map { fresh in { fresh.add(prefix: $0, name: $1) } }) { file in
            if let fresh {
                fresh.add(file)
                return
            }
            var path = file.path
            if let (row, stamp) = path.withUTF8({ probe?.find(UnsafeRawBufferPointer($0)) }) {
                seen[row] = true
                if stamp == file.stamp { reused += 1 } else { changed.append(file) }
            } else if let problem = knownProblems.removeValue(forKey: file.path), problem.stamp == file.stamp {
                keptProblems.append(problem)
                reused += 1
            } else {
                changed.append(file)
            }
        }
        if let fresh {
            fresh.read(root: folder.path, progress: progress)
            if !fresh.failed {
                return try save(fresh, index: indexState, skipped: skipped, replacingStamp: indexStampBefore, retrying: retrying)
            }
            changed = (0..<fresh.fileCount).map { StoryFolderScan.Found(path: fresh.path($0), stamp: fresh.slots[$0].stamp) }
        }
        let gone = seen.indices.filter { !seen[$0] }
        var report = LoadReport(index: indexState, parsed: changed.count, reused: reused, dropped: gone.count + knownProblems.count)
        // An index an older Byline wrote (no path order) is rewritten once, as it is.
        if let old, changed.isEmpty, report.dropped == 0, old.hasPathOrder {
            markChecked(startedAt: now, stamp: indexStampBefore)
            // What the walk passed over is found again by every scan, so never indexed.
            return LibraryContents(listing: old, problems: keptProblems.sorted { $0.id < $1.id } + skipped.map(LibraryProblem.init(skipped:)),
                                   report: report, comparedWith: old)
        }

        let (entries, problems) = LibraryIndex.split(StoryFileReading.records(root: folder.path, files: changed, progress: progress))
        let allProblems = (keptProblems + problems).sorted { $0.id < $1.id }
        /// The row `old` lists the story at `path` in.
        func oldRow(_ path: String) -> Int? {
            var path = path
            return path.withUTF8 { probe?.find(UnsafeRawBufferPointer($0))?.row }
        }
        var dropping = Set(gone)
        for file in changed { if let row = oldRow(file.path) { dropping.insert(row) } }
        let writer = IndexWriter.merging(old, dropping: dropping, adding: entries, problems: allProblems)
        let listing: IndexedListing
        do throws(LibraryError) {
            guard let saved = try saveIndex(writer, replacingStamp: indexStampBefore, retrying: retrying) else { return nil }
            listing = saved
        } catch {
            report.saveProblem = error.description
            guard let inMemory = try? IndexedListing(IndexBytes(copying: writer.bytes())) else { return nil }
            listing = inMemory
        }
        let removed = gone.compactMap { old?.id(at: $0) }
        // The listing's changes: a changed file that is no longer a story leaves it.
        let wasListed = { (id: StoryID) in oldRow(id.path) != nil }
        let changes = ListingChanges(added: entries.filter { !wasListed($0.id) }.map(\.summary),
                                     changed: entries.filter { wasListed($0.id) }.map(\.summary),
                                     removed: removed + problems.map(\.id).filter(wasListed))
        return LibraryContents(listing: listing, problems: allProblems + skipped.map(LibraryProblem.init(skipped:)), report: report,
                               comparedWith: old, changes: changes)
    }

    /// Somewhere to build a fresh index: spill files in the state folder, or else in the
    /// system's temporary folder. Nil when neither takes one: the index is then built in memory.
    private func freshIndex() -> FreshIndex? {
        // Only the last folder: a library folder that is missing must stay missing.
        mkdir(stateFolder.path, 0o755)
        return FreshIndex(spillingIn: [stateFolder.path, NSTemporaryDirectory()])
    }

    /// Saves an index built from the files alone (see `saveIndex`) and lists the library from it.
    private func save(_ fresh: FreshIndex, index: LoadReport.IndexState, skipped: [StoryFolderScan.Skipped],
                      replacingStamp stamp: FileStamp?, retrying: Bool) throws(LibraryError) -> LibraryContents? {
        let problems = fresh.problems.sorted { $0.id < $1.id }
        let kept = problems.filter(LibraryIndex.isWorthKeeping)
        var report = LoadReport(index: index, parsed: fresh.fileCount)
        let listing: IndexedListing
        do throws(LibraryError) {
            guard let saved = try saveIndex(replacingStamp: stamp, retrying: retrying, { fresh.write(problems: kept, to: $0) })
            else { return nil }
            listing = saved
        } catch {
            report.saveProblem = error.description
            guard let inMemory = try? IndexedListing(IndexBytes(copying: fresh.bytes(problems: kept))) else { return nil }
            listing = inMemory
        }
        return LibraryContents(listing: listing, problems: problems + skipped.map(LibraryProblem.init(skipped:)), report: report)
    }

    /// The library as the index last saw it, without looking at the folder: what the
    /// reader shows at once on start-up while `load()` checks the files behind it.
    /// Nil when there is no usable index.
    public func indexedContents() -> LibraryContents? {
        guard let listing = IndexedListing.open(indexPath).listing else { return nil }
        return LibraryContents(listing: listing, problems: listing.problems, report: LoadReport(index: .used))
    }

    /// Dates the index a second before this check began, when it is older: every folder
    /// change since then was seen by the check, so `contentsIfFoldersUnchanged` can trust
    /// the index again after a folder changed without its stories changing (an editor's
    /// swap file came and went). The second covers file systems' coarse clocks.
    private func markChecked(startedAt start: timespec, stamp: FileStamp?) {
        guard let stamp, stamp.modifiedSeconds < Int64(start.tv_sec) - 1 else { return }
        var times = [timespec(tv_sec: start.tv_sec - 1, tv_nsec: 0), timespec(tv_sec: start.tv_sec - 1, tv_nsec: 0)]
        _ = try? writerLock.withLock { () throws(LibraryError) in
            // Only the index this check compared with: another writer's newer one stays.
            if Self.indexStamp(indexPath) == stamp { utimensat(AT_FDCWD, indexPath, &times, 0) }
        }
    }

    /// The index's listing when no folder of the library changed since it was written
    /// (`StoryFolderScan.anyFolderChanged`): what `byline list` prints without a `stat`
    /// of every story. Nil when there is no usable index or a folder changed.
    public func contentsIfFoldersUnchanged() throws(LibraryError) -> LibraryContents? {
        guard let contents = indexedContents(), let stamp = contents.listing.bytes.stamp,
              try !StoryFolderScan.anyFolderChanged(root: folder.path, since: stamp, knownFolders: knownFoldersPath) else { return nil }
        return contents
    }

    /// Writes the index under the writers' lock and maps what was written. Nil when
    /// another writer replaced the index since it was read (its stamp was `stamp`) and
    /// `retrying` is set: the caller reads the folder again against the new one.
    private func saveIndex(_ writer: IndexWriter, replacingStamp stamp: FileStamp?, retrying: Bool) throws(LibraryError) -> IndexedListing? {
        try saveIndex(replacingStamp: stamp, retrying: retrying) { writer.write(to: $0) }
    }

    /// As above, with the index's bytes written by `fill` (0, or an `errno`).
    private func saveIndex(replacingStamp stamp: FileStamp?, retrying: Bool,
                           _ fill: (Int32) -> Int32) throws(LibraryError) -> IndexedListing? {
        try writerLock.withLock { () throws(LibraryError) -> IndexedListing? in
            if retrying, Self.indexStamp(indexPath) != stamp { return nil }
            return try writeIndex(fill)
        }
    }

    /// Replaces the index file with what `writer` writes and maps it; the caller holds
    /// the writers' lock.
    func writeIndex(_ writer: IndexWriter) throws(LibraryError) -> IndexedListing {
        try writeIndex { writer.write(to: $0) }
    }

    private func writeIndex(_ fill: (Int32) -> Int32) throws(LibraryError) -> IndexedListing {
        try AtomicFile.save(to: indexPath, fill: fill)
        let (listing, state) = IndexedListing.open(indexPath)
        guard let listing else {
            throw LibraryError(path: indexPath, reason: "the index just written cannot be read back: \(state)")
        }
        return listing
    }

    static func indexStamp(_ path: String) -> FileStamp? {
        var info = stat()
        return stat(path, &info) == 0 ? StoryFolderScan.stamp(info) : nil
    }

    // MARK: - Reading one story

    /// Reads and parses one story file, for showing it.
    public func story(_ id: StoryID) -> Result<Story, StoryFileProblem> {
        guard Self.isInside(id) else { return .failure(.unreadable("not a path inside the library")) }
        switch FileBytes.contents(of: folder.path + "/" + id.path) {
        case .failure(.missing): return .failure(.unreadable("the file is gone"))
        case .failure(.failed(let reason)): return .failure(.unreadable(reason))
        case .success(let bytes): return StoryFileParser.parse(bytes)
        }
    }

    /// A relative path that stays inside the library folder.
    static func isInside(_ id: StoryID) -> Bool {
        let parts = id.path.split(separator: "/", omittingEmptySubsequences: false)
        return !id.path.isEmpty && !id.path.hasPrefix("/") && !parts.contains("..") && !parts.contains("")
    }
}
