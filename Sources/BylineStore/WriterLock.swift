#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// An exclusive lock on a lock file, so two running copies of Byline (or two threads) take
/// turns: each writer re-reads, changes and rewrites under it.
///
/// `flock` on a lock file of its own: the lock belongs to the open file, so it works
/// between processes and between threads that each open the file, and the system drops it
/// when a process dies, so a crash never leaves anything locked.
public struct WriterLock: Sendable {
    /// The lock file.
    public let path: String

    /// A lock on the file at `path`; it and its folder are created when first taken.
    public init(path: String) {
        self.path = path
    }

    /// The lock every writer of a library's bookkeeping holds.
    init(stateFolder: String) {
        self.init(path: stateFolder + "/lock")
    }

    /// Runs `body` holding the lock.
    func withLock<T>(_ body: () throws(LibraryError) -> T) throws(LibraryError) -> T {
        let fd = try acquire()
        defer { release(fd) }
        return try body()
    }

    /// Runs `body` holding the lock, for callers whose own work throws other errors.
    public func withLock<T>(_ body: () throws -> T) throws -> T {
        let fd = try acquire()
        defer { release(fd) }
        return try body()
    }

    private func acquire() throws(LibraryError) -> Int32 {
        let folder = AtomicFile.parentFolder(of: path)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw LibraryError(path: folder, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        // Through the folder opened without following a link: a `.byline` that is a link
        // must not put a lock file (or anything) outside the library.
        let directory = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
        guard directory >= 0 else {
            if errno == ELOOP || errno == ENOTDIR {
                throw LibraryError(path: folder, reason: "is a symbolic link; Byline writes only into the library's own folders")
            }
            throw LibraryError.system("open the lock file", path, errno: errno)
        }
        defer { close(directory) }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let fd = openat(directory, name, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else { throw LibraryError.system("open the lock file", path, errno: errno) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let failure = errno
                close(fd)
                throw LibraryError.system("lock", path, errno: failure)
            }
        }
        return fd
    }

    private func release(_ fd: Int32) {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
