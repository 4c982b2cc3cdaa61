import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes files so a reader sees the old bytes or the new ones, never half of each.
///
/// The bytes go to a temporary file in the same folder, are flushed to disk, and the file
/// is renamed over the target; the folder is flushed too so the rename survives a crash.
/// Once BylineStore offers `Library.save`, feeds should write through it instead.
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw StoringError.cannotWrite(url.path, reason: errnoText()) }
        var written = 0
        let ok = data.withUnsafeBytes { buffer -> Bool in
            while written < buffer.count, let start = buffer.baseAddress {
                let n = Glibc.write(fd, start + written, buffer.count - written)
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return fsync(fd) == 0
        }
        let reason = errnoText()
        close(fd)
        guard ok else {
            unlink(temporary.path)
            throw StoringError.cannotWrite(url.path, reason: reason)
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = errnoText()
            unlink(temporary.path)
            throw StoringError.cannotWrite(url.path, reason: reason)
        }
        let folderFD = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderFD >= 0 {
            fsync(folderFD)
            close(folderFD)
        }
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// Why a file in the library or the config folder could not be written.
public enum StoringError: Error, Equatable, CustomStringConvertible {
    case cannotWrite(String, reason: String)
    case cannotLock(String, reason: String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): "\(path): cannot write: \(reason)"
        case .cannotLock(let path, let reason): "\(path): cannot lock: \(reason)"
        }
    }
}
