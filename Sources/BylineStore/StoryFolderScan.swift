#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the story files of a library folder: every `.txt` file, in every folder below it.
///
/// Hidden files and folders (`.byline`, `.git`) are skipped; symbolic links are followed,
/// but a folder already visited is not entered again, so a link loop ends the walk instead
/// of hanging it. Only names and `stat` are read, never file contents.
enum StoryFolderScan {
    struct Found: Equatable, Sendable {
        /// Relative to the library folder, `/`-separated.
        let path: String
        let stamp: FileStamp
    }

    private struct FolderIdentity: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    /// The story files under `root`; a folder that cannot be opened is skipped.
    static func run(root: String) throws(LibraryError) -> [Found] {
        var found: [Found] = []
        try visit(root: root) { found.append($0) }
        return found
    }

    /// Calls `each` with every story file under `root` as it is found: a rescan compares
    /// each with the index and keeps only what changed, not a list of 100,000 files.
    static func visit(root: String, each: (Found) -> Void) throws(LibraryError) {
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .system("open the library folder", root, errno: errno) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw .system("open the library folder", root, errno: errno)
        }
        var visited: Set<FolderIdentity> = [identity(info)]
        walk(folder: fd, prefix: "", visited: &visited, each: each)
    }

    /// Reads one folder (taking ownership of `folder`, an open descriptor) and those below it.
    private static func walk(folder: Int32, prefix: String, visited: inout Set<FolderIdentity>, each: (Found) -> Void) {
        guard let stream = fdopendir(folder) else {
            close(folder)
            return
        }
        defer { closedir(stream) }
        var subfolders: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            guard let first = name.utf8.first, first != UInt8(ascii: ".") else { continue }
            let type = entry.pointee.d_type
            let isStoryName = hasStorySuffix(name)
            // Skip the stat of plain files that are not stories: most of a big folder's cost.
            if type == UInt8(DT_REG) && !isStoryName { continue }
            var info = stat()
            guard fstatat(folder, name, &info, 0) == 0 else { continue }  // a broken link
            switch info.st_mode & S_IFMT {
            case S_IFREG where isStoryName:
                each(Found(path: prefix + name, stamp: stamp(info)))
            case S_IFDIR:
                if visited.insert(identity(info)).inserted { subfolders.append(name) }
            default:
                continue
            }
        }
        for name in subfolders {
            let child = openat(folder, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard child >= 0 else { continue }
            walk(folder: child, prefix: prefix + name + "/", visited: &visited, each: each)
        }
    }

    /// Whether any folder of the library changed after `stamp` (the index's): a file
    /// added, removed or renamed in a folder changes the folder's modification time, so
    /// this finds them by reading folder names alone, without a `stat` per story.
    /// A file rewritten in place is not seen: only a full scan (`visit`) finds that.
    static func anyFolderChanged(root: String, since stamp: FileStamp) throws(LibraryError) -> Bool {
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .system("open the library folder", root, errno: errno) }
        var visited = Set<FolderIdentity>()
        return folderChanged(fd, since: stamp, visited: &visited)
    }

    private static func folderChanged(_ folder: Int32, since stamp: FileStamp, visited: inout Set<FolderIdentity>) -> Bool {
        var info = stat()
        guard fstat(folder, &info) == 0, let stream = fdopendir(folder) else {
            close(folder)
            return true
        }
        defer { closedir(stream) }
        guard visited.insert(identity(info)).inserted else { return false }
        let modified = Self.stamp(info)
        if (modified.modifiedSeconds, modified.modifiedNanoseconds) >= (stamp.modifiedSeconds, stamp.modifiedNanoseconds) { return true }
        var subfolders: [String] = []
        while let entry = readdir(stream) {
            let type = entry.pointee.d_type
            guard type == UInt8(DT_DIR) || type == UInt8(DT_LNK) || type == UInt8(DT_UNKNOWN) else { continue }
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            guard let first = name.utf8.first, first != UInt8(ascii: ".") else { continue }
            subfolders.append(name)
        }
        for name in subfolders {
            let child = openat(dirfd(stream), name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard child >= 0 else { continue }  // a link to a file, or a broken one
            if folderChanged(child, since: stamp, visited: &visited) { return true }
        }
        return false
    }

    static func hasStorySuffix(_ name: String) -> Bool {
        let utf8 = name.utf8
        guard utf8.count > 4 else { return false }
        let suffix = utf8.suffix(4).map { $0 | 0x20 }  // ASCII lower case: `.TXT` counts too
        return suffix == Array(".txt".utf8)
    }

    static func stamp(_ info: stat) -> FileStamp {
        #if canImport(Darwin)
        let time = info.st_mtimespec
        #else
        let time = info.st_mtim
        #endif
        return FileStamp(size: Int64(info.st_size), modifiedSeconds: Int64(time.tv_sec), modifiedNanoseconds: Int64(time.tv_nsec))
    }

    private static func identity(_ info: stat) -> FolderIdentity {
        FolderIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}
