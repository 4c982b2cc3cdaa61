#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore

/// The library's folders as the last walk of the whole library found them, kept in the
/// state folder (`folders`), so a command can tell whether any folder changed since its
/// index was checked by a `stat` of each known folder, rather than by listing every folder
/// whole to find the ones below it (a feed folder of 12,500 stories is most of a
/// 100,000-story library's listing).
///
/// Why a `stat` of the known folders is enough: a folder made, removed or renamed changes
/// its parent's modification time. The walk that made the list began at `walkBegan`, so a
/// folder missing from the list appeared after that, and some folder on the list (its
/// nearest listed ancestor, the library folder at worst) has changed since then. So when
/// no listed folder changed since the earlier of the index's check and the walk, and all
/// are still where the list says, every change since the index's check shows on the list.
/// A list older than the index is still sound by the same rule; any change seen sends the
/// caller to its full check, whose walk writes the list again.
///
/// The file is a cache: written without a flush (a torn or missing one is read as none,
/// and the caller lists the folders instead), and replaced by renaming, so readers see a
/// whole list. Two walks racing each leave a list true for its own `walkBegan`.
struct KnownFolders: Equatable {
    /// When the walk began, in whole seconds, a second early: file systems date folders
    /// from a coarse clock.
    var walkBegan: Int64
    /// Relative to the library folder (`""` for the folder itself), with the inode each
    /// had: a folder swapped for another under the same name is a change too.
    var folders: [Folder]

    struct Folder: Equatable {
        var path: String
        var inode: UInt64
    }

    static let fileName = "folders"
    private static let header = "byline folders 1 "
    private static let trailer = "end\n"

    /// A second before now: what a walk beginning now records as `walkBegan`.
    static func walkBeginning() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) - 1
    }

    /// Whether any folder of the library at `root` changed at or after `stamp`'s time (or
    /// after the walk that made this list): a file or folder added, removed or renamed
    /// in it, or the folder itself gone or replaced.
    func anyChanged(root: String, since stamp: FileStamp) -> Bool {
        let checked = (stamp.modifiedSeconds, stamp.modifiedNanoseconds)
        let limit = checked < (walkBegan, 0) ? checked : (walkBegan, 0)
        var info = stat()
        for folder in folders {
            let path = folder.path.isEmpty ? root : root + "/" + folder.path
            guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, UInt64(info.st_ino) == folder.inode else { return true }
            let modified = StoryFolderScan.stamp(info)
            if (modified.modifiedSeconds, modified.modifiedNanoseconds) >= limit { return true }
        }
        return false
    }

    // MARK: - The file

    /// The list saved at `path`; nil when there is none or it is not whole.
    static func read(_ path: String) -> KnownFolders? {
        guard case .success(let bytes) = FileBytes.contents(of: path) else { return nil }
        return parse(bytes)
    }

    /// `byline folders 1 SECONDS\n`, then per folder `INODE PATH\0` (a name may hold a
    /// line break, never a NUL), then `end\n`. The library folder comes first.
    static func parse(_ bytes: [UInt8]) -> KnownFolders? {
        let head = Array(header.utf8)
        guard bytes.count > head.count + trailer.utf8.count, Array(bytes.prefix(head.count)) == head,
              Array(bytes.suffix(trailer.utf8.count)) == Array(trailer.utf8),
              let lineEnd = bytes[head.count...].firstIndex(of: UInt8(ascii: "\n")),
              let walkBegan = Int64(String(decoding: bytes[head.count..<lineEnd], as: UTF8.self)) else { return nil }
        var folders: [Folder] = []
        var at = lineEnd + 1
        let end = bytes.count - trailer.utf8.count
        while at < end {
            guard let space = bytes[at..<end].firstIndex(of: UInt8(ascii: " ")),
                  let inode = UInt64(String(decoding: bytes[at..<space], as: UTF8.self)),
                  let nul = bytes[space..<end].firstIndex(of: 0),
                  let path = String(validating: bytes[(space + 1)..<nul], as: UTF8.self) else { return nil }
            folders.append(Folder(path: path, inode: inode))
            at = nul + 1
        }
        guard at == end, folders.first?.path == "" else { return nil }
        return KnownFolders(walkBegan: walkBegan, folders: folders)
    }

    var bytes: [UInt8] {
        var bytes = Array((Self.header + "\(walkBegan)\n").utf8)
        for folder in folders {
            bytes += Array("\(folder.inode) \(folder.path)".utf8)
            bytes.append(0)
        }
        return bytes + Array(Self.trailer.utf8)
    }

    /// Saves the list at `path`, replacing what was there; a state folder that cannot be
    /// written to (a library on a read-only disk) keeps none, and commands list folders.
    func save(to path: String) {
        let bytes = self.bytes
        guard let temporary = try? AtomicFile.writeTemporary(beside: path, flushing: false, fill: { fd in
            bytes.withUnsafeBytes { AtomicFile.writeAll($0, to: fd) }
        }) else { return }
        if rename(temporary, path) != 0 { unlink(temporary) }
    }
}
