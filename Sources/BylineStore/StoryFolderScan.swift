#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore
import Foundation

/// Finds the story files of a library folder: every `.txt` file, in every folder below it.
///
/// Hidden files and folders (`.byline`, `.git`) are skipped; symbolic links are followed
/// only while they stay inside the library folder (`ln -s / lib/root` once made a listing
/// walk the whole filesystem), and a folder already visited is not entered again, so a
/// link loop ends the walk instead of hanging it. Only names and `stat` are read, never
/// file contents. A name that is not UTF-8, a folder that cannot be opened and a link
/// leading out are reported, not skipped in silence.
enum StoryFolderScan {
    struct Found: Equatable, Sendable {
        /// Relative to the library folder, `/`-separated.
        let path: String
        let stamp: FileStamp
    }

    fileprivate struct FolderIdentity: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    /// What the walk passed over, and why, for the reader to see.
    struct Skipped: Equatable, Sendable {
        /// Relative to the library folder; a name that is not UTF-8 shows its bad bytes as "?".
        let path: String
        let reason: String
    }

    /// The story files under `root`.
    ///
    /// - Parameter knownFolders: where to save the folders the walk found (`KnownFolders`),
    ///   for the next `anyFolderChanged`; nil to save nothing.
    static func run(root: String, knownFolders: String? = nil) throws(LibraryError) -> [Found] {
        var skipped: [Skipped] = []
        return try run(root: root, skipped: &skipped, knownFolders: knownFolders)
    }

    /// The story files under `root`, noting in `skipped` what could not be looked at.
    static func run(root: String, skipped: inout [Skipped], knownFolders: String? = nil) throws(LibraryError) -> [Found] {
        var found: [Found] = []
        try visit(root: root, skipped: &skipped, knownFolders: knownFolders) { found.append($0) }
        return found
    }

    /// Calls `each` with every story file under `root` as it is found: a rescan compares
    /// each with the index and keeps only what changed, not a list of 100,000 files.
    static func visit(root: String, each: (Found) -> Void) throws(LibraryError) {
        var skipped: [Skipped] = []
        try visit(root: root, skipped: &skipped, each: each)
    }

    /// A stamp not yet known: a plain file found by a walk that does not `stat` them.
    static let unknownStamp = FileStamp(size: -1, modifiedSeconds: 0, modifiedNanoseconds: 0)

