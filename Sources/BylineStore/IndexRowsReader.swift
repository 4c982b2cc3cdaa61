import BylineCore

/// An index's rows read from its file through small windows (`IndexFileWindow`), not
/// through its mapping: for a pass that reads rows all over the file, in path order. Read
/// through the mapping, each row touched maps 64 KB around it (the kernel's fault-around),
/// and such a pass over 100,000 rows held some 10 MB of the index between two releases
/// of its pages. One reader serves one thread.
struct IndexRowsReader {
    private var rows: IndexFileWindow
    private var paths: IndexFileWindow
    private let rowsStart: Int
    private let blob: Range<Int>

    init(_ listing: IndexedListing, size: Int = 512) {
        rows = IndexFileWindow(listing, size: size)
        paths = IndexFileWindow(listing, size: size)
        rowsStart = listing.sectionRange(.rows).lowerBound
        blob = listing.sectionRange(.paths)
    }

    /// Calls `body` with the path of row `row`: empty when it lies outside the blob, as
    /// `IndexedListing.pathBytes` reads it. The bytes are valid until the next path read.
    mutating func withPath<Result>(_ row: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        let at = rowsStart + row * IndexLayout.rowSize + IndexLayout.Row.path
        let (offset, length) = rows.with(at..<(at + 8)) {
            (Int($0.littleEndian(at: 0, as: UInt32.self)), Int($0.littleEndian(at: 4, as: UInt32.self)))
        }
        guard offset <= blob.count, length <= blob.count - offset else { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return paths.with((blob.lowerBound + offset)..<(blob.lowerBound + offset + length), body)
    }

    /// The file stamp of row `row`, as `IndexedListing.stamp(at:)` reads it.
    mutating func stamp(_ row: Int) -> FileStamp {
        let at = rowsStart + row * IndexLayout.rowSize
        return rows.with(at..<(at + IndexLayout.rowSize)) { row in
            FileStamp(size: row.littleEndian(at: IndexLayout.Row.size, as: Int64.self),
                      modifiedSeconds: row.littleEndian(at: IndexLayout.Row.seconds, as: Int64.self),
                      modifiedNanoseconds: Int64(row.littleEndian(at: IndexLayout.Row.nanoseconds, as: UInt32.self)))
        }
    }
}

extension IndexedListing {
    /// Every row once, in the order of their paths' bytes, as the index's path order lists
    /// them, read through a window; nil when it keeps none (version 2) or one that does
    /// not list each row once (damaged).
    func wholePathOrder() -> [Int32]? {
        guard hasPathOrder else { return nil }
        var window = IndexFileWindow(self)
        var seen = RowSet(rows: count)
        var order: [Int32] = []
        order.reserveCapacity(count)
        let table = sectionRange(.pathOrder)
        for at in stride(from: table.lowerBound, to: table.upperBound - IndexLayout.pathOrderEntrySize + 1, by: IndexLayout.pathOrderEntrySize) {
            let row = Int(window.number(at: at, as: UInt32.self))
            guard row < count, !seen.contains(row) else { return nil }
            seen.insert(row)
            order.append(Int32(row))
        }
        return order.count == count ? order : nil
    }
}
