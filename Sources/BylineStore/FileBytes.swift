#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore

/// Reads whole files with plain system calls: at start-up thousands of small files may
/// need reading, and `Data(contentsOf:)` costs more per file.
enum FileBytes {
    /// Story files larger than this are refused rather than read into memory.
    /// The writer's limit: a story Byline writes, Byline reads.
    static let largestStory = Int64(StoryFileWriter.largestFile)
    /// The index and reading-state files: about 30 MB at 100,000 stories. A larger one
    /// is damaged (a sparse or runaway file), and reading it whole would exhaust memory.
    static let largestBookkeeping: Int64 = 1024 * 1024 * 1024

    enum Failure: Error, Equatable {
        case missing
        case failed(String)
    }

    /// Opens `path` for reading if it is a regular file, with its `stat`; the caller closes
    /// the descriptor. O_NONBLOCK: a FIFO named like a story must not hang start-up.
    ///
    /// - Parameter folder: a folder's descriptor that a relative `path` is relative to.
    static func openRegular(_ path: String, in folder: Int32 = AT_FDCWD) -> Result<(fd: Int32, info: stat), Failure> {
        let fd = openat(folder, path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 {
            let code = errno
            return .failure(code == ENOENT ? .missing : .failed(SystemError.message(code)))
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            return .failure(.failed(SystemError.message(code)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            return .failure(.failed("not a regular file"))
        }
        return .success((fd, info))
    }

    /// The bytes of a regular file, at most `limit` of them.
    ///
    /// - Parameter opened: told the file's `stat` once it is open, before it is read.
    /// - Parameter folder: as for `openRegular`.
    static func contents(of path: String, in folder: Int32 = AT_FDCWD, limit: Int64 = largestStory,
                         opened: (stat) -> Void = { _ in }) -> Result<[UInt8], Failure> {
        let fd: Int32
        let info: stat
        switch openRegular(path, in: folder) {
        case .success(let opened): (fd, info) = opened
        case .failure(let failure): return .failure(failure)
        }
        defer { close(fd) }
        opened(info)
        guard Int64(info.st_size) <= limit else {
            let what = limit == largestStory ? "a story" : "Byline to read"
            return .failure(.failed("larger than \(limit / 1024 / 1024) MB, too big for \(what)"))
        }
        let size = Int(info.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while true {
            // The file as `fstat` found it is read: no read to be told of its end, one
            // system call a file saved (100,000 on indexing a library). Grown since, it is
            // stamped with the size it had and read again on the next check.
            if filled == size, size > 0 { break }
            if filled == bytes.count {
                // The file may have grown since fstat; read on in small steps.
                guard Int64(bytes.count) < limit else { break }
                bytes.append(contentsOf: repeatElement(0, count: 4096))
            }
            let count = bytes.withUnsafeMutableBytes { buffer in
                read(fd, buffer.baseAddress.map { $0 + filled }, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(.failed(SystemError.message(errno)))
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeSubrange(filled..<bytes.count)
        return .success(bytes)
    }
}
