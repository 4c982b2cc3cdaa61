import BylineCore
import Foundation

/// Writing a fresh index: the same file `IndexWriter` writes of the same stories
/// (`IndexLayout`), streamed from the slots and spill files a section at a time.
extension FreshIndex {
    /// Where the index's bytes go.
    struct Sink {
        let bytes: (UnsafeRawBufferPointer) -> Int32
    }

    /// Writes the index to `fd`; 0, or the `errno` of a write that failed.
    func write(problems: [LibraryProblem], to fd: Int32) -> Int32 {
        write(problems: problems, Sink(bytes: { AtomicFile.writeAll($0, to: fd) }))
    }

    /// The index as bytes in memory, for a library whose index cannot be saved.
    func bytes(problems: [LibraryProblem]) -> [UInt8] {
        var out: [UInt8] = []
        _ = write(problems: problems, Sink(bytes: { out.append(contentsOf: $0); return 0 }))
        return out
    }

    // MARK: - Order

    /// The stories' files in list order (`StorySummary.newestFirst`): by date alone, then
    /// each run of equal dates by title and path, read back only for those runs.
    func order() -> [UInt32] {
        func date(_ file: UInt32) -> Double { slots[Int(file)].hasDate ? slots[Int(file)].date : -.infinity }
        var order: [UInt32] = []
        order.reserveCapacity(storyCount)
        for file in slots.indices where slots[file].kind == .story { order.append(UInt32(file)) }
        order.sort { a, b in date(a) != date(b) ? date(a) > date(b) : a < b }
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, date(order[end]) == date(order[start]) { end += 1 }
            if end - start > 1 {
                let tied = order[start..<end].map { file in (file: file, title: title(of: Int(file)), id: StoryID(path(Int(file)))) }
                let sorted = tied.sorted { a, b in a.title != b.title ? a.title < b.title : a.id < b.id }
                for (offset, story) in sorted.enumerated() { order[start + offset] = story.file }
            }
            start = end
        }
        return order
    }

    /// The title a story's details begin with.
    private func title(of file: Int) -> String {
        let slot = slots[file]
        var reader = LineFields.Reader(details.read(Int(slot.detailsLength), at: Int(slot.detailsOffset)), from: 0)
        guard reader.nextLine(), let title = reader.string() ?? nil else { return "" }
        return title
    }

    // MARK: - Writing

    private func write(problems: [LibraryProblem], _ sink: Sink) -> Int32 {
        let order = order()
        var rowOf = [UInt32](repeating: .max, count: slots.count)
        for (row, file) in order.enumerated() { rowOf[Int(file)] = UInt32(row) }
        var problemBytes: [UInt8] = []
        for problem in problems { IndexDetails.encode(problem, into: &problemBytes) }
        let lengths: [IndexLayout.Section: Int] = [
            .rows: order.count * IndexLayout.rowSize, .pathLookup: order.count * IndexLayout.lookupEntrySize,
            .linkLookup: links.count, .problems: problemBytes.count,
            .paths: order.reduce(0) { $0 + pathRange(Int($1)).count }, .keys: keys.count, .details: details.count,
            .pathOrder: order.count * IndexLayout.pathOrderEntrySize,
        ]
        let hasDates = order.contains { slots[Int($0)].hasDate }
        let header = IndexLayout.header(storyCount: order.count, problemCount: problems.count, hasDates: hasDates, lengths: lengths)
        var failure = header.withUnsafeBytes(sink.bytes)
        if failure == 0 { failure = writeRows(order, to: sink) }
        if failure == 0 {
            failure = Self.writeTable(to: sink) { part, entries in
                for file in order {
                    let hash = paths.withUnsafeBytes { StableHash.of(UnsafeRawBufferPointer(rebasing: $0[pathRange(Int(file))])) }
                    if Self.part(of: hash) == part { entries.append((hash, rowOf[Int(file)])) }
                }
            }
        }
        if failure == 0 {
            failure = Self.writeTable(to: sink) { part, entries in
                forEachLink { hash, file in
                    if Self.part(of: hash) == part { entries.append((hash, rowOf[Int(file)])) }
                }
            }
        }
        if failure == 0 { failure = problemBytes.withUnsafeBytes(sink.bytes) }
        // The blobs in list order, as `IndexWriter` writes them: the rows on screen then
        // read a few neighbouring pages, not a page each.
        if failure == 0 {
            failure = writeBlob(order, to: sink) { file, out in
                out.append(contentsOf: paths[pathRange(file)])
                return true
            }
        }
        if failure == 0 {
            failure = writeBlob(order, to: sink) { file, out in
                keys.append(Int(slots[file].keyOffset)..<Int(slots[file].keyOffset + slots[file].keyLength), to: &out)
            }
        }
        if failure == 0 {
            failure = writeBlob(order, to: sink) { file, out in
                details.append(Int(slots[file].detailsOffset)..<Int(slots[file].detailsOffset + slots[file].detailsLength), to: &out)
            }
        }
        if failure == 0 { failure = writePathOrder(order, rowOf: rowOf, to: sink) }
        return failure
    }

    /// The rows in the order of their paths' bytes (`IndexLayout`). The scan finds a
    /// folder's files in no order, so they are sorted here, once per index built.
    private func writePathOrder(_ order: [UInt32], rowOf: [UInt32], to sink: Sink) -> Int32 {
        var byPath = order
        paths.withUnsafeBytes { all in
            func path(_ file: UInt32) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: all[pathRange(Int(file))]) }
            byPath.sort { ReadingStateMerge.precedes(path($0), path($1)) }
        }
        var out: [UInt8] = []
        out.reserveCapacity(byPath.count * IndexLayout.pathOrderEntrySize)
        for file in byPath { out.appendLittleEndian(rowOf[Int(file)]) }
        return out.withUnsafeBytes(sink.bytes)
    }

    /// One blob: each story's bytes, appended by `append`, in list order, a buffer's
    /// worth at a time.
    private func writeBlob(_ order: [UInt32], to sink: Sink, _ append: (Int, inout [UInt8]) -> Bool) -> Int32 {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 17)
        for file in order {
            guard append(Int(file), &out) else { return EIO }
            if out.count >= 1 << 16 {
                let failure = out.withUnsafeBytes(sink.bytes)
                if failure != 0 { return failure }
                out.removeAll(keepingCapacity: true)
            }
        }
        return out.withUnsafeBytes(sink.bytes)
    }

    /// The rows, in list order, a buffer's worth at a time.
    private func writeRows(_ order: [UInt32], to sink: Sink) -> Int32 {
        let perChunk = 1024
        var rows = [UInt8](repeating: 0, count: perChunk * IndexLayout.rowSize)
        var pathAt = 0, keyAt = 0, detailsAt = 0
        for start in stride(from: 0, to: order.count, by: perChunk) {
            let end = min(start + perChunk, order.count)
            rows.withUnsafeMutableBytes { rows in _ = rows.initializeMemory(as: UInt8.self, repeating: 0) }
            for (index, file) in order[start..<end].enumerated() {
                let slot = slots[Int(file)]
                let at = index * IndexLayout.rowSize
                if slot.hasDate {
                    rows.storeLittleEndian(slot.date.bitPattern, at: at + IndexLayout.Row.date)
                    rows.storeLittleEndian(IndexLayout.rowHasDate, at: at + IndexLayout.Row.flags)
                }
                rows.storeLittleEndian(slot.stamp.size, at: at + IndexLayout.Row.size)
                rows.storeLittleEndian(slot.stamp.modifiedSeconds, at: at + IndexLayout.Row.seconds)
                rows.storeLittleEndian(UInt32(truncatingIfNeeded: slot.stamp.modifiedNanoseconds), at: at + IndexLayout.Row.nanoseconds)
                // Where `write` puts each blob's bytes: one story after another, in list order.
                let path = pathRange(Int(file))
                rows.storeLittleEndian(UInt32(pathAt), at: at + IndexLayout.Row.path)
                rows.storeLittleEndian(UInt32(path.count), at: at + IndexLayout.Row.path + 4)
                rows.storeLittleEndian(UInt32(keyAt), at: at + IndexLayout.Row.key)
                rows.storeLittleEndian(slot.keyLength, at: at + IndexLayout.Row.key + 4)
                rows.storeLittleEndian(UInt32(detailsAt), at: at + IndexLayout.Row.details)
                rows.storeLittleEndian(slot.detailsLength, at: at + IndexLayout.Row.details + 4)
                pathAt += path.count
                keyAt += Int(slot.keyLength)
                detailsAt += Int(slot.detailsLength)
            }
            let failure = rows.withUnsafeBytes { sink.bytes(UnsafeRawBufferPointer(rebasing: $0[0..<((end - start) * IndexLayout.rowSize)])) }
            if failure != 0 { return failure }
        }
        return 0
    }

    /// Lookup tables are sorted a quarter at a time, by the top bits of their hashes,
    /// which are spread evenly: a quarter of the entries is all they hold at once.
    private static let tableParts = 4

    private static func part(of hash: UInt64) -> Int { Int(hash >> 62) }

    /// A lookup table (`IndexLayout`), sorted by hash, then row: `collect` gathers the
    /// entries of each part in turn, and each part is sorted and written.
    private static func writeTable(to sink: Sink, _ collect: (Int, inout [(hash: UInt64, row: UInt32)]) -> Void) -> Int32 {
        var entries: [(hash: UInt64, row: UInt32)] = []
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        for part in 0..<tableParts {
            entries.removeAll(keepingCapacity: true)
            collect(part, &entries)
            entries.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.row < $1.row }
            for entry in entries {
                out.appendLittleEndian(entry.hash)
                out.appendLittleEndian(entry.row)
                if out.count >= (1 << 16) - IndexLayout.lookupEntrySize {
                    let failure = out.withUnsafeBytes(sink.bytes)
                    if failure != 0 { return failure }
                    out.removeAll(keepingCapacity: true)
                }
            }
        }
        return out.withUnsafeBytes(sink.bytes)
    }

    /// Every (hash, file) of the links spill file, read back a buffer's worth at a time.
    private func forEachLink(_ body: (UInt64, UInt32) -> Void) {
        let size = IndexLayout.lookupEntrySize
        let step = (1 << 16) / size * size
        for start in stride(from: 0, to: links.count, by: step) {
            let chunk = links.read(min(step, links.count - start), at: start)
            chunk.withUnsafeBytes { bytes in
                for at in stride(from: 0, to: bytes.count - size + 1, by: size) {
                    body(bytes.littleEndian(at: at, as: UInt64.self), bytes.littleEndian(at: at + 8, as: UInt32.self))
                }
            }
        }
    }
}