    /// As `visit(root:each:)`, noting in `skipped` what could not be looked at, and saving
    /// the folders found at `knownFolders` when given.
    ///
    /// - Parameter statingFiles: false when every file found is to be read anyway, and its
    ///   stamp taken then (`StoryFileReading.record`): a plain file is then passed on with
    ///   `unknownStamp`, saving a `stat` of each of 100,000 files.
    /// - Parameter eachName: when not `statingFiles`, told instead of `each` of a story
    ///   file whose name is ASCII: its folder's prefix (as in `Found.path`) and its name's
    ///   bytes, read in place, so no string is built per file of a folder copied in.
    static func visit(root: String, skipped: inout [Skipped], knownFolders: String? = nil, statingFiles: Bool = true,
                      eachName: ((String, UnsafeRawBufferPointer) -> Void)? = nil,
                      each: (Found) -> Void) throws(LibraryError) {
        let began = KnownFolders.walkBeginning()
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .system("open the library folder", root, errno: errno) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw .system("open the library folder", root, errno: errno)
        }
        var walked: [Skipped] = []
        var folders = [KnownFolders.Folder(path: "", inode: UInt64(info.st_ino))]
        withoutActuallyEscaping(each) { each in
            var walk = Walk(root: realPath(root) ?? root, each: each)
            walk.statsFiles = statingFiles
            walk.eachName = eachName
            walk.visited = [identity(info)]
            walk.folder(fd, prefix: "")
            walked = walk.skipped
            folders += walk.folders
        }
        skipped += walked
        if let knownFolders { KnownFolders(walkBegan: began, folders: folders).save(to: knownFolders) }
    }

    /// One walk's state: what it found, where it has been, what it passed over.
    private struct Walk {
        let root: String
        /// Told of each story file as it is found.
        let each: (Found) -> Void
        var visited: Set<FolderIdentity> = []
        var skipped: [Skipped] = []
        /// See `visit(root:skipped:knownFolders:statingFiles:eachName:each:)`.
        var statsFiles = true
        var eachName: ((String, UnsafeRawBufferPointer) -> Void)?
        /// Every folder below the root entered, for `KnownFolders`.
        var folders: [KnownFolders.Folder] = []

        init(root: String, each: @escaping (Found) -> Void) {
            self.root = root
            self.each = each
        }

    /// Reads one folder (taking ownership of `folder`, an open descriptor) and those below it.
    mutating func folder(_ folder: Int32, prefix: String) {
        guard let stream = fdopendir(folder) else {
            close(folder)
            return
        }
        defer { closedir(stream) }
        var subfolders: [String] = []
        while let entry = readdir(stream) {
            if !statsFiles, let eachName, entry.pointee.d_type == UInt8(DT_REG),
               let name = StoryFolderScan.asciiName(entry) {
                if name.first != UInt8(ascii: "."), StoryFolderScan.hasStorySuffix(name) { eachName(prefix, name) }
                continue
            }
            let bytes = directoryEntryName(entry)
            guard let first = bytes.first, first != UInt8(ascii: ".") else { continue }
            guard let name = String(validating: bytes, as: UTF8.self) else {
                // Swift would repair the name and then fail to find the file under it.
                let shown = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\u{FFFD}", with: "?")
                if StoryFolderScan.hasStorySuffix(shown) || entry.pointee.d_type == UInt8(DT_DIR) {
                    skipped.append(Skipped(path: prefix + shown, reason: "its name is not UTF-8; rename it to read it"))
                }
                continue
            }
            let type = entry.pointee.d_type
            let isStoryName = StoryFolderScan.hasStorySuffix(name)
            // Skip the stat of plain files that are not stories: most of a big folder's cost.
            if type == UInt8(DT_REG) && !isStoryName { continue }
            if type == UInt8(DT_REG) && !statsFiles {
                each(Found(path: prefix + name, stamp: StoryFolderScan.unknownStamp))
                continue
            }
            var info = stat()
            guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFLNK {
                // Followed only while it stays inside the library.
                guard let target = StoryFolderScan.realPath(root + "/" + prefix + name) else { continue }  // broken
                guard target == root || target.hasPrefix(root + "/") else {
                    if isStoryName || fstatat(folder, name, &info, 0) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
                        skipped.append(Skipped(path: prefix + name, reason: "a link leading out of the library; not followed"))
                    }
                    continue
                }
                guard fstatat(folder, name, &info, 0) == 0 else { continue }
            }
            switch info.st_mode & S_IFMT {
            case S_IFREG where isStoryName:
                each(Found(path: prefix + name, stamp: StoryFolderScan.stamp(info)))
            case S_IFDIR:
                if visited.insert(StoryFolderScan.identity(info)).inserted {
                    subfolders.append(name)
                    folders.append(KnownFolders.Folder(path: prefix + name, inode: UInt64(info.st_ino)))
                }
            default:
                continue
            }
        }
        for name in subfolders {
            let child = openat(folder, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard child >= 0 else {
                skipped.append(Skipped(path: prefix + name + "/", reason: "the folder cannot be opened: \(SystemError.message(errno))"))
                continue
            }
            self.folder(child, prefix: prefix + name + "/")
        }
    }
    }

    /// The canonical path of `path`, every link resolved.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Whether any folder of the library changed after `stamp` (the index's): a file
    /// added, removed or renamed in a folder changes the folder's modification time, so
    /// this finds them without a `stat` per story. With a list of the folders saved at
    /// `knownFolders` by an earlier walk, each listed folder is `stat`ed and none is read
    /// (see `KnownFolders`); without one, every folder is read for the folders below it,
    /// and the list is saved for next time.
    /// A file rewritten in place is not seen: only a full scan (`visit`) finds that.
    static func anyFolderChanged(root: String, since stamp: FileStamp, knownFolders: String?) throws(LibraryError) -> Bool {
        if let knownFolders, let known = KnownFolders.read(knownFolders) {
            return known.anyChanged(root: root, since: stamp)
        }
        let began = KnownFolders.walkBeginning()
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .system("open the library folder", root, errno: errno) }
        var visited = Set<FolderIdentity>()
        var folders: [KnownFolders.Folder] = []
        let changed = folderChanged(fd, path: "", since: stamp, visited: &visited, folders: &folders)
        if !changed, let knownFolders { KnownFolders(walkBegan: began, folders: folders).save(to: knownFolders) }
        return changed
    }

    private static func folderChanged(_ folder: Int32, path: String, since stamp: FileStamp, visited: inout Set<FolderIdentity>,
                                      folders: inout [KnownFolders.Folder]) -> Bool {
        var info = stat()
        guard fstat(folder, &info) == 0, let stream = fdopendir(folder) else {
            close(folder)
            return true
        }
        defer { closedir(stream) }
        guard visited.insert(identity(info)).inserted else { return false }
        folders.append(KnownFolders.Folder(path: path, inode: UInt64(info.st_ino)))
        let modified = Self.stamp(info)
        if (modified.modifiedSeconds, modified.modifiedNanoseconds) >= (stamp.modifiedSeconds, stamp.modifiedNanoseconds) { return true }
        var subfolders: [String] = []
        while let entry = readdir(stream) {
            let type = entry.pointee.d_type
            guard type == UInt8(DT_DIR) || type == UInt8(DT_LNK) || type == UInt8(DT_UNKNOWN) else { continue }
            let name = String(decoding: directoryEntryName(entry), as: UTF8.self)
            guard let first = name.utf8.first, first != UInt8(ascii: ".") else { continue }
            subfolders.append(name)
        }
        for name in subfolders {
            let child = openat(dirfd(stream), name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard child >= 0 else { continue }  // a link to a file, or a broken one
            if folderChanged(child, path: path.isEmpty ? name : path + "/" + name, since: stamp, visited: &visited, folders: &folders) {
                return true
            }
        }
        return false
    }

    static func hasStorySuffix(_ name: String) -> Bool {
        var name = name
        return name.withUTF8 { hasStorySuffix(UnsafeRawBufferPointer($0)) }
    }

    /// Whether a name's bytes end in `.txt`, in any case (ASCII lower case: `.TXT` counts
    /// too), after something. Compared in place: every name a walk finds is asked.
    static func hasStorySuffix(_ name: UnsafeRawBufferPointer) -> Bool {
        let count = name.count
        return count > 4 && name[count - 4] | 0x20 == UInt8(ascii: ".") && name[count - 3] | 0x20 == UInt8(ascii: "t")
            && name[count - 2] | 0x20 == UInt8(ascii: "x") && name[count - 1] | 0x20 == UInt8(ascii: "t")
    }

    /// An entry's name as bytes in place, when every byte is ASCII (so it is UTF-8, and
    /// its string is its bytes); nil otherwise. Valid until the next `readdir`.
    fileprivate static func asciiName(_ entry: UnsafeMutablePointer<dirent>) -> UnsafeRawBufferPointer? {
        withUnsafeMutablePointer(to: &entry.pointee.d_name) { field in
            let start = UnsafeRawPointer(field)
            let name = UnsafeRawBufferPointer(start: start, count: strlen(start.assumingMemoryBound(to: CChar.self)))
            return name.allSatisfy { $0 < 0x80 } ? name : nil
        }
    }

    static func stamp(_ info: stat) -> FileStamp { FileStamp(info) }

    fileprivate static func identity(_ info: stat) -> FolderIdentity {
        FolderIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }
}
