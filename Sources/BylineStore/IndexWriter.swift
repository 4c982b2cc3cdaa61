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
/// Merging costs what changed, in time and in memory: the old index is read in order, a
/// window at a time (`IndexFileWindow`), and the new one written as it is read, a
/// buffer at a time; kept rows, lookup entries and path-order entries are copied as
/// bytes with their row numbers moved, and the kept rows' paths, keys and details are
/// copied blob by blob by the kernel, never passing through this process. What is held
/// whole is what changed, and one number per old row (its new row). The reader runs
/// this during its background check, so every megabyte held here adds to its peak.
struct IndexWriter {
    let old: IndexedListing?
    /// Rows of `old` left out, ascending.
    let dropped: [Int]
    /// New entries, newest first.
    let added: [LibraryEntry]
    let problems: [LibraryProblem]
    /// Whether the kept rows' blob bytes are copied row by row, in list order, leaving
    /// out the bytes no row points to any more (see `merging`), rather than blob by blob.
    let compacting: Bool

    /// - Parameters:
    ///   - dropping: rows of `old` to leave out (removed files, and files `adding` replaces).
    ///   - adding: entries to add, in any order.
    ///   - problems: every problem the new index records.
    init(old: IndexedListing?, dropping: Set<Int> = [], adding: [LibraryEntry], problems: [LibraryProblem]) {
        self.init(old: old, dropping: dropping, adding: adding, problems: problems, compacting: false)
    }

    /// - Parameter compacting: see `compacting`; `merging` decides it.
    init(old: IndexedListing?, dropping: Set<Int>, adding: [LibraryEntry], problems: [LibraryProblem], compacting: Bool) {
        self.old = old
        dropped = old.map { old in dropping.filter { $0 >= 0 && $0 < old.count }.sorted() } ?? []
        added = LibraryEntry.sortedNewestFirst(adding.map(Self.checkedDate))
        self.problems = problems.filter(LibraryIndex.isWorthKeeping).sorted { $0.id < $1.id }
        self.compacting = compacting && old != nil
    }

    /// A writer merging into `old`, one that also leaves out the blob bytes no row points
    /// to when most of `old`'s blobs are such bytes (after many updates).
    static func merging(_ old: IndexedListing?, dropping: Set<Int>, adding: [LibraryEntry], problems: [LibraryProblem]) -> IndexWriter {
        guard let old else { return IndexWriter(old: nil, adding: adding, problems: problems) }
        let live = liveBlobBytes(of: old)
        return IndexWriter(old: old, dropping: dropping, adding: adding, problems: problems,
                           compacting: old.blobBytes - live > max(1 << 20, live))
    }

    /// Bytes of `old`'s blobs that its rows point to; the rest is left by rows since dropped.
    private static func liveBlobBytes(of old: IndexedListing) -> Int {
        var rows = IndexFileWindow(old)
        let start = old.sectionRange(.rows).lowerBound
        var total = 0
        for row in 0..<old.count {
            let at = start + row * IndexLayout.rowSize
            total += rows.with(at..<(at + IndexLayout.rowSize)) { row in
                blobFields.reduce(0) { $0 + Int(row.littleEndian(at: $1 + 4, as: UInt32.self)) }
            }
        }
        return total
    }

    /// A date the index can hold: one beyond year 9999 is kept as none, as it reads back.
    static func checkedDate(_ entry: LibraryEntry) -> LibraryEntry {
        guard let date = entry.publishedDate?.timeIntervalSince1970,
              !date.isFinite || abs(date) >= IndexLayout.latestDateSeconds else { return entry }
        var summary = entry.summary
        summary.published = nil
        return LibraryEntry(summary: summary, published: entry.published, headerID: entry.headerID, stamp: entry.stamp)
    }

    /// The blobs, and the row fields that point into each.
    static let blobs: [IndexLayout.Section] = [.paths, .keys, .details]
    static let blobFields = [IndexLayout.Row.path, IndexLayout.Row.key, IndexLayout.Row.details]

    // MARK: - Where the bytes go

    /// Where the index's bytes go.
    struct Sink {
        /// Appends bytes: 0, or the `errno` of a write that failed.
        let append: (UnsafeRawBufferPointer) -> Int32
        /// Appends the bytes of the old index at a range, as they are.
        let appendOld: (Range<Int>) -> Int32
        /// Writes the header over the placeholder the index begins with.
        let writeHeader: ([UInt8]) -> Int32
    }

