#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// Many files replaced at once in one folder, each old or new after a crash, never torn:
/// what `AtomicFile` does for one file, with the costs of a fetch's hundreds paid once.
///
/// Every file is written without a name (`write`), then all are flushed to disk at once
/// (`flush`), then each takes its name (`place`), then the folder is flushed
/// (`syncFolder`). A run killed before `place` leaves nothing; one killed after leaves
/// whole files.
///
/// On Linux a file is written as an unnamed file in the folder (`O_TMPFILE`) and linked
/// to its name once flushed: a new story costs one entry added to the folder, where a
/// temporary name costs an entry added, then removed by a rename that looks up both
/// names (in a folder of 100,000 files those lookups were most of saving's kernel time).
/// The link fails when the name is taken, so a story that changed takes a temporary name
/// and is renamed over the old one, as is every file where unnamed files are not
/// available (no `/proc`, a file system without them, too few descriptors to keep each
/// open until its flush). A temporary file left by a killed run is removed by the next
/// writer (`LeftoverFiles`).
///
/// The folder is opened once, with `O_NOFOLLOW` as `AtomicFile` opens it, and every step
/// goes through that descriptor, so no step looks the folder's path up again. Each file's
/// stamp is read from its descriptor while it is open. Only a plain file is ever replaced.
struct AtomicFileBatch: ~Copyable {
    let folder: String
    private let directory: Int32
    /// `.NAME.tmp-PID-RAND`, the shape `LeftoverFiles` recognises; one draw per batch, as
    /// names within a batch differ.
    private let suffix: String
    /// Cleared when the file system does not know `RENAME_NOREPLACE`.
    private var noReplace = true
    /// Whether files may be written unnamed here: cleared where the file system or
    /// `/proc` does not allow it.
    private var unnamedHere: Bool

    /// Opens `folder` for writing; it must exist and not be a symbolic link.
    init(folder: String, removingLeftovers: Bool) throws(LibraryError) {
        self.folder = folder
        directory = try AtomicFile.openFolder(folder, for: folder, followingLink: false)
        if removingLeftovers { LeftoverFiles.removeDead(in: directory) }
        suffix = ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        #if os(Linux)
        var info = stat()
        // An unnamed file is linked through `/proc/self/fd`.
        unnamedHere = stat("/proc/self/fd/\(directory)", &info) == 0
        #else
        unnamedHere = false
        #endif
    }

    deinit { close(directory) }

    /// A file written, not yet in place: unnamed and open, or closed under a temporary name.
    struct Written {
        /// The unnamed file's descriptor, open until it is placed or discarded.
        let unnamed: Int32?
        let temporary: String
        let name: String
        /// Size and modification time as the file keeps them once placed.
        let info: stat
    }

    /// Writes `bytes` to a file that will be `name`; nothing is flushed yet.
    mutating func write(_ bytes: [UInt8], as name: String) throws(LibraryError) -> Written {
        if let file = try writeUnnamed(bytes, as: name) { return file }
        return try writeTemporary(bytes, as: name)
    }

    /// Writes `bytes` to an unnamed file that will be `name`, or returns nil where
    /// unnamed files cannot be had (the file system, `/proc`, or the process's share of
    /// descriptors, `UnnamedFiles`).
    mutating func writeUnnamed(_ bytes: [UInt8], as name: String) throws(LibraryError) -> Written? {
        #if os(Linux)
        guard unnamedHere, UnnamedFiles.take() else { return nil }
        let fd = openat(directory, ".", unnamedFileFlags | O_WRONLY | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            UnnamedFiles.giveBack()
            // Not on this file system (or descriptors ran out): temporary names instead.
            unnamedHere = false
            return nil
        }
        var failure = bytes.withUnsafeBytes { AtomicFile.writeAll($0, to: fd) }
        var info = stat()
        if failure == 0, fstat(fd, &info) != 0 { failure = errno }
        if failure != 0 {
            UnnamedFiles.close(fd)
            throw .system("write", path(name), errno: failure)
        }
        return Written(unnamed: fd, temporary: "." + name + suffix, name: name, info: info)
        #else
        return nil
        #endif
    }

