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
///
/// The folder is listed at the first question, so a fetch whose feeds all answer "not
/// modified" never lists it.
public final class FetchedNames: @unchecked Sendable {
    private let folder: String
    private let lock = NSLock()
    private var names: Set<String>?
    private var folderTime: Date?
    /// Whether the folder has been listed yet.
    private var listed = false

    public init(library: Library) {
        folder = library.folder.appendingPathComponent(StoryFileName.folder).path
    }

    /// Whether the folder holds `name`; nil when it could not be listed (look at the file).
    public func contains(_ name: String) -> Bool? {
        lock.withLock {
            if !listed { list() }
            return names?.contains(name)
        }
    }

    /// Lists the folder again if something other than this fetch changed it.
    public func refreshIfChanged() {
        lock.withLock {
            if listed, modificationTime() != folderTime { list() }
        }
    }

    /// After this fetch saved `saved`: the folder's new time is its own doing.
    public func noteSaved(_ saved: [String]) {
        lock.withLock {
            guard listed else { return }  // the first question lists the folder, saves and all
            names?.formUnion(saved)
            folderTime = modificationTime()
        }
    }

    private func list() {
        listed = true
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
