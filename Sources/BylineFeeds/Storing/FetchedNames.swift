import BylineCore
import BylineStore
import Foundation

/// The names in the library's folder of fetched stories, listed once for a whole fetch
/// instead of asking for each story's file: on a first fetch every file is missing, and
/// each question would be a failed `stat`.
///
/// Another copy of Byline fetching into the same library may add files meanwhile; it
/// saves under the feeds' lock, as this fetch does, and `refreshIfChanged` (called under
/// that lock) lists the folder again when its modification time is not the one this
/// fetch's own saves left.
public final class FetchedNames: @unchecked Sendable {
    private let folder: String
    private let lock = NSLock()
    private var names: Set<String>?
    private var folderTime: Date?

    public init(library: Library) {
        folder = library.folder.appendingPathComponent(StoryFileName.folder).path
        lock.withLock { list() }
    }

    /// Whether the folder holds `name`; nil when it could not be listed (look at the file).
    public func contains(_ name: String) -> Bool? {
        lock.withLock { names?.contains(name) }
    }

    /// Lists the folder again if something other than this fetch changed it.
    public func refreshIfChanged() {
        lock.withLock {
            if modificationTime() != folderTime { list() }
        }
    }

    /// After this fetch saved `saved`: the folder's new time is its own doing.
    public func noteSaved(_ saved: [String]) {
        lock.withLock {
            names?.formUnion(saved)
            folderTime = modificationTime()
        }
    }

    private func list() {
        folderTime = modificationTime()
        if folderTime == nil {
            names = []  // no folder yet: nothing fetched
        } else {
            names = (try? FileManager.default.contentsOfDirectory(atPath: folder)).map(Set.init)
        }
    }

    private func modificationTime() -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: folder))?[.modificationDate] as? Date
    }
}
