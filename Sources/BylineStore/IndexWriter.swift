#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore
import Foundation

/// Writes an index file (`IndexLayout`): a new one from entries, or the last one with
/// some rows dropped and some entries added.
///
/// Merging costs what changed: the kept rows' paths, keys and details are copied as
/// bytes, blob by blob, without being decoded (and, into a file, by the kernel without
/// passing through this process's memory); only the row table and the lookups are
/// rebuilt, and rows are compared by date, reading a title only to break a tie.
struct IndexWriter {
    private let old: IndexedListing?
    /// Old rows kept, in order.
    private let kept: [Int]
    /// New entries, newest first.
    private let added: [LibraryEntry]
    private let problems: [LibraryProblem]

    /// - Parameters:
    ///   - dropping: rows of `old` to leave out (removed files, and files `adding` replaces).
    ///   - adding: entries to add, in any order.
    ///   - problems: every problem the new index records.
    init(old: IndexedListing?, dropping: Set<Int> = [], adding: [LibraryEntry], problems: [LibraryProblem]) {
        self.old = old
        kept = old.map { old in (0..<old.count).filter { !dropping.contains($0) } } ?? []
        added = LibraryEntry.sortedNewestFirst(adding.map(Self.checkedDate))
        self.problems = problems.filter(LibraryIndex.isWorthKeeping).sorted { $0.id < $1.id }
    }

    /// A writer merging into `old`, or, when most of `old`'s blobs would be bytes no row
    /// points to (after many updates), one that writes every kept row afresh.
    static func merging(_ old: IndexedListing?, dropping: Set<Int>, adding: [LibraryEntry], problems: [LibraryProblem]) -> IndexWriter {
        guard let old else { return IndexWriter(old: nil, adding: adding, problems: problems) }
        let live = old.liveBlobBytes
        if old.blobBytes - live > max(1 << 20, live) {
            let kept = (0..<old.count).filter { !dropping.contains($0) }.map(old.entry(at:))
            return IndexWriter(old: nil, adding: kept + adding, problems: problems)
        }
        return IndexWriter(old: old, dropping: dropping, adding: adding, problems: problems)
    }

    /// A date the index can hold: one beyond year 9999 is kept as none, as it reads back.
    static func checkedDate(_ entry: LibraryEntry) -> LibraryEntry {
        guard let date = entry.publishedDate?.timeIntervalSince1970,
              !date.isFinite || abs(date) >= IndexLayout.latestDateSeconds else { return entry }
        var summary = entry.summary
        summary.published = nil
        return LibraryEntry(summary: summary, published: entry.published, headerID: entry.headerID, stamp: entry.stamp)
    }

    private enum Item {
        case old(Int)
        case new(Int)
    }

    // MARK: - Order

    /// Kept and added rows in list order: two sorted runs merged.
    private func order() -> [Item] {
        var items: [Item] = []
        items.reserveCapacity(kept.count + added.count)
        var a = 0, b = 0
        while a < kept.count || b < added.count {
            if b == added.count || (a < kept.count && oldRow(kept[a], comesBefore: added[b])) {
                items.append(.old(kept[a]))
                a += 1
            } else {
                items.append(.new(b))
                b += 1
            }
        }
        return items
    }

    /// `StorySummary.newestFirst` between an old row and a new entry, decoding the row's
    /// title only when the dates tie.
    private func oldRow(_ row: Int, comesBefore entry: LibraryEntry) -> Bool {
        guard let old else { return false }
        let date = old.date(at: row), other = entry.publishedDate?.timeIntervalSince1970
        switch (date, other) {
        case let (x?, y?) where x != y: return x > y
        case (.some, nil): return true
        case (nil, .some): return false
        default:
            let summary = old.summary(at: row)
            if summary.title != entry.title { return summary.title < entry.title }
            return summary.id < entry.id
        }
    }

    // MARK: - Writing

