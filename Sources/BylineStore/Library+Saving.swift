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
        let id = StoryID(StoryFileName.folder + "/" + fileName)
        let target = folder.path + "/" + id.path
        guard StoryFileName.isBylineName(fileName) else {
            throw LibraryError(path: target, reason: "not a name Byline writes (16 hex digits and .txt)")
        }
        let fetched = folder.path + "/" + StoryFileName.folder
        do {
            // The library folder too, on the first fetch into a new library.
            try FileManager.default.createDirectory(atPath: fetched, withIntermediateDirectories: true)
        } catch {
            throw LibraryError(path: fetched, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        let bytes = Array(StoryFileWriter.write(story).utf8)
        try writerLock.withLock { () throws(LibraryError) in
            var info = stat()
            // Checked under the lock so the answer still holds when the rename happens.
            if lstat(target, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
                throw LibraryError(path: target, reason: "not a plain file; Byline will not replace it")
            }
            try AtomicFile.save(bytes, to: target)
        }
        return id
    }
}
