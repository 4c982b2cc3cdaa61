#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore

/// Finds an index's stories by path, for a pass that looks up every story of the library
/// (the background check), without growing the memory the reader is charged for.
///
/// Looked up through the mapping, 100,000 stories in no particular order would touch
/// every page of the index's rows and paths, and the kernel maps 64 KB around each page
/// touched: some 10 MB more resident memory during the check of a 100,000-story library,
/// however often the pages are given back. So this reads the path lookup table once
/// (12 bytes a story) and reads each row and path from the file with `pread`, which
/// goes through the page cache and charges the reader nothing.
struct IndexProbe {
    private let listing: IndexedListing
    /// The path lookup table, read once; nil for an index held in memory, which is
    /// then read in place.
    private let table: [UInt8]?
    private var row = [UInt8](repeating: 0, count: IndexLayout.rowSize)
    private var path: [UInt8] = []

    init(_ listing: IndexedListing) {
        self.listing = listing
        table = listing.bytes.descriptor.flatMap { Self.read(listing.sectionRange(.pathLookup), from: $0) }
    }

    /// The row and file stamp of the story at `path` (UTF-8, relative to the library).
    mutating func find(_ wanted: UnsafeRawBufferPointer) -> (row: Int, stamp: FileStamp)? {
        guard let table, let descriptor = listing.bytes.descriptor else {
            return listing.row(ofPath: wanted).map { ($0, listing.stamp(at: $0)) }
        }
        let hash = StableHash.of(wanted)
        let size = IndexLayout.lookupEntrySize
        let entries = table.count / size
        return table.withUnsafeBytes { table -> (row: Int, stamp: FileStamp)? in
            var low = 0, high = entries
            while low < high {
                let middle = (low + high) / 2
                if table.littleEndian(at: middle * size, as: UInt64.self) < hash { low = middle + 1 } else { high = middle }
            }
            while low < entries, table.littleEndian(at: low * size, as: UInt64.self) == hash {
                let candidate = Int(table.littleEndian(at: low * size + 8, as: UInt32.self))
                low += 1
                guard candidate < listing.count, readRow(candidate, from: descriptor), readPath(from: descriptor),
                      path.elementsEqual(wanted) else { continue }
                return row.withUnsafeBytes { row in
                    (candidate, FileStamp(size: row.littleEndian(at: IndexLayout.Row.size, as: Int64.self),
                                          modifiedSeconds: row.littleEndian(at: IndexLayout.Row.seconds, as: Int64.self),
                                          modifiedNanoseconds: Int64(row.littleEndian(at: IndexLayout.Row.nanoseconds, as: UInt32.self))))
                }
            }
            return nil
        }
    }

    private mutating func readRow(_ number: Int, from descriptor: Int32) -> Bool {
        let at = listing.sectionRange(.rows).lowerBound + number * IndexLayout.rowSize
        return row.withUnsafeMutableBytes { Self.read(into: $0, at: at, from: descriptor) }
    }

    /// The path of the row last read; false when its offsets lie outside the paths blob.
    private mutating func readPath(from descriptor: Int32) -> Bool {
        let (offset, length) = row.withUnsafeBytes { row in
            (Int(row.littleEndian(at: IndexLayout.Row.path, as: UInt32.self)),
             Int(row.littleEndian(at: IndexLayout.Row.path + 4, as: UInt32.self)))
        }
        let blob = listing.sectionRange(.paths)
        guard offset <= blob.count, length <= blob.count - offset else { return false }
        if path.count != length { path = [UInt8](repeating: 0, count: length) }
        return path.withUnsafeMutableBytes { Self.read(into: $0, at: blob.lowerBound + offset, from: descriptor) }
    }

    private static func read(_ range: Range<Int>, from descriptor: Int32) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: range.count)
        let done = bytes.withUnsafeMutableBytes { read(into: $0, at: range.lowerBound, from: descriptor) }
        return done ? bytes : nil
    }

    /// Fills `buffer` from the file at `offset`; false when the file ends first or fails.
    private static func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int, from descriptor: Int32) -> Bool {
        guard let base = buffer.baseAddress else { return buffer.isEmpty }
        var done = 0
        while done < buffer.count {
            let got = pread(descriptor, base + done, buffer.count - done, off_t(offset + done))
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { return false }
            done += got
        }
        return true
    }
}
