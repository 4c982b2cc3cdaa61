import BylineCore

/// The path order of a merged index (`IndexLayout`): the old index's order, read in
/// order, with the dropped rows left out, the rows renumbered, and the added ones merged
/// in, each found its place by a binary search read from the file, so an update of a few
/// stories reads a few dozen paths, not all of them. Sorted afresh when there is no old
/// order to keep (a new index, one written before the path order was kept, or a damaged
/// one): then every path is read once, into one buffer.
extension IndexWriter {
    func writePathOrder(_ placement: Placement, to out: inout Output) {
        let ranges = placement.addedRanges[0]
        placement.addedBlobs[0].withUnsafeBytes { all in
            func addedPath(_ index: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: all[ranges[index]]) }
            guard let old, Self.hasWholePathOrder(old) else {
                writeSortedPathOrder(placement, addedPath: addedPath, to: &out)
                return
            }
            let sortedAdded = added.indices.sorted { ReadingStateMerge.precedes(addedPath($0), addedPath($1)) }
            // Each one's place: the first place in the old order whose path sorts after it.
            var paths = OldPaths(old, size: 512)
            let orderStart = old.sectionRange(.pathOrder).lowerBound
            var places: [Int] = []
            places.reserveCapacity(sortedAdded.count)
            var low = 0
            for index in sortedAdded {
                var high = old.count
                while low < high {
                    let middle = (low + high) / 2
                    let row = Int(paths.window.number(at: orderStart + middle * IndexLayout.pathOrderEntrySize, as: UInt32.self))
                    if paths.with(row, { ReadingStateMerge.precedes(addedPath(index), $0) }) { high = middle } else { low = middle + 1 }
                }
                places.append(low)
            }
            var order = IndexFileWindow(old)
            var next = 0
            for place in 0..<old.count {
                while next < sortedAdded.count, places[next] <= place {
                    out.appendLittleEndian(placement.newRowOfAdded[sortedAdded[next]])
                    next += 1
                }
                let row = Int(order.number(at: orderStart + place * IndexLayout.pathOrderEntrySize, as: UInt32.self))
                if placement.newRowOfOld[row] != .max { out.appendLittleEndian(placement.newRowOfOld[row]) }
            }
            for index in sortedAdded[next...] { out.appendLittleEndian(placement.newRowOfAdded[index]) }
        }
    }

    /// Whether `old` keeps a path order that lists each of its rows once, as every writer
    /// leaves it (a damaged file may not).
    private static func hasWholePathOrder(_ old: IndexedListing) -> Bool {
        guard old.hasPathOrder else { return false }
        var window = IndexFileWindow(old)
        var seen = RowSet(rows: old.count)
        let order = old.sectionRange(.pathOrder)
        for at in stride(from: order.lowerBound, to: order.upperBound - IndexLayout.pathOrderEntrySize + 1, by: IndexLayout.pathOrderEntrySize) {
            let row = Int(window.number(at: at, as: UInt32.self))
            guard row < old.count, !seen.contains(row) else { return false }
            seen.insert(row)
        }
        return seen.count == old.count
    }

    /// Every row's path read into one buffer and the rows sorted by them.
    private func writeSortedPathOrder(_ placement: Placement, addedPath: (Int) -> UnsafeRawBufferPointer, to out: inout Output) {
        var bytes: [UInt8] = []
        var spans: [(start: Int32, length: Int32)] = []
        spans.reserveCapacity(placement.count)
        var paths = old.map { OldPaths($0) }
        forEachNewRow(placement) { oldRow, addedIndex in
            let start = bytes.count
            if let addedIndex {
                bytes.append(contentsOf: addedPath(addedIndex))
            } else if let oldRow {
                paths?.with(oldRow) { bytes.append(contentsOf: $0) }
            }
            spans.append((Int32(start), Int32(bytes.count - start)))
        }
        let order = bytes.withUnsafeBytes { all in
            func path(_ row: UInt32) -> UnsafeRawBufferPointer {
                let span = spans[Int(row)]
                return UnsafeRawBufferPointer(rebasing: all[Int(span.start)..<Int(span.start + span.length)])
            }
            return (0..<UInt32(spans.count)).sorted { ReadingStateMerge.precedes(path($0), path($1)) }
        }
        for row in order { out.appendLittleEndian(row) }
    }

    /// The paths of an old index's rows, read through windows: a row's, then its path's.
    struct OldPaths {
        var window: IndexFileWindow
        private var rows: IndexFileWindow
        private var paths: IndexFileWindow
        private let rowsStart: Int
        private let blob: Range<Int>

        init(_ old: IndexedListing, size: Int = 1 << 16) {
            window = IndexFileWindow(old, size: size)
            rows = IndexFileWindow(old, size: size)
            paths = IndexFileWindow(old, size: size)
            rowsStart = old.sectionRange(.rows).lowerBound
            blob = old.sectionRange(.paths)
        }

        /// Calls `body` with the path of row `row`: empty when it lies outside the blob,
        /// as `IndexedListing.pathBytes` reads it.
        mutating func with<Result>(_ row: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
            let at = rowsStart + row * IndexLayout.rowSize + IndexLayout.Row.path
            let (offset, length) = rows.with(at..<(at + 8)) {
                (Int($0.littleEndian(at: 0, as: UInt32.self)), Int($0.littleEndian(at: 4, as: UInt32.self)))
            }
            guard offset <= blob.count, length <= blob.count - offset else { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
            return paths.with((blob.lowerBound + offset)..<(blob.lowerBound + offset + length), body)
        }
    }
}
