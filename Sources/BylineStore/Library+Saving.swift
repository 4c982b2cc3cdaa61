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
    /// atomically, so none is ever half-written; if one write fails, the files before it
    /// are saved (and flushed) and the error names the one that failed.
    @discardableResult
    public func save(_ stories: [(Story, fileName: String)]) throws(LibraryError) -> [StoryID] {
        let fetched = folder.path + "/" + StoryFileName.folder
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
        do {
            // The library folder too, on the first fetch into a new library.
            try FileManager.default.createDirectory(atPath: fetched, withIntermediateDirectories: true)
        } catch {
            throw LibraryError(path: fetched, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        try writerLock.withLock { () throws(LibraryError) in
            defer { AtomicFile.syncFolder(fetched) }
            for (index, (story, _)) in stories.enumerated() {
                let target = targets[index].path
                var info = stat()
                // Checked under the lock so the answer still holds when the rename happens.
                if lstat(target, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
                    throw LibraryError(path: target, reason: "not a plain file; Byline will not replace it")
                }
                try AtomicFile.save(Array(StoryFileWriter.write(story).utf8), to: target, syncingFolder: false)
            }
        }
        let ids = targets.map(\.id)
        // The search index follows every save; if it cannot, the next check catches up.
        try? SearchIndex.record(saved: zip(ids, stories).map { ($0, $1.0) }, in: self)
        return ids
    }
}
