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
    var writerLock: WriterLock { WriterLock(stateFolder: stateFolder.path) }

    /// The reading state (read and starred stories) kept with this library.
    public var readingState: ReadingState { ReadingState(stateFolder: stateFolder) }

    // MARK: - Loading

    /// Every story in the folder, newest first, and every file that is not a story.
    ///
    /// Throws only when the folder itself cannot be read; an index that cannot be saved is
    /// noted in the report.
    public func load() throws(LibraryError) -> LibraryContents {
        var skipped: [StoryFolderScan.Skipped] = []
        let found = try StoryFolderScan.run(root: folder.path, skipped: &skipped)
        var (known, indexState) = readIndex()

        var records: [LibraryIndex.Record] = []
        records.reserveCapacity(found.count)
        var changed: [StoryFolderScan.Found] = []
        for file in found {
            if let record = known.removeValue(forKey: file.path), record.stamp == file.stamp {
                records.append(record)
            } else {
                changed.append(file)
            }
        }
        let reused = records.count
        records += StoryFileReading.records(root: folder.path, files: changed)
        var contents = Self.contents(of: records)
        contents.report = LoadReport(index: indexState, parsed: changed.count, reused: reused, dropped: known.count)

        if !changed.isEmpty || !known.isEmpty || indexState != .used {
            do {
                // Saved in display order, so the next start-up's sort finds it sorted.
                try saveIndex(contents.entries.map(LibraryIndex.Record.story) + contents.problems.map(LibraryIndex.Record.problem))
            } catch {
                contents.report.saveProblem = error.description
            }
        }
        // After the index is saved: the next scan finds these again.
        contents.problems += skipped.map(LibraryProblem.init(skipped:))
        return contents
    }

    /// The library as the index last saw it, without looking at the folder: what the
    /// reader shows at once on start-up while `load()` checks the files behind it.
    /// Nil when there is no usable index.
    public func indexedContents() -> LibraryContents? {
        guard case .success(let bytes) = FileBytes.contents(of: indexPath, limit: FileBytes.largestBookkeeping),
              case .success(let records) = LibraryIndex.decode(bytes) else { return nil }
        return Self.contents(of: records)
    }

    private func readIndex() -> ([String: LibraryIndex.Record], LoadReport.IndexState) {
        switch FileBytes.contents(of: indexPath, limit: FileBytes.largestBookkeeping) {
        case .failure(.missing):
            return ([:], .missing)
        case .failure(.failed(let reason)):
            return ([:], .rebuilt(reason: reason))
        case .success(let bytes):
            switch LibraryIndex.decode(bytes) {
            case .failure(let damage):
                return ([:], .rebuilt(reason: damage.reason))
            case .success(let records):
                var known: [String: LibraryIndex.Record] = [:]
                known.reserveCapacity(records.count)
                for record in records { known[record.path] = record }
                return (known, .used)
            }
        }
    }

    private func saveIndex(_ records: [LibraryIndex.Record]) throws(LibraryError) {
        let bytes = LibraryIndex.encode(records)
        try writerLock.withLock { () throws(LibraryError) in try AtomicFile.save(bytes, to: indexPath) }
    }

    private static func contents(of records: [LibraryIndex.Record]) -> LibraryContents {
        var entries: [LibraryEntry] = []
        var problems: [LibraryProblem] = []
        entries.reserveCapacity(records.count)
        for record in records {
            switch record {
            case .story(let entry): entries.append(entry)
            case .problem(let problem): problems.append(problem)
            }
        }
        problems.sort { $0.id < $1.id }
        return LibraryContents(entries: LibraryEntry.sortedNewestFirst(entries), problems: problems, report: LoadReport(index: .used))
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
