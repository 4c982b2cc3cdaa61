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

    /// Removes stories Byline saved, under the writers' lock: into `deletedFolder` when
    /// `keepForUndo`, else for good. Any other file is refused, never touched.
    public func remove(_ id: StoryID, keepForUndo: Bool) throws(LibraryError) {
        let path = folder.path + "/" + id.path
        guard Self.isSavedByByline(id) else {
            throw LibraryError(path: path, reason: "not a story Byline saved; your own files are never deleted")
        }
        try writerLock.withLock { () throws(LibraryError) in
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
            AtomicFile.syncFolder(folder.path + "/" + StoryFileName.folder)
        }
    }

    /// Puts back a story `remove(_:keepForUndo: true)` took away.
    public func restore(_ id: StoryID) throws(LibraryError) {
        let path = folder.path + "/" + id.path
        let kept = deletedFolder.appendingPathComponent((id.path as NSString).lastPathComponent).path
        try writerLock.withLock { () throws(LibraryError) in
            guard rename(kept, path) == 0 else { throw .system("restore", path, errno: errno) }
            AtomicFile.syncFolder(folder.path + "/" + StoryFileName.folder)
        }
    }

    /// Empties `deletedFolder`: the session's deletions become final.
    public func forgetDeleted() {
        try? FileManager.default.removeItem(at: deletedFolder)
    }
}
