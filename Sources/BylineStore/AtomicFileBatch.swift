#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Many files replaced at once in one folder, each old or new after a crash, never torn:
/// what `AtomicFile` does for one file, with the costs of a fetch's hundreds paid once.
///
/// Every file is written under a temporary name (`write`), then all are flushed to disk at
/// once (`flush`), then each takes its name (`place`), then the folder is flushed
/// (`syncFolder`). A run killed before `place` leaves temporary files, which the next
/// writer removes (`LeftoverFiles`); one killed after leaves whole files.
///
/// The folder is opened once, with `O_NOFOLLOW` as `AtomicFile` opens it, and every step
/// goes through that descriptor, so no step looks the folder's path up again. Each file's
/// stamp is read from its descriptor while it is open. A name that is free is taken with
/// `RENAME_NOREPLACE`: on a first fetch every name is, and the one call both checks and
/// renames; a taken name is looked at first, and only a plain file is ever replaced.
struct AtomicFileBatch: ~Copyable {
    let folder: String
    private let directory: Int32
    /// `.NAME.tmp-PID-RAND`, the shape `LeftoverFiles` recognises; one draw per batch, as
    /// names within a batch differ.
    private let suffix: String
    /// Cleared when the file system does not know `RENAME_NOREPLACE`.
    private var noReplace = true

    /// Opens `folder` for writing; it must exist and not be a symbolic link.
    init(folder: String, removingLeftovers: Bool) throws(LibraryError) {
        self.folder = folder
        directory = try AtomicFile.openFolder(folder, for: folder, followingLink: false)
        if removingLeftovers { LeftoverFiles.removeDead(in: directory) }
        suffix = ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    deinit { close(directory) }

    /// A file written and closed under a temporary name, not yet in place.
    struct Written {
        let temporary: String
        let name: String
        /// Size and modification time as the file keeps them once renamed.
        let info: stat
    }

    /// Writes `bytes` to a temporary file beside `name`; nothing is flushed yet.
    func write(_ bytes: [UInt8], as name: String) throws(LibraryError) -> Written {
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
        return Written(temporary: temporary, name: name, info: info)
    }

    /// Puts every written file's data on disk, before any takes its name: one `syncfs`
    /// for the batch where there is one, else a flush of each file.
    func flush(_ files: [Written]) throws(LibraryError) {
        #if os(Linux)
        if systemSyncfs(directory) == 0 { return }
        #endif
        for file in files {
            let fd = openat(directory, file.temporary, O_WRONLY | O_CLOEXEC | O_NOFOLLOW)
            guard fd >= 0 else { throw .system("write", path(file.name), errno: errno) }
            defer { close(fd) }
            if fsync(fd) != 0 { throw .system("write", path(file.name), errno: errno) }
        }
    }

    /// Renames a flushed file to its name, replacing only a plain file there.
    mutating func place(_ file: Written) throws(LibraryError) {
        #if os(Linux)
        if noReplace {
            if systemRenameat2(directory, file.temporary, directory, file.name, renameNoReplace) == 0 { return }
            let failure = errno
            if failure == EINVAL || failure == ENOSYS {
                noReplace = false
            } else if failure != EEXIST {
                throw .system("write", path(file.name), errno: failure)
            }
        }
        #endif
        var info = stat()
        // lstat, through the folder: a link at the name is refused, not followed.
        if fstatat(directory, file.name, &info, AT_SYMLINK_NOFOLLOW) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            throw LibraryError(path: path(file.name), reason: "not a plain file; Byline will not replace it")
        }
        if renameat(directory, file.temporary, directory, file.name) != 0 {
            throw .system("write", path(file.name), errno: errno)
        }
    }

    /// Removes a temporary file that will not be placed.
    func discard(_ file: Written) {
        unlinkat(directory, file.temporary, 0)
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
