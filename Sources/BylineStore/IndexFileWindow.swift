#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads an index's bytes for a writer through `pread`, a window at a time, not through
/// its mapping: a rewrite reads every row, lookup entry and path-order entry of the old
/// index, and read through the mapping all of those pages (some 11 MB at 100,000
/// stories) would stay resident and count in the reader's peak memory. Read this way
/// they pass through the page cache and one window of this process's memory.
///
/// An index held in memory (one that could not be saved) is read in place.
struct IndexFileWindow {
    private let bytes: IndexBytes
    private let size: Int
    private var window: [UInt8] = []
    /// Where in the file `window` starts.
    private var start = 0

    /// - Parameter size: bytes read at a time: large for a pass in order, small for
    ///   lookups here and there (a binary search).
    init(_ listing: IndexedListing, size: Int = 1 << 16) {
        bytes = listing.bytes
        self.size = size
    }

    /// Calls `body` with the bytes of the file at `range`, which lies inside it.
    mutating func with<Result>(_ range: Range<Int>, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.buffer.count, "outside the index")
        guard let descriptor = bytes.descriptor else { return body(UnsafeRawBufferPointer(rebasing: bytes.buffer[range])) }
        if range.lowerBound < start || range.upperBound > start + window.count { fill(from: range.lowerBound, count: range.count, descriptor) }
        return window.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[(range.lowerBound - start)..<(range.upperBound - start)])) }
    }

    /// The little-endian number at `offset`.
    mutating func number<T: FixedWidthInteger>(at offset: Int, as type: T.Type) -> T {
        with(offset..<(offset + MemoryLayout<T>.size)) { $0.littleEndian(at: 0, as: T.self) }
    }

    /// Reads the window at `offset`: bytes that cannot be read (a file cut short since it
    /// was mapped) read as zeros, as a damaged row does: an empty one.
    private mutating func fill(from offset: Int, count: Int, _ descriptor: Int32) {
        let length = min(max(size, count), bytes.buffer.count - offset)
        if window.count != length {
            window = [UInt8](repeating: 0, count: length)
        }
        var done = 0
        window.withUnsafeMutableBytes { window in
            while done < length, let base = window.baseAddress {
                let read = pread(descriptor, base + done, length - done, off_t(offset + done))
                if read < 0 && errno == EINTR { continue }
                if read <= 0 { break }
                done += read
            }
            if done < length, let base = window.baseAddress { (base + done).initializeMemory(as: UInt8.self, repeating: 0, count: length - done) }
        }
        start = offset
    }
}
