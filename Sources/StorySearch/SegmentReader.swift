import Foundation

/// Reads a segment's bytes into memory the caller owns, rather than touching them in place.
///
/// A segment read in place from a mapped file counts every page a query touches as the
/// program's memory until the pages are given back, and a search over common words goes
/// through megabytes of postings and the whole story table. Copied through a reader (a
/// file descriptor: see BylineStore's `MappedFile`) into one small buffer that is reused,
/// they never count at all, and cost no more than the page faults would.
public protocol SegmentReader: Sendable {
    /// Fills `buffer` with the bytes at `offset` of the segment; false when they cannot
    /// all be read.
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) -> Bool
}

/// A buffer a query reads postings and stories into, grown as needed and reused.
final class ReadBuffer {
    private var memory: UnsafeMutableRawBufferPointer

    init(capacity: Int = 1 << 16) {
        memory = .allocate(byteCount: max(capacity, 16), alignment: 16)
    }

    deinit { memory.deallocate() }

    /// `count` bytes of the buffer; what it held before is lost when it grows.
    func bytes(_ count: Int) -> UnsafeMutableRawBufferPointer {
        if count > memory.count {
            memory.deallocate()
            memory = .allocate(byteCount: max(count, memory.count * 2), alignment: 16)
        }
        return UnsafeMutableRawBufferPointer(rebasing: memory[0..<count])
    }
}

/// The read buffer of a library's last query, kept for the next: each query would
/// otherwise read its postings into a fresh allocation of a few hundred KB, faulted in
/// page by page, at every key typed into search. Two queries at once (search and "More
/// on this") get one each: the second makes its own.
final class KeptReadBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: ReadBuffer?

    func take() -> ReadBuffer {
        lock.lock()
        defer { lock.unlock() }
        let buffer = kept ?? ReadBuffer()
        kept = nil
        return buffer
    }

    func give(_ buffer: ReadBuffer) {
        lock.lock()
        kept = buffer
        lock.unlock()
    }

    /// Lets the kept buffer go, giving its memory back.
    func drop() {
        lock.lock()
        kept = nil
        lock.unlock()
    }
}

extension SearchSegment {
    /// `range` of the segment's bytes: read in place when the segment has no reader (one
    /// held in an array), else copied into `buffer` and valid until it is used again.
    /// Empty when the range lies outside the segment or cannot be read.
    func read(_ range: Range<Int>, into buffer: ReadBuffer) -> UnsafeRawBufferPointer {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return UnsafeRawBufferPointer(rebasing: bytes[0..<0]) }
        guard let reader else { return UnsafeRawBufferPointer(rebasing: bytes[range]) }
        let target = buffer.bytes(range.count)
        guard range.isEmpty || reader.read(at: range.lowerBound, into: target) else { return UnsafeRawBufferPointer(rebasing: bytes[0..<0]) }
        return UnsafeRawBufferPointer(target)
    }
}
