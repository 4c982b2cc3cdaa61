#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The lock every writer of a library's bookkeeping holds, so two running copies of Byline
/// (or two threads) take turns: each re-reads, changes and rewrites under it.
///
/// `flock` on a lock file of its own: the lock belongs to the open file, so it works
/// between processes and between threads that each open the file, and the system drops it
/// when a process dies, so a crash never leaves the library locked.
struct WriterLock: Sendable {
    let stateFolder: String
    var path: String { stateFolder + "/lock" }

    init(stateFolder: String) {
        self.stateFolder = stateFolder
    }

    /// Runs `body` holding the lock, creating the state folder first if need be.
    func withLock<T>(_ body: () throws(LibraryError) -> T) throws(LibraryError) -> T {
        do {
            try FileManager.default.createDirectory(atPath: stateFolder, withIntermediateDirectories: true)
        } catch {
            throw LibraryError(path: stateFolder, reason: "cannot create the folder: \(error.localizedDescription)")
        }
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LibraryError.system("open the lock file", path, errno: errno) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw LibraryError.system("lock", path, errno: errno) }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
