#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file's contents all at once: readers see the old file or the new one, never
/// half of each, even if Byline or the machine stops mid-write.
///
/// The bytes go to a temporary file in the same folder, which is flushed to disk and then
/// renamed over the target; the folder is flushed too so the rename itself survives a crash.
/// The folder must exist. Library files, feed bookkeeping and the subscriptions file are
/// all written through this.
///
/// The folder is opened once with `O_NOFOLLOW` and every step (create, rename, flush) goes
/// through that descriptor: a library's `.byline` or `fetched` that is a symbolic link
/// would send writes elsewhere (over another library's index), so such a folder is refused.
/// Only the subscriptions file, in the reader's own configuration folder (often a link
/// into a dotfiles repository), passes `followingLinkedFolder`.
///
/// A run killed mid-write leaves its temporary file (`.NAME.tmp-PID-RAND`) behind; each
/// save removes those of processes that no longer run.
public enum AtomicFile {
    /// Replaces the file at `path` with `bytes`, atomically and durably.
    ///
    /// - Parameter syncingFolder: `false` leaves flushing the folder (`syncFolder`) to a
    ///   caller that writes several files into it; until then the rename may not survive
    ///   a crash, but the file is never half-written either way.
    public static func save(_ bytes: [UInt8], to path: String, syncingFolder: Bool = true,
                            followingLinkedFolder: Bool = false) throws(LibraryError) {
        try save(to: path, syncingFolder: syncingFolder, followingLinkedFolder: followingLinkedFolder) { fd in
            bytes.withUnsafeBytes { writeAll($0, to: fd) }
        }
    }

    /// Replaces the file at `path` with what `fill` writes to the descriptor it is given,
    /// returning 0 or an `errno`: for a file too large to build in memory first.
    static func save(to path: String, syncingFolder: Bool = true, followingLinkedFolder: Bool = false,
                     fill: (Int32) -> Int32) throws(LibraryError) {
        let folder = parentFolder(of: path)
        let temporary = try writeTemporary(beside: path, followingLinkedFolder: followingLinkedFolder, fill: fill)
        if rename(temporary, path) != 0 {
            let failure = errno
            unlink(temporary)
            throw .system("write", path, errno: failure)
        }
        if syncingFolder { syncFolder(folder) }
    }

    /// Writes a temporary file in `path`'s folder with what `fill` writes, flushed to disk,
    /// and returns its path: the first half of a `save`. The folder is opened with
    /// `O_NOFOLLOW` (see above) and the file created through it. (`AtomicFileBatch` does
    /// the same for many files at once.)
    ///
    /// - Parameter flushing: `false` for a file that is only a cache (`KnownFolders`): a
    ///   crash may lose it, never tear it, and whoever reads it copes with its absence.
    static func writeTemporary(beside path: String, flushing: Bool = true, followingLinkedFolder: Bool = false,
                               fill: (Int32) -> Int32) throws(LibraryError) -> String {
        let folder = parentFolder(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let directory = try openFolder(folder, for: path, followingLink: followingLinkedFolder)
        defer { close(directory) }
        LeftoverFiles.removeDead(in: directory)
        let temporary = "." + name + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = openat(directory, temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw .system("write", path, errno: errno) }
        var failure: Int32? = fill(fd)
        if failure == 0 { failure = nil }
        if failure == nil, flushing, fsync(fd) != 0 { failure = errno }
        if close(fd) != 0, failure == nil { failure = errno }
        if let failure {
            unlinkat(directory, temporary, 0)
            throw .system("write", path, errno: failure)
        }
        return folder + "/" + temporary
    }

    /// Opens `folder` to create files in, refusing a symbolic link unless `followingLink`;
    /// errors name `path`, the file being written.
    static func openFolder(_ folder: String, for path: String, followingLink: Bool) throws(LibraryError) -> Int32 {
        let directory = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (followingLink ? 0 : O_NOFOLLOW))
        guard directory >= 0 else {
            let code = errno
            var info = stat()
            if code == ELOOP || code == ENOTDIR, lstat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
                throw LibraryError(path: folder, reason: "is a symbolic link; Byline writes only into the library's own folders")
            }
            throw .system("write", path, errno: code)
        }
        return directory
    }

    /// The most bytes one `write` call is given. The file system caches a file in blocks
    /// as large as the writes that made it (up to 2 MiB), and a mapped file's page fault
    /// maps the whole block it falls in: an index written a megabyte at a time costs the
    /// reader that maps it a megabyte of memory for every byte it reads. Written in these
    /// slices, a read maps no more than the kernel's usual 64 KiB around it.
    static let writeSlice = 64 << 10

    /// Writes all of `bytes` to `fd`, in slices of `writeSlice`; 0, or the `errno` of the
    /// write that failed.
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> Int32 {
        writeAll(bytes, at: nil, to: fd)
    }

    /// Writes all of `bytes` to `fd` at `offset` (at the file's position when nil), in
    /// slices of `writeSlice`, however many calls it takes; 0, or the `errno` of the write
    /// that failed. Every writer of a file Byline maps goes through here: one big `pwrite`
    /// (the index written from the files, section by section) made 2 MiB blocks, and forty
    /// rows drawn from it made 24 MiB of the index resident.
    static func writeAll(_ bytes: UnsafeRawBufferPointer, at offset: Int?, to fd: Int32) -> Int32 {
        var written = 0
        while written < bytes.count {
            let start = bytes.baseAddress.map { $0 + written }
            let slice = min(bytes.count - written, writeSlice)
            let count = offset.map { pwrite(fd, start, slice, off_t($0 + written)) } ?? write(fd, start, slice)
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if count == 0 { return EIO }
            written += count
        }
        return 0
    }

    /// Flushes a folder's entries (a rename) to disk; a failure here loses nothing already
    /// written, so it is not reported.
    public static func syncFolder(_ folder: String) {
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    static func parentFolder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