    /// The index as bytes in memory.
    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        let old = old
        _ = write(Sink(append: { out.append(contentsOf: $0); return 0 },
                       appendOld: { range in
                           if let old { out.append(contentsOf: UnsafeRawBufferPointer(rebasing: old.bytes.buffer[range])) }
                           return 0
                       },
                       writeHeader: { header in
                           out.replaceSubrange(0..<header.count, with: header)
                           return 0
                       }))
        return out
    }

    /// Writes the index to `fd`, a new file; 0, or the `errno` of a write that failed.
    func write(to fd: Int32) -> Int32 {
        let old = old
        return write(Sink(append: { AtomicFile.writeAll($0, to: fd) },
                          appendOld: { range in old.map { Self.copy(range, from: $0.bytes, to: fd) } ?? 0 },
                          writeHeader: { header in Self.write(header, at: 0, to: fd) }))
    }

    /// Copies bytes of the old index file by the kernel (`sendfile`) when it can, so the old file's
    /// pages are never mapped into this process; by `write` from the mapping otherwise.
    private static func copy(_ range: Range<Int>, from source: IndexBytes, to fd: Int32) -> Int32 {
        let bytes = UnsafeRawBufferPointer(rebasing: source.buffer[range])
        #if os(Linux)
        if let sourceFD = source.descriptor {
            var from = off_t(range.lowerBound)
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

    private static func write(_ bytes: [UInt8], at offset: Int, to fd: Int32) -> Int32 {
        bytes.withUnsafeBytes { AtomicFile.writeAll($0, at: offset, to: fd) }
    }

    /// Bytes on their way to the sink, a buffer's worth at a time; the first failure stops
    /// every write after it.
    struct Output {
        private let sink: Sink
        private var buffer: [UInt8] = []
        /// Bytes written so far, those in the buffer included.
        private(set) var count = 0
        private(set) var failure: Int32 = 0
        private static let size = 1 << 16

        init(_ sink: Sink) {
            self.sink = sink
            buffer.reserveCapacity(Self.size)
        }

        mutating func append(_ bytes: UnsafeRawBufferPointer) {
            count += bytes.count
            if buffer.count + bytes.count > Self.size { flush() }
            if bytes.count >= Self.size {
                if failure == 0 { failure = sink.append(bytes) }
            } else {
                buffer.append(contentsOf: bytes)
            }
        }

        mutating func append(_ bytes: [UInt8]) { bytes.withUnsafeBytes { append($0) } }

        mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
            Swift.withUnsafeBytes(of: value.littleEndian) { append($0) }
        }

        /// The old index's bytes at `range`, as they are.
        mutating func appendOld(_ range: Range<Int>) {
            flush()
            count += range.count
            if failure == 0 { failure = sink.appendOld(range) }
        }

        mutating func flush() {
            if failure == 0, !buffer.isEmpty { failure = buffer.withUnsafeBytes(sink.append) }
            buffer.removeAll(keepingCapacity: true)
        }

        /// Writes the header over its placeholder, once everything after it is written.
        mutating func finish(header: [UInt8]) -> Int32 {
            flush()
            if failure == 0 { failure = sink.writeHeader(header) }
            return failure
        }
    }

    // MARK: - Writing

    /// header | rows | path lookup | link lookup | problems | paths | keys | details | path
    /// order, each section written whole before the next; the header, which gives their
    /// lengths, last, over a placeholder.
    private func write(_ sink: Sink) -> Int32 {
        var out = Output(sink)
        out.append([UInt8](repeating: 0, count: IndexLayout.headerSize))
        var lengths: [IndexLayout.Section: Int] = [:]
        func section(_ section: IndexLayout.Section, _ body: (inout Output) -> Void) {
            let start = out.count
            body(&out)
            lengths[section] = out.count - start
        }
        var placement = Placement()
        section(.rows) { placement = writeRows(to: &$0) }
        var pathEntries: [(UInt64, UInt32)] = [], linkEntries: [(UInt64, UInt32)] = []
        for (index, entry) in added.enumerated() {
            let row = placement.newRowOfAdded[index]
            pathEntries.append((IndexLayout.pathHash(entry.id.path), row))
            IndexLayout.forEachLinkKey(url: entry.url, titleKey: entry.titleKey) { linkEntries.append(($0, row)) }
        }
        section(.pathLookup) { writeLookup(.pathLookup, adding: pathEntries, placement, to: &$0) }
        section(.linkLookup) { writeLookup(.linkLookup, adding: linkEntries, placement, to: &$0) }
        section(.problems) { out in
            var problemBytes: [UInt8] = []
            for problem in problems { IndexDetails.encode(problem, into: &problemBytes) }
            out.append(problemBytes)
        }
        for (index, blob) in Self.blobs.enumerated() {
            section(blob) { writeBlob(index, placement, to: &$0) }
        }
        section(.pathOrder) { writePathOrder(placement, to: &$0) }
        let header = IndexLayout.header(storyCount: placement.count, problemCount: problems.count,
                                        hasDates: placement.hasDates, lengths: lengths)
        return out.finish(header: header)
    }

    /// Where the rows went, as the sections after the rows need it.
    struct Placement {
        /// The new row of each old row; `.max` for a row dropped.
        var newRowOfOld: [UInt32] = []
        /// The new row of each added entry, ascending.
        var newRowOfAdded: [UInt32] = []
        /// The added entries' paths, keys and details, one entry's after another, and the
        /// range of each entry's in them.
        var addedBlobs: [[UInt8]] = [[], [], []]
        var addedRanges: [[Range<Int>]] = [[], [], []]
        var count = 0
        var hasDates = false
    }

    /// The rows in list order: the kept rows and the added entries, two sorted runs merged.
    private func writeRows(to out: inout Output) -> Placement {
        var placement = Placement()
        let oldCount = old?.count ?? 0
        placement.newRowOfOld = [UInt32](repeating: .max, count: oldCount)
        placement.newRowOfAdded = [UInt32](repeating: 0, count: added.count)
        var rows = old.map { IndexFileWindow($0) }
        let rowsStart = old?.sectionRange(.rows).lowerBound ?? 0
        let blobLengths = Self.blobs.map { blob in old.map { $0.sectionRange(blob).count } ?? 0 }
        // Where the next bytes written afresh go in each blob: the added entries' after the
        // old blobs, or, compacting, every row's one after another.
        var blobAt = compacting ? [0, 0, 0] : blobLengths
        var row = [UInt8](repeating: 0, count: IndexLayout.rowSize)
        var next = 0, nextDropped = 0, nextAdded = 0
        while true {
            while next < oldCount, nextDropped < dropped.count, dropped[nextDropped] == next {
                next += 1
                nextDropped += 1
            }
            let oldLeft = next < oldCount, addedLeft = nextAdded < added.count
            guard oldLeft || addedLeft else { break }
            if oldLeft, let old {
                let at = rowsStart + next * IndexLayout.rowSize
                rows?.with(at..<(at + IndexLayout.rowSize)) { source in
                    row.withUnsafeMutableBytes { $0.copyMemory(from: source) }
                }
                if !addedLeft || comesBefore(row, of: next, in: old, added[nextAdded]) {
                    if compacting {
                        for (blob, field) in Self.blobFields.enumerated() {
                            let length = Self.checkedLength(row, field: field, blobLength: blobLengths[blob])
                            row.storeLittleEndian(UInt32(blobAt[blob]), at: field)
                            row.storeLittleEndian(UInt32(length), at: field + 4)
                            blobAt[blob] += length
                        }
                    }
                    placement.hasDates = placement.hasDates || row.withUnsafeBytes(IndexedListing.date(inRow:)) != nil
                    placement.newRowOfOld[next] = UInt32(placement.count)
                    out.append(row)
                    placement.count += 1
                    next += 1
                    continue
                }
            }
            let entry = added[nextAdded]
            placement.newRowOfAdded[nextAdded] = UInt32(placement.count)
            var values: [[UInt8]] = [Array(entry.id.path.utf8), Array(entry.summary.titleKey.utf8), []]
            IndexDetails.encode(entry, into: &values[2])
            row.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 0) }
            for blob in 0..<3 {
                row.storeLittleEndian(UInt32(blobAt[blob]), at: Self.blobFields[blob])
                row.storeLittleEndian(UInt32(values[blob].count), at: Self.blobFields[blob] + 4)
                blobAt[blob] += values[blob].count
                let start = placement.addedBlobs[blob].count
                placement.addedBlobs[blob].append(contentsOf: values[blob])
                placement.addedRanges[blob].append(start..<placement.addedBlobs[blob].count)
            }
            if let date = entry.publishedDate?.timeIntervalSince1970 {
                row.storeLittleEndian(date.bitPattern, at: IndexLayout.Row.date)
                row.storeLittleEndian(IndexLayout.rowHasDate, at: IndexLayout.Row.flags)
                placement.hasDates = true
            }
            row.storeLittleEndian(entry.stamp.size, at: IndexLayout.Row.size)
            row.storeLittleEndian(entry.stamp.modifiedSeconds, at: IndexLayout.Row.seconds)
            row.storeLittleEndian(UInt32(truncatingIfNeeded: entry.stamp.modifiedNanoseconds), at: IndexLayout.Row.nanoseconds)
            out.append(row)
            placement.count += 1
            nextAdded += 1
        }
        return placement
    }

    /// `StorySummary.newestFirst` between the old row `number` (its bytes `row`) and a new
    /// entry, decoding the row's title only when the dates tie.
    private func comesBefore(_ row: [UInt8], of number: Int, in old: IndexedListing, _ entry: LibraryEntry) -> Bool {
        let date = row.withUnsafeBytes(IndexedListing.date(inRow:)), other = entry.publishedDate?.timeIntervalSince1970
        switch (date, other) {
        case let (x?, y?) where x != y: return x > y
        case (.some, nil): return true
        case (nil, .some): return false
        default:
            let summary = old.summary(at: number)
            if summary.title != entry.title { return summary.title < entry.title }
            return summary.id < entry.id
        }
    }

    /// The length a row gives its bytes in a blob of `blobLength` bytes; 0 when they lie
    /// outside it (a damaged row, which reads as empty).
    static func checkedLength(_ row: [UInt8], field: Int, blobLength: Int) -> Int {
        row.withUnsafeBytes { row in
            let offset = Int(row.littleEndian(at: field, as: UInt32.self))
            let length = Int(row.littleEndian(at: field + 4, as: UInt32.self))
            return offset <= blobLength && length <= blobLength - offset ? length : 0
        }
    }

    /// Calls `body` with each row of the new index in order: the old row it keeps, or the
    /// added entry it holds.
    func forEachNewRow(_ placement: Placement, _ body: (_ oldRow: Int?, _ added: Int?) -> Void) {
        var next = 0, nextAdded = 0
        let oldCount = placement.newRowOfOld.count
        while true {
            while next < oldCount, placement.newRowOfOld[next] == .max { next += 1 }
            let oldLeft = next < oldCount, addedLeft = nextAdded < added.count
            guard oldLeft || addedLeft else { return }
            if oldLeft && (!addedLeft || placement.newRowOfOld[next] < placement.newRowOfAdded[nextAdded]) {
                body(next, nil)
                next += 1
            } else {
                body(nil, nextAdded)
                nextAdded += 1
            }
        }
    }

    // MARK: - Blobs

    /// One blob: the old one whole then the added entries' bytes, or, compacting, every
    /// row's bytes in list order.
    private func writeBlob(_ blob: Int, _ placement: Placement, to out: inout Output) {
        let section = Self.blobs[blob]
        guard compacting, let old else {
            if let range = old?.sectionRange(section), !range.isEmpty { out.appendOld(range) }
            out.append(placement.addedBlobs[blob])
            return
        }
        var rows = IndexFileWindow(old), bytes = IndexFileWindow(old)
        let rowsStart = old.sectionRange(.rows).lowerBound, blobRange = old.sectionRange(section)
        let field = Self.blobFields[blob]
        var row = [UInt8](repeating: 0, count: IndexLayout.rowSize)
        forEachNewRow(placement) { oldRow, addedIndex in
            if let addedIndex {
                placement.addedBlobs[blob].withUnsafeBytes { out.append(UnsafeRawBufferPointer(rebasing: $0[placement.addedRanges[blob][addedIndex]])) }
                return
            }
            guard let oldRow else { return }
            let at = rowsStart + oldRow * IndexLayout.rowSize
            rows.with(at..<(at + IndexLayout.rowSize)) { source in row.withUnsafeMutableBytes { $0.copyMemory(from: source) } }
            let length = Self.checkedLength(row, field: field, blobLength: blobRange.count)
            guard length > 0 else { return }
            let offset = blobRange.lowerBound + Int(row.withUnsafeBytes { $0.littleEndian(at: field, as: UInt32.self) })
            bytes.with(offset..<(offset + length)) { out.append($0) }
        }
    }
}
