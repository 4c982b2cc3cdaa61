#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore

/// The bytes of an index, mapped from its file or held in memory, read in place.
///
/// Mapped read-only and private: pages come in as rows are read, so memory follows what
/// the reader looks at. Byline replaces the index by renaming a new file over it, never
/// by writing into it, so a mapping always sees the whole of the file it was made from.
final class IndexBytes: @unchecked Sendable {
    let buffer: UnsafeRawBufferPointer
    /// The file's stamp when mapped; nil for bytes held in memory.
    let stamp: FileStamp?
    /// The mapped file, kept open so a new index can copy from it without mapping it in.
    let descriptor: Int32?

    private init(buffer: UnsafeRawBufferPointer, stamp: FileStamp?, descriptor: Int32?) {
        self.buffer = buffer
        self.stamp = stamp
        self.descriptor = descriptor
    }

    /// A copy of `bytes`, for an index that could not be saved.
    convenience init(copying bytes: [UInt8]) {
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, bytes.count), alignment: 8)
        bytes.withUnsafeBytes { memory.copyMemory(from: $0) }
        self.init(buffer: UnsafeRawBufferPointer(start: memory.baseAddress, count: bytes.count), stamp: nil, descriptor: nil)
    }

    deinit {
        if let descriptor {
            if let base = buffer.baseAddress, buffer.count > 0 { munmap(UnsafeMutableRawPointer(mutating: base), buffer.count) }
            close(descriptor)
        } else {
            UnsafeMutableRawPointer(mutating: buffer.baseAddress)?.deallocate()
        }
    }

    /// Gives back the memory of the pages read so far: they come back from the file (or
    /// the page cache) when read again. For a pass over every row (`byline list`, the
    /// background check), so the pass leaves memory as it found it.
    func releasePages() {
        guard descriptor != nil, let base = buffer.baseAddress, buffer.count > 0 else { return }
        madvise(UnsafeMutableRawPointer(mutating: base), buffer.count, MADV_DONTNEED)
    }

    /// Whether the file at `path` is still the one these bytes were mapped from. Byline
    /// replaces an index only by renaming a new file over it, so the same file has the
    /// same bytes, even when its time was changed (`Library.markChecked`). The mapped
    /// file is held open, so its inode number cannot pass to another file meanwhile.
    func isMapped(from path: String) -> Bool {
        guard let descriptor else { return false }
        var mapped = stat(), current = stat()
        guard fstat(descriptor, &mapped) == 0, stat(path, &current) == 0 else { return false }
        return mapped.st_dev == current.st_dev && mapped.st_ino == current.st_ino
    }

    /// Maps the file at `path`.
    static func map(_ path: String) -> Result<IndexBytes, FileBytes.Failure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 {
            let code = errno
            return .failure(code == ENOENT ? .missing : .failed(SystemError.message(code)))
        }
        var info = stat()
        var failure: String?
        if fstat(fd, &info) != 0 {
            failure = SystemError.message(errno)
        } else if (info.st_mode & S_IFMT) != S_IFREG {
            failure = "not a regular file"
        } else if Int64(info.st_size) > FileBytes.largestBookkeeping {
            failure = "larger than \(FileBytes.largestBookkeeping / 1024 / 1024) MB, too big for Byline to read"
        } else if info.st_size == 0 {
            failure = "the file is empty"
        }
        let size = Int(info.st_size)
        if failure == nil, let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), base != MAP_FAILED {
            return .success(IndexBytes(buffer: UnsafeRawBufferPointer(start: base, count: size),
                                       stamp: StoryFolderScan.stamp(info), descriptor: fd))
        }
        let reason = failure ?? SystemError.message(errno)
        close(fd)
        return .failure(.failed(reason))
    }
}
