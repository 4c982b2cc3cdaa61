#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore

/// A file mapped read-only into memory, so a search index is read in place: only the pages
/// a query touches are read, and the system can drop them again under memory pressure.
///
/// Index files are only ever replaced by renaming a new file over them, never truncated,
/// so a mapping stays valid (it keeps the old file) for as long as it lives.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    /// The file's size and modification time when mapped.
    let stamp: FileStamp
    /// The file's identity, size and modification time when mapped (see `SearchIndex.FilesStamp`).
    let identity: [Int64]

    enum Failure: Error, Equatable {
        case missing
        case failed(String)
    }

    private init(bytes: UnsafeRawBufferPointer, info: stat) {
        self.bytes = bytes
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
        defer { close(fd) }
        guard info.st_size > 0 else { return .failure(.failed("the file is empty")) }
        guard let address = mmap(nil, Int(info.st_size), PROT_READ, MAP_SHARED, fd, 0), address != MAP_FAILED else {
            return .failure(.failed(SystemError.message(errno)))
        }
        return .success(MappedFile(bytes: UnsafeRawBufferPointer(start: address, count: Int(info.st_size)), info: info))
    }

    /// Lets the system take back the pages read so far: they stay in the file cache, but
    /// no longer count as this program's memory until touched again.
    func release() {
        if let address = bytes.baseAddress { madvise(UnsafeMutableRawPointer(mutating: address), bytes.count, MADV_DONTNEED) }
    }

    deinit {
        if let address = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: address), bytes.count) }
    }
}
