#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// A temporary file with no name, for bytes too many to hold in memory while an index is
/// built: what is written sits in the page cache, not in the process, and the file is
/// gone when closed, even after a crash.
///
/// Written at offsets reserved in advance (`reserve`), so several threads can write their
/// parts at once without a lock.
final class SpillFile: @unchecked Sendable {
    let descriptor: Int32
    private let length = Atomic<Int>(0)

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// A spill file in the first of `folders` that takes one; nil when none does.
    static func make(in folders: [String]) -> SpillFile? {
        for folder in folders {
            #if os(Linux)
            // Opened without following a link, as every write into a library's folders is.
            let directory = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
            guard directory >= 0 else { continue }
            let unnamed = openat(directory, ".", O_RDWR | O_CLOEXEC | temporaryFileFlag, 0o600)
            close(directory)
            if unnamed >= 0 { return SpillFile(descriptor: unnamed) }
            #endif
            var template = Array((folder + "/.byline-spill-XXXXXX").utf8CString)
            let fd = template.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkstemp($0) } ?? -1 }
            if fd >= 0 {
                template.withUnsafeBufferPointer { if let name = $0.baseAddress { unlink(name) } }
                return SpillFile(descriptor: fd)
            }
        }
        return nil
    }

    /// Bytes reserved so far: the file's length once every writer is done.
    var count: Int { length.load(ordering: .acquiring) }

    /// Reserves `count` bytes at the end and returns where they start.
    func reserve(_ count: Int) -> Int { length.wrappingAdd(count, ordering: .acquiringAndReleasing).oldValue }

    /// Writes `bytes` at `offset`; 0, or the `errno` of a write that failed.
    func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> Int32 {
        AtomicFile.writeAll(bytes, at: offset, to: descriptor)
    }

    /// `count` bytes from `offset`, read back.
    func read(_ count: Int, at offset: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { pread(descriptor, $0 + done, count - done, off_t(offset + done)) } ?? 0
            }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { break }
            done += got
        }
        return Array(bytes[0..<done])
    }

    /// Part of the file mapped read-only, unmapped when let go: its pages are the page
    /// cache's, read without a copy, and count in the process's memory only while mapped.
    final class Mapping {
        /// Where `bytes` start in the file.
        let start: Int
        let bytes: UnsafeRawBufferPointer

        fileprivate init(start: Int, bytes: UnsafeRawBufferPointer) {
            self.start = start
            self.bytes = bytes
        }

        /// Whether the file's bytes at `range` are all here.
        func covers(_ range: Range<Int>) -> Bool { range.lowerBound >= start && range.upperBound <= start + bytes.count }

        /// The file's bytes at `range`, which `covers`.
        func slice(_ range: Range<Int>) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(rebasing: bytes[(range.lowerBound - start)..<(range.upperBound - start)])
        }

        deinit {
            if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
        }
    }

    /// The bytes at `range` (within what was written) mapped, from the page it begins
    /// in; nil when they cannot be.
    func map(_ range: Range<Int>) -> Mapping? {
        let page = max(1, Int(sysconf(Int32(_SC_PAGESIZE))))
        let start = range.lowerBound / page * page
        let length = range.upperBound - start
        guard length > 0, range.upperBound <= count,
              let base = mmap(nil, length, PROT_READ, MAP_SHARED, descriptor, off_t(start)), base != MAP_FAILED else { return nil }
        return Mapping(start: start, bytes: UnsafeRawBufferPointer(start: base, count: length))
    }

    /// Fills `buffer` with the `count` bytes from `offset`, reusing its storage; false when
    /// they cannot all be read.
    func read(into buffer: inout [UInt8], _ count: Int, at offset: Int) -> Bool {
        if buffer.count != count {
            buffer.removeAll(keepingCapacity: true)
            buffer.append(contentsOf: repeatElement(0, count: count))
        }
        var done = 0
        while done < count {
            let got = buffer.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { pread(descriptor, $0 + done, count - done, off_t(offset + done)) } ?? 0
            }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { return false }
            done += got
        }
        return true
    }

    /// Appends the bytes at `range` to `out`, read with `pread` rather than through a
    /// mapping, whose pages (and their neighbours) would count in the process's memory;
    /// false when they cannot all be read.
    func append(_ range: Range<Int>, to out: inout [UInt8]) -> Bool {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: range.count))
        var done = 0
        while done < range.count {
            let got = out.withUnsafeMutableBytes { buffer in
                buffer.baseAddress.map { pread(descriptor, $0 + start + done, range.count - done, off_t(range.lowerBound + done)) } ?? 0
            }
            if got < 0 && errno == EINTR { continue }
            if got <= 0 { return false }
            done += got
        }
        return true
    }
}

#if os(Linux)
/// `O_TMPFILE`, a macro Glibc's Swift module does not bring in (`__O_TMPFILE | O_DIRECTORY`).
private let temporaryFileFlag: Int32 = 0o20000000 | O_DIRECTORY
#endif