    /// The index as bytes in memory.
    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        _ = write { chunk in
            switch chunk {
            case .bytes(let bytes): out.append(contentsOf: bytes)
            case .oldBlob(let range):
                if let old { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: old.bytes.buffer[range])) }
            }
            return 0
        }
        return out
    }

    /// Writes the index to `fd`; 0, or the `errno` of a write that failed.
    func write(to fd: Int32) -> Int32 {
        write { chunk in
            switch chunk {
            case .bytes(let bytes): return bytes.withUnsafeBytes { AtomicFile.writeAll($0, to: fd) }
            case .oldBlob(let range):
                guard let old else { return 0 }
                return Self.copy(UnsafeRawBufferPointer(rebasing: old.bytes.buffer[range]), from: old.bytes, offset: range.lowerBound, to: fd)
            }
        }
    }

    /// Copies bytes of the old index file by the kernel (`sendfile`) when it can, so the old file's
    /// pages are never mapped into this process; by `write` from the mapping otherwise.
    private static func copy(_ bytes: UnsafeRawBufferPointer, from source: IndexBytes, offset: Int, to fd: Int32) -> Int32 {
        #if os(Linux)
        if let sourceFD = source.descriptor {
            var from = off_t(offset)
            var left = bytes.count
            while left > 0 {
                let copied = sendfile(fd, sourceFD, &from, left)
                if copied < 0 && errno == EINTR { continue }
                if copied <= 0 { break }
                left -= copied
            }
            if left == 0 { return 0 }
            let done = bytes.count - left
            return AtomicFile.writeAll(UnsafeRawBufferPointer(rebasing: bytes[done...]), to: fd)
        }
        #endif
        return AtomicFile.writeAll(bytes, to: fd)
    }

    private enum Chunk {
        case bytes([UInt8])
        /// A range of the old index's bytes, copied as they are.
        case oldBlob(Range<Int>)
    }

    private func write(_ emit: (Chunk) -> Int32) -> Int32 {
        let items = order()
        let blobs: [IndexLayout.Section] = [.paths, .keys, .details]
        let fields = [IndexLayout.Row.path, IndexLayout.Row.key, IndexLayout.Row.details]
        // Old blobs are copied whole, so kept rows keep their offsets; new rows' bytes follow.
        let oldLengths = blobs.map { section in old.map { $0.sectionRange(section).count } ?? 0 }
        var newBlobs: [[UInt8]] = [[], [], []]
        var rows = [UInt8](repeating: 0, count: items.count * IndexLayout.rowSize)
        var pathLookup: [(UInt64, UInt32)] = []
        var linkLookup: [(UInt64, UInt32)] = []
        pathLookup.reserveCapacity(items.count)
        var newRowOfOld = [UInt32](repeating: .max, count: old?.count ?? 0)
        var hasDates = false
        for (newRow, item) in items.enumerated() {
            let at = newRow * IndexLayout.rowSize
            switch item {
            case .old(let row):
                guard let old else { continue }
                newRowOfOld[row] = UInt32(newRow)
                let source = old.rawRow(row)
                rows.withUnsafeMutableBytes { target in
                    if let to = target.baseAddress, let from = source.baseAddress {
                        (to + at).copyMemory(from: from, byteCount: IndexLayout.rowSize)
                    }
                }
                hasDates = hasDates || old.date(at: row) != nil
            case .new(let index):
                let entry = added[index]
                var values: [[UInt8]] = [Array(entry.id.path.utf8), Array(entry.summary.titleKey.utf8), []]
                IndexDetails.encode(entry, into: &values[2])
                for blob in 0..<3 {
                    rows.storeLittleEndian(UInt32(oldLengths[blob] + newBlobs[blob].count), at: at + fields[blob])
                    rows.storeLittleEndian(UInt32(values[blob].count), at: at + fields[blob] + 4)
                    newBlobs[blob].append(contentsOf: values[blob])
                }
                if let date = entry.publishedDate?.timeIntervalSince1970 {
                    rows.storeLittleEndian(date.bitPattern, at: at + IndexLayout.Row.date)
                    rows.storeLittleEndian(IndexLayout.rowHasDate, at: at + IndexLayout.Row.flags)
                    hasDates = true
                }
                rows.storeLittleEndian(entry.stamp.size, at: at + IndexLayout.Row.size)
                rows.storeLittleEndian(entry.stamp.modifiedSeconds, at: at + IndexLayout.Row.seconds)
                rows.storeLittleEndian(UInt32(truncatingIfNeeded: entry.stamp.modifiedNanoseconds), at: at + IndexLayout.Row.nanoseconds)
                pathLookup.append((IndexLayout.pathHash(entry.id.path), UInt32(newRow)))
                linkLookup += Self.linkKeys(entry.summary).map { ($0, UInt32(newRow)) }
            }
        }
        if let old {
            old.forEachLookupEntry(.pathLookup) { hash, row in
                if newRowOfOld[row] != .max { pathLookup.append((hash, newRowOfOld[row])) }
            }
            old.forEachLookupEntry(.linkLookup) { hash, row in
                if newRowOfOld[row] != .max { linkLookup.append((hash, newRowOfOld[row])) }
            }
        }
        var problemBytes: [UInt8] = []
        for problem in problems { IndexDetails.encode(problem, into: &problemBytes) }
        let pathOrder = pathOrder(items, newRowOfOld: newRowOfOld)

        // header | rows | path lookup | link lookup | problems | paths | keys | details | path order
        var lengths: [IndexLayout.Section: Int] = [
            .rows: rows.count, .pathLookup: pathLookup.count * IndexLayout.lookupEntrySize,
            .linkLookup: linkLookup.count * IndexLayout.lookupEntrySize, .problems: problemBytes.count,
            .pathOrder: pathOrder.count * IndexLayout.pathOrderEntrySize,
        ]
        for (index, blob) in blobs.enumerated() { lengths[blob] = oldLengths[index] + newBlobs[index].count }
        let header = IndexLayout.header(storyCount: items.count, problemCount: problems.count, hasDates: hasDates, lengths: lengths)

        for chunk in [header, rows, Self.table(pathLookup), Self.table(linkLookup), problemBytes] {
            let failure = emit(.bytes(chunk))
            if failure != 0 { return failure }
        }
        for (index, blob) in blobs.enumerated() {
            if let old, oldLengths[index] > 0 {
                let failure = emit(.oldBlob(old.sectionRange(blob)))
                if failure != 0 { return failure }
            }
            let failure = emit(.bytes(newBlobs[index]))
            if failure != 0 { return failure }
        }
        var orderBytes: [UInt8] = []
        orderBytes.reserveCapacity(pathOrder.count * IndexLayout.pathOrderEntrySize)
        for row in pathOrder { orderBytes.appendLittleEndian(row) }
        return emit(.bytes(orderBytes))
    }

    // MARK: - Path order

    /// The new index's rows in the order of their paths' bytes (`IndexLayout`): the old
    /// index's order with the dropped rows left out and the added ones merged in, each
    /// found its place by a binary search, so an update of a few stories reads a few
    /// dozen paths, not all of them. Sorted afresh when there is no old order to keep
    /// (a new index, one written before the path order was kept, or a damaged one).
    private func pathOrder(_ items: [Item], newRowOfOld: [UInt32]) -> [UInt32] {
        var newRowOfAdded = [UInt32](repeating: 0, count: added.count)
        for (newRow, item) in items.enumerated() { if case .new(let index) = item { newRowOfAdded[index] = UInt32(newRow) } }
        // The added paths one after another, each a range of `addedBytes`.
        var addedBytes: [UInt8] = [], addedPaths: [Range<Int>] = []
        addedPaths.reserveCapacity(added.count)
        for entry in added {
            let start = addedBytes.count
            addedBytes.append(contentsOf: entry.id.path.utf8)
            addedPaths.append(start..<addedBytes.count)
        }
        return addedBytes.withUnsafeBytes { addedBytes -> [UInt32] in
            func addedPath(_ index: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: addedBytes[addedPaths[index]]) }
            guard let old, let kept = keptInPathOrder(old, newRowOfOld: newRowOfOld) else {
                func path(_ row: UInt32) -> UnsafeRawBufferPointer {
                    switch items[Int(row)] {
                    case .old(let oldRow): return old?.pathBytes(at: oldRow) ?? UnsafeRawBufferPointer(start: nil, count: 0)
                    case .new(let index): return addedPath(index)
                    }
                }
                return (0..<UInt32(items.count)).sorted { ReadingStateMerge.precedes(path($0), path($1)) }
            }
            let sortedAdded = added.indices.sorted { ReadingStateMerge.precedes(addedPath($0), addedPath($1)) }
            var order: [UInt32] = []
            order.reserveCapacity(items.count)
            var from = 0
            for index in sortedAdded {
                // The first kept row whose path sorts after the added one.
                var low = from, high = kept.count
                while low < high {
                    let middle = (low + high) / 2
                    if ReadingStateMerge.precedes(addedPath(index), old.pathBytes(at: kept[middle].old)) { high = middle } else { low = middle + 1 }
                }
                order += kept[from..<low].map(\.new)
                order.append(newRowOfAdded[index])
                from = low
            }
            order += kept[from...].map(\.new)
            return order
        }
    }

    /// The old index's kept rows in path order, with their new rows; nil when it has no
    /// path order or one that does not list each of its rows once.
    private func keptInPathOrder(_ old: IndexedListing, newRowOfOld: [UInt32]) -> [(old: Int, new: UInt32)]? {
        var seen = RowSet(rows: old.count)
        var kept: [(old: Int, new: UInt32)] = []
        kept.reserveCapacity(self.kept.count)
        var listed = 0
        let hasOrder = old.forEachRowInPathOrder { row in
            guard !seen.contains(row) else { return }
            seen.insert(row)
            listed += 1
            if newRowOfOld[row] != .max { kept.append((row, newRowOfOld[row])) }
        }
        guard hasOrder, listed == old.count else { return nil }
        return kept
    }

    /// The link lookup's keys for a story: its URL, normalised URL and title key.
    static func linkKeys(_ summary: StorySummary) -> [UInt64] {
        var keys: [UInt64] = []
        if let url = summary.url, !url.isEmpty {
            keys.append(IndexLayout.hash(.url, url))
            keys.append(IndexLayout.hash(.normalizedURL, RelatedLinkIndex.normalizedURL(url)))
        }
        if !summary.titleKey.isEmpty { keys.append(IndexLayout.hash(.titleKey, summary.titleKey)) }
        return keys
    }

    /// A lookup table: sorted by hash, then row, so the first match is the newest story.
    private static func table(_ entries: [(UInt64, UInt32)]) -> [UInt8] {
        let sorted = entries.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var out: [UInt8] = []
        out.reserveCapacity(sorted.count * IndexLayout.lookupEntrySize)
        for (hash, row) in sorted {
            out.appendLittleEndian(hash)
            out.appendLittleEndian(row)
        }
        return out
    }
}
