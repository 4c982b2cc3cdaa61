import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive lock on a file, so two running copies of Byline take turns writing.
///
/// `flock` locks belong to the open file, so two locks in one process exclude each other
/// too, and the kernel drops the lock if the process dies. Once BylineStore has its writer
/// lock, feeds should take that one.
public enum WriterLock {
    /// Runs `body` holding the lock on `lockFile`, creating the file and its folder if needed.
    public static func withLock<T>(on lockFile: URL, _ body: () throws -> T) throws -> T {
        try FileManager.default.createDirectory(at: lockFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        let fd = open(lockFile.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoringError.cannotLock(lockFile.path, reason: AtomicFile.errnoText()) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw StoringError.cannotLock(lockFile.path, reason: AtomicFile.errnoText()) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
