import BylineCore
import Dispatch
import Foundation
import Synchronization

/// Writing a fresh index: the same file `IndexWriter` writes of the same stories
/// (`IndexLayout`), streamed from the slots and spill files a section at a time.
///
/// Every section's place is known before a byte is written (the lengths are), so the
/// sections are written at their offsets by a few threads at once: the reader waits for
/// this on a start with no index, and the threads that read the files are done by now.
extension FreshIndex {
    /// Where the index's bytes go: each call writes bytes at an offset of the file, from
    /// any thread (never two at the same bytes); 0, or the `errno` of a write that failed.
    struct Sink: Sendable {
        let bytes: @Sendable (UnsafeRawBufferPointer, Int) -> Int32
        /// Told when a section or a few megabytes of one are written.
        var sectionWritten: @Sendable () -> Void = {}
    }

    /// Writes the index to `fd`; 0, or the `errno` of a write that failed.
    func write(problems: [LibraryProblem], to fd: Int32) -> Int32 {
        // The file is flushed to disk before it replaces the index, and the reader waits
        // for that: what is written goes to the disk meanwhile, not all at the end.
        write(plan(problems: problems), Sink(bytes: { AtomicFile.writeAll($0, at: $1, to: fd) },
                                             sectionWritten: { Self.startWriting(fd) }))
    }

    /// Starts the disk writing what `fd` holds that is not written yet, without waiting
    /// for it (`sync_file_range`); the `fsync` that follows waits for what is left.
    private static func startWriting(_ fd: Int32) {
        #if os(Linux)
        _ = systemSyncFileRange(fd, 0, 0, 2)  // SYNC_FILE_RANGE_WRITE
        #endif
    }

    /// The index as bytes in memory, for a library whose index cannot be saved.
    func bytes(problems: [LibraryProblem]) -> [UInt8] {
        let plan = plan(problems: problems)
        var out = [UInt8](repeating: 0, count: plan.length)
        out.withUnsafeMutableBytes { buffer in
            let target = SharedBytes(buffer: buffer)
            _ = write(plan, Sink(bytes: { bytes, offset in
                UnsafeMutableRawBufferPointer(rebasing: target.buffer[offset..<(offset + bytes.count)]).copyMemory(from: bytes)
                return 0
            }))
        }
        return out
    }

    private struct SharedBytes: @unchecked Sendable {
        let buffer: UnsafeMutableRawBufferPointer
    }

    // MARK: - Order

