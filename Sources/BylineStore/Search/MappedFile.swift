#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore
import StorySearch

/// A file mapped read-only into memory, so a search index is read in place: only the pages
/// a query touches are read, and the system can drop them again under memory pressure.
/// Queries copy their long reads (postings, the story table) through the file kept open
/// instead (see `SegmentReader`): the same bytes, without counting as this program's memory.
///
/// Index files are only ever replaced by renaming a new file over them, never truncated,
/// so a mapping and the open file stay valid (they keep the old file) for as long as they live.
final class MappedFile: SegmentReader, @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    private let fd: Int32
    /// The file's size and modification time when mapped.
    let stamp: FileStamp
    /// The file's identity, size and modification time when mapped (see `SearchIndex.FilesStamp`).
    let identity: [Int64]

    enum Failure: Error, Equatable {
        case missing
        case failed(String)
    }

    private init(bytes: UnsafeRawBufferPointer, fd: Int32, info: stat) {
        self.bytes = bytes
        self.fd = fd
        self.stamp = FileStamp(info)
        self.identity = SearchIndex.FilesStamp.file(info)
    }

    static func open(_ path: String) -> Result<MappedFile, Failure> {
        let fd: Int32
        let info: stat
        switch FileBytes.openRegular(path) {
        case .success(let opened): (fd, info) = opened
        case .failure(.missing): return .failure(.missing)
        case .failure(.failed(let reason)): return .failure(.failed(reason))
        }
        guard info.st_size > 0 else {
            close(fd)
            return .failure(.failed("the file is empty"))
        }
        guard let address = mmap(nil, Int(info.st_size), PROT_READ, MAP_SHARED, fd, 0), address != MAP_FAILED else {
            let failure = errno
            close(fd)
            return .failure(.failed(SystemError.message(failure)))
        }
        return .success(MappedFile(bytes: UnsafeRawBufferPointer(start: address, count: Int(info.st_size)), fd: fd, info: info))
    }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) -> Bool {
        guard offset >= 0, buffer.count <= bytes.count - min(offset, bytes.count) else { return false }
        var done = 0
        while done < buffer.count {
            let count = pread(fd, buffer.baseAddress.map { $0 + done }, buffer.count - done, off_t(offset + done))
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            done += count
        }
        return true
    }

    /// Lets the system take back the pages read so far: they stay in the file cache, but
    /// no longer count as this program's memory until touched again.
    func release() {
        if let address = bytes.baseAddress { madvise(UnsafeMutableRawPointer(mutating: address), bytes.count, MADV_DONTNEED) }
    }

    deinit {
        if let address = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: address), bytes.count) }
        close(fd)
    }
}
