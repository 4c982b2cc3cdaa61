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
            guard let old, let oldOrder = old.wholePathOrder() else {
                writeSortedPathOrder(placement, addedPath: addedPath, to: &out)
                return
            }
            let sortedAdded = added.indices.sorted { ReadingStateMerge.precedes(addedPath($0), addedPath($1)) }
            // Each one's place: the first place in the old order whose path sorts after it.
            var paths = IndexRowsReader(old)
            var places: [Int] = []
            places.reserveCapacity(sortedAdded.count)
            var low = 0
            for index in sortedAdded {
                var high = old.count
                while low < high {
                    let middle = (low + high) / 2
                    if paths.withPath(Int(oldOrder[middle]), { ReadingStateMerge.precedes(addedPath(index), $0) }) { high = middle } else { low = middle + 1 }
                }
                places.append(low)
            }
            var next = 0
            for (place, row) in oldOrder.enumerated() {
                while next < sortedAdded.count, places[next] <= place {
                    out.appendLittleEndian(placement.newRowOfAdded[sortedAdded[next]])
                    next += 1
                }
                if placement.newRowOfOld[Int(row)] != .max { out.appendLittleEndian(placement.newRowOfOld[Int(row)]) }
            }
            for index in sortedAdded[next...] { out.appendLittleEndian(placement.newRowOfAdded[index]) }
        }
    }

    /// Every row's path read into one buffer and the rows sorted by them.
    private func writeSortedPathOrder(_ placement: Placement, addedPath: (Int) -> UnsafeRawBufferPointer, to out: inout Output) {
        var bytes: [UInt8] = []
        var spans: [(start: Int32, length: Int32)] = []
        spans.reserveCapacity(placement.count)
        var paths = old.map { IndexRowsReader($0, size: 1 << 16) }
        forEachNewRow(placement) { oldRow, addedIndex in
            let start = bytes.count
            if let addedIndex {
                bytes.append(contentsOf: addedPath(addedIndex))
            } else if let oldRow {
                paths?.withPath(oldRow) { bytes.append(contentsOf: $0) }
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
}