    /// Writes `bytes` to a file under a temporary name beside `name`.
    private func writeTemporary(_ bytes: [UInt8], as name: String) throws(LibraryError) -> Written {
        var temporary = "." + name + suffix
        var fd = openat(directory, temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        if fd < 0, errno == EEXIST {
            // Left by a run of this process id that died, or a name twice in one batch.
            temporary = "." + name + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            fd = openat(directory, temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        }
        guard fd >= 0 else { throw .system("write", path(name), errno: errno) }
        var failure = bytes.withUnsafeBytes { AtomicFile.writeAll($0, to: fd) }
        var info = stat()
        if failure == 0, fstat(fd, &info) != 0 { failure = errno }
        if close(fd) != 0, failure == 0 { failure = errno }
        if failure != 0 {
            unlinkat(directory, temporary, 0)
            throw .system("write", path(name), errno: failure)
        }
        return Written(unnamed: nil, temporary: temporary, name: name, info: info)
    }

    /// Puts every written file's data on disk, before any takes its name: one `syncfs`
    /// for the batch where there is one, else a flush of each file.
    func flush(_ files: [Written]) throws(LibraryError) {
        #if os(Linux)
        if systemSyncfs(directory) == 0 { return }
        #endif
        for file in files {
            if let fd = file.unnamed {
                if fsync(fd) != 0 { throw .system("write", path(file.name), errno: errno) }
                continue
            }
            let fd = openat(directory, file.temporary, O_WRONLY | O_CLOEXEC | O_NOFOLLOW)
            guard fd >= 0 else { throw .system("write", path(file.name), errno: errno) }
            defer { close(fd) }
            if fsync(fd) != 0 { throw .system("write", path(file.name), errno: errno) }
        }
    }

    /// Gives a flushed file its name, replacing only a plain file there. The file is
    /// used up either way: one that could not take its name is dropped.
    mutating func place(_ file: Written) throws(LibraryError) {
        #if os(Linux)
        if let fd = file.unnamed {
            defer { UnnamedFiles.close(fd) }
            // Linking fails when the name is taken: then the file takes its temporary
            // name and is renamed over the old one below.
            if linkat(AT_FDCWD, "/proc/self/fd/\(fd)", directory, file.name, AT_SYMLINK_FOLLOW) == 0 { return }
            guard errno == EEXIST else { throw .system("write", path(file.name), errno: errno) }
            try checkPlainFile(file.name)
            guard linkat(AT_FDCWD, "/proc/self/fd/\(fd)", directory, file.temporary, AT_SYMLINK_FOLLOW) == 0 else {
                throw .system("write", path(file.name), errno: errno)
            }
            if renameat(directory, file.temporary, directory, file.name) != 0 {
                let failure = errno
                unlinkat(directory, file.temporary, 0)
                throw .system("write", path(file.name), errno: failure)
            }
            return
        }
        if noReplace {
            if systemRenameat2(directory, file.temporary, directory, file.name, renameNoReplace) == 0 { return }
            let failure = errno
            if failure == EINVAL || failure == ENOSYS {
                noReplace = false
            } else if failure != EEXIST {
                discard(file)
                throw .system("write", path(file.name), errno: failure)
            }
        }
        #endif
        do throws(LibraryError) {
            try checkPlainFile(file.name)
        } catch {
            discard(file)
            throw error
        }
        if renameat(directory, file.temporary, directory, file.name) != 0 {
            let failure = errno
            discard(file)
            throw .system("write", path(file.name), errno: failure)
        }
    }

    /// Throws unless `name` is missing or a plain file: a link there is refused, not
    /// followed (lstat, through the folder).
    private func checkPlainFile(_ name: String) throws(LibraryError) {
        var info = stat()
        if fstatat(directory, name, &info, AT_SYMLINK_NOFOLLOW) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            throw LibraryError(path: path(name), reason: "not a plain file; Byline will not replace it")
        }
    }

    /// Drops a file that will not be placed: an unnamed one goes with its descriptor.
    func discard(_ file: Written) {
        if let fd = file.unnamed {
            UnnamedFiles.close(fd)
        } else {
            unlinkat(directory, file.temporary, 0)
        }
    }

    /// Flushes the folder's entries, so the renames survive a crash.
    func syncFolder() {
        fsync(directory)
    }

    private func path(_ name: String) -> String { folder + "/" + name }
}

#if os(Linux)
/// `syncfs(2)`, which Glibc's Swift module does not declare.
@_silgen_name("syncfs")
private func systemSyncfs(_ fd: Int32) -> Int32

/// `renameat2(2)` (glibc 2.28 and later), which Glibc's Swift module does not declare.
@_silgen_name("renameat2")
private func systemRenameat2(_ oldFolder: Int32, _ old: UnsafePointer<CChar>, _ newFolder: Int32,
                             _ new: UnsafePointer<CChar>, _ flags: UInt32) -> Int32

private let renameNoReplace: UInt32 = 1
#endif

/// The process's share of descriptors for unnamed files: each holds one from its write
/// to its placing, and writes ahead of a save (`StagedStories`) hold theirs across
/// batches, so the count is kept for the whole process, not per batch. Half the
/// descriptors the process may open, less some for everything else, at most 4,096.
enum UnnamedFiles {
    private static let state = Mutex(State())

    private struct State {
        var inUse = 0
        var allowance: Int?
    }

    /// Takes one descriptor's worth of the share; false when it is spent.
    static func take() -> Bool {
        state.withLock { state in
            let allowance = state.allowance ?? allowanceNow()
            state.allowance = allowance
            guard state.inUse < allowance else { return false }
            state.inUse += 1
            return true
        }
    }

    /// Returns what `take` took, for a descriptor that was not opened.
    static func giveBack() {
        state.withLock { $0.inUse -= 1 }
    }

    /// Closes an unnamed file's descriptor and returns its share.
    static func close(_ fd: Int32) {
        _ = systemClose(fd)
        giveBack()
    }

    private static func allowanceNow() -> Int {
        var limit = rlimit()
        #if os(Linux)
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
        #else
        guard getrlimit(RLIMIT_NOFILE, &limit) == 0 else { return 0 }
        #endif
        let descriptors = Int(clamping: limit.rlim_cur)  // RLIM_INFINITY is the largest value
        return max(0, min(4096, descriptors / 2 - 64))
    }
}

private func systemClose(_ fd: Int32) -> Int32 { close(fd) }

#if os(Linux)

/// `O_TMPFILE`, which Glibc's Swift module does not declare: `__O_TMPFILE` (the same on
/// x86-64 and ARM64) with `O_DIRECTORY`.
private let unnamedFileFlags: Int32 = 0o20000000 | O_DIRECTORY
#endif