    /// The stories' files in list order (`StorySummary.newestFirst`): by date alone, then
    /// each run of equal dates by title and path, read back only for those runs.
    func order() -> [UInt32] {
        // Sorted as (date, file) pairs side by side, not through the slots: 1.7 million
        // comparisons at 100,000 stories.
        var dated: [(date: Double, file: UInt32)] = []
        dated.reserveCapacity(slots.count)
        for (file, slot) in slots.enumerated() where slot.kind == .story {
            dated.append((slot.hasDate ? slot.date : -.infinity, UInt32(file)))
        }
        dated.sort { a, b in a.date != b.date ? a.date > b.date : a.file < b.file }
        var order = dated.map(\.file)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, dated[end].date == dated[start].date { end += 1 }
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

    /// What the index holds and where each section goes, worked out before writing.
    struct Plan {
        /// Story files in list order, and each file's row in it (`.max` for none).
        let order: [UInt32]
        let rowOf: [UInt32]
        let problemBytes: [UInt8]
        let header: [UInt8]
        /// Where each section starts in the file.
        let offsets: [IndexLayout.Section: Int]
        /// The whole file's length.
        let length: Int

        func offset(_ section: IndexLayout.Section) -> Int { offsets[section] ?? 0 }
    }

    func plan(problems: [LibraryProblem]) -> Plan {
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
        var offsets: [IndexLayout.Section: Int] = [:]
        var next = header.count
        for section in IndexLayout.fileOrder {
            offsets[section] = next
            next += lengths[section] ?? 0
        }
        return Plan(order: order, rowOf: rowOf, problemBytes: problemBytes, header: header, offsets: offsets, length: next)
    }

    /// Writes the sections on the threads there are: the rows and blobs, which follow the
    /// list, as one task; each lookup table, and the path order, which sort, as the others.
    private func write(_ plan: Plan, _ sink: Sink) -> Int32 {
        let failures = Mutex<Int32>(0)
        DispatchQueue.concurrentPerform(iterations: 4) { part in
            var failure: Int32 = 0
            func then(_ step: () -> Int32) {
                if failure == 0 { failure = step() }
                if failure == 0 { sink.sectionWritten() }
            }
            switch part {
            case 0:
                then { plan.header.withUnsafeBytes { sink.bytes($0, 0) } }
                then { writeRows(plan.order, at: plan.offset(.rows), to: sink) }
                // The blobs in list order, as `IndexWriter` writes them: the rows on screen
                // then read a few neighbouring pages, not a page each.
                then { writePaths(plan.order, at: plan.offset(.paths), to: sink) }
                then { writeGathered(plan.order, from: keys, at: plan.offset(.keys), to: sink) { ($0.keyOffset, $0.keyLength) } }
                then { writeGathered(plan.order, from: details, at: plan.offset(.details), to: sink) { ($0.detailsOffset, $0.detailsLength) } }
            case 1:
                then {
                    // Each path hashed once, in list order (a row is its place in it).
                    let hashes = paths.withUnsafeBytes { paths in
                        plan.order.map { StableHash.of(UnsafeRawBufferPointer(rebasing: paths[pathRange(Int($0))])) }
                    }
                    return Self.writeTable(at: plan.offset(.pathLookup), to: sink) { part, entries in
                        for (row, hash) in hashes.enumerated() where Self.part(of: hash) == part { entries.append((hash, UInt32(row))) }
                    }
                }
                then { plan.problemBytes.withUnsafeBytes { sink.bytes($0, plan.offset(.problems)) } }
            case 2:
                then {
                    Self.writeTable(at: plan.offset(.linkLookup), to: sink) { part, entries in
                        forEachLink { hash, file in
                            if Self.part(of: hash) == part { entries.append((hash, plan.rowOf[Int(file)])) }
                        }
                    }
                }
            default:
                then { writePathOrder(plan.order, rowOf: plan.rowOf, at: plan.offset(.pathOrder), to: sink) }
            }
            if failure != 0 { failures.withLock { if $0 == 0 { $0 = failure } } }
        }
        return failures.withLock { $0 }
    }

    /// The rows in the order of their paths' bytes (`IndexLayout`). The scan finds a
    /// folder's files in no order, so they are sorted here, once per index built.
    private func writePathOrder(_ order: [UInt32], rowOf: [UInt32], at offset: Int, to sink: Sink) -> Int32 {
        var byPath = order
        paths.withUnsafeBytes { all in
            func path(_ file: UInt32) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: all[pathRange(Int(file))]) }
            byPath.sort { ReadingStateMerge.precedes(path($0), path($1)) }
        }
        var out: [UInt8] = []
        out.reserveCapacity(byPath.count * IndexLayout.pathOrderEntrySize)
        for file in byPath { out.appendLittleEndian(rowOf[Int(file)]) }
        return out.withUnsafeBytes { sink.bytes($0, offset) }
    }

    /// The paths blob: each story's path, in list order, a buffer's worth at a time.
    private func writePaths(_ order: [UInt32], at offset: Int, to sink: Sink) -> Int32 {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 17)
        var at = offset
        for file in order {
            out.append(contentsOf: paths[pathRange(Int(file))])
            if out.count >= 1 << 16 {
                let failure = out.withUnsafeBytes { sink.bytes($0, at) }
                if failure != 0 { return failure }
                at += out.count
                out.removeAll(keepingCapacity: true)
            }
        }
        return out.withUnsafeBytes { sink.bytes($0, at) }
    }

    /// A blob gathered from a spill file: each story's bytes there (`range` of its slot),
    /// in list order.
    ///
    /// The list is taken a part at a time (`Gathering.part` bytes), and a part's stories
    /// are copied in the order they lie in the spill file, from a window of it mapped at
    /// a time. A read per story (200,000 at 100,000 stories) cost a fifth of a second;
    /// reading windows, each part copied the whole spill file again; the whole blob (35 MB)
    /// held at once would be most of the reader's memory. Mapped, a part costs little more
    /// than the bytes it takes, and memory holds a part and a window.
    private func writeGathered(_ order: [UInt32], from spill: SpillFile, at offset: Int, to sink: Sink,
                               _ range: (Slot) -> (offset: UInt32, length: UInt32)) -> Int32 {
        var part: [UInt8] = []
        var items: [(from: Int, length: Int, to: Int)] = []
        var at = offset
        var first = 0
        while first < order.count {
            items.removeAll(keepingCapacity: true)
            var partLength = 0
            var end = first
            while end < order.count, partLength < gathering.part {
                let (from, length) = range(slots[Int(order[end])])
                items.append((Int(from), Int(length), partLength))
                partLength += Int(length)
                end += 1
            }
            part.removeAll(keepingCapacity: true)
            part.append(contentsOf: repeatElement(0, count: partLength))
            items.sort { $0.from < $1.from }
            var window: SpillFile.Mapping?
            for item in items where item.length > 0 {
                let bytes = item.from..<(item.from + item.length)
                if window?.covers(bytes) != true {
                    window = nil
                    window = spill.map(item.from..<min(spill.count, max(bytes.upperBound, item.from + gathering.window)))
                }
                guard let window else { return EIO }
                part.withUnsafeMutableBytes { part in
                    UnsafeMutableRawBufferPointer(rebasing: part[item.to..<(item.to + item.length)]).copyMemory(from: window.slice(bytes))
                }
            }
            window = nil
            let failure = part.withUnsafeBytes { sink.bytes($0, at) }
            if failure != 0 { return failure }
            sink.sectionWritten()
            at += partLength
            first = end
        }
        return 0
    }

    /// How much of a gathered blob is put together at once (`part`), and mapped from its
    /// spill file at once (`window`): memory against passes over the spill file.
    struct Gathering: Sendable {
        var part = 3 << 20
        var window = 1 << 20
    }

    /// The rows, in list order, a buffer's worth at a time.
    private func writeRows(_ order: [UInt32], at offset: Int, to sink: Sink) -> Int32 {
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
            let failure = rows.withUnsafeBytes {
                sink.bytes(UnsafeRawBufferPointer(rebasing: $0[0..<((end - start) * IndexLayout.rowSize)]), offset + start * IndexLayout.rowSize)
            }
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
    private static func writeTable(at offset: Int, to sink: Sink, _ collect: (Int, inout [(hash: UInt64, row: UInt32)]) -> Void) -> Int32 {
        var entries: [(hash: UInt64, row: UInt32)] = []
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        var at = offset
        for part in 0..<tableParts {
            entries.removeAll(keepingCapacity: true)
            collect(part, &entries)
            entries.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.row < $1.row }
            for entry in entries {
                out.appendLittleEndian(entry.hash)
                out.appendLittleEndian(entry.row)
                if out.count >= (1 << 16) - IndexLayout.lookupEntrySize {
                    let failure = out.withUnsafeBytes { sink.bytes($0, at) }
                    if failure != 0 { return failure }
                    at += out.count
                    out.removeAll(keepingCapacity: true)
                }
            }
        }
        return out.withUnsafeBytes { sink.bytes($0, at) }
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

#if os(Linux)
/// Linux's `sync_file_range(2)`, which Glibc's Swift module does not declare.
@_silgen_name("sync_file_range")
private func systemSyncFileRange(_ fd: Int32, _ offset: Int64, _ count: Int64, _ flags: UInt32) -> Int32
#endif
