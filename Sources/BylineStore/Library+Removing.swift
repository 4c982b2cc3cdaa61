#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore
import Foundation

extension Library {
    /// Whether Byline saved this story (`fetched/<16 hex digits>.txt`) and so may delete
    /// it. A file the reader wrote or put in the library never is.
    public static func isSavedByByline(_ id: StoryID) -> Bool {
        let prefix = StoryFileName.folder + "/"
        return id.path.hasPrefix(prefix) && StoryFileName.isBylineName(String(id.path.dropFirst(prefix.count)))
    }

    /// The folder deleted stories wait in until the session that deleted them ends, so
    /// `U` can bring one back.
    public var deletedFolder: URL { stateFolder.appendingPathComponent("deleted", isDirectory: true) }

    /// Removes a story Byline saved, under the writers' lock: into `deletedFolder` when
    /// `keepForUndo`, else for good. Any other file is refused, never touched.
    public func remove(_ id: StoryID, keepForUndo: Bool) throws(LibraryError) {
        if let failure = try remove([id], keepForUndo: keepForUndo).first { throw failure }
    }

    /// Removes stories Byline saved, as `remove(_:keepForUndo:)` does one, taking the
    /// writers' lock once and rewriting the index once: retention may remove hundreds.
    /// The index and the search index drop what was removed, so the next start finds
    /// them current. Throws only when the lock cannot be taken.
    ///
    /// - Returns: why each story that was not removed was not.
    public func remove(_ ids: [StoryID], keepForUndo: Bool) throws(LibraryError) -> [LibraryError] {
        var failures: [LibraryError] = []
        var removed: [StoryID] = []
        try writerLock.withLock { () throws(LibraryError) in
            for id in ids {
                do throws(LibraryError) {
                    try removeFile(id, keepForUndo: keepForUndo)
                    removed.append(id)
                } catch {
                    failures.append(error)
                }
            }
            guard !removed.isEmpty else { return }
            AtomicFile.syncFolder(folder.path + "/" + StoryFileName.folder)
            // The files are gone either way; an index not updated is caught up by the next load.
            try? updateIndex(saving: [], removing: removed)
        }
        try? SearchIndex.record(saved: [], removed: removed, in: self)
        return failures
    }

    /// Removes one story's file; the caller holds the writers' lock.
    private func removeFile(_ id: StoryID, keepForUndo: Bool) throws(LibraryError) {
        let path = folder.path + "/" + id.path
        guard Self.isSavedByByline(id) else {
            throw LibraryError(path: path, reason: "not a story Byline saved; your own files are never deleted")
        }
        if keepForUndo {
            let kept = deletedFolder.appendingPathComponent((id.path as NSString).lastPathComponent).path
            do {
                try FileManager.default.createDirectory(at: deletedFolder, withIntermediateDirectories: true)
            } catch {
                throw LibraryError(path: deletedFolder.path, reason: "cannot create the folder")
            }
            guard rename(path, kept) == 0 else { throw .system("move", path, errno: errno) }
        } else if unlink(path) != 0 && errno != ENOENT {
            throw .system("delete", path, errno: errno)
        }
    }

    /// Puts back a story `remove(_:keepForUndo: true)` took away, and into the index and
    /// the search index again.
    public func restore(_ id: StoryID) throws(LibraryError) {
        let path = folder.path + "/" + id.path
        let kept = deletedFolder.appendingPathComponent((id.path as NSString).lastPathComponent).path
        let story = try writerLock.withLock { () throws(LibraryError) -> Story? in
            guard rename(kept, path) == 0 else { throw .system("restore", path, errno: errno) }
            AtomicFile.syncFolder(folder.path + "/" + StoryFileName.folder)
            var info = stat()
            guard stat(path, &info) == 0, case .success(let bytes) = FileBytes.contents(of: path),
                  case .success(let story) = StoryFileParser.parse(bytes) else { return nil }
            // Restored either way; an index not updated is caught up by the next load.
            try? updateIndex(saving: [LibraryEntry(id: id, story: story, stamp: StoryFolderScan.stamp(info))])
            return story
        }
        if let story { try? SearchIndex.record(saved: [(id, story)], in: self) }
    }

    /// Empties `deletedFolder`: the session's deletions become final.
    public func forgetDeleted() {
        try? FileManager.default.removeItem(at: deletedFolder)
    }
}
