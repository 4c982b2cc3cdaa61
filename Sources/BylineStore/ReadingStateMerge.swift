#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore

/// Writes the reading-state file with a batch of marks applied, reading the file on disk
/// a line at a time and writing the new one as it goes: the old file's lines are in
/// order (`ReadingStateFile`), so the stories the batch marks are put in order once (their
/// paths copied out of the listing, ordered by the index's path order) and merged in. No
/// set of ids is built, and no whole file is held: `A` over 100,000 stories costs the save
/// its paths (some 5 MB) and two 64 KiB buffers.
///
/// The output is byte for byte what `ReadingStateFile.encode` makes of the same marks.
/// A file that is damaged (its checksum, a line) or not in order is left to the caller,
/// which reads it whole: that path sets a damaged file aside.
struct ReadingStateMerge {
    private let batch: MarkBatch
    /// Stories the batch marks read, in path order: rows of its listing, and ids; and the
    /// rows it marks unread.
    private var readRows = SortedPaths()
    private var unreadRows = SortedPaths()
    private var readIDs: [[UInt8]] = []
    private var starredIDs: [[UInt8]] = []
    /// The batch's single marks by path, when it has any.
    private var byPath: [[UInt8]: MarkJournal.Pending] = [:]

    init(_ batch: MarkBatch) {
        self.batch = batch
        for (id, pending) in batch.byID {
            byPath[Array(id.path.utf8)] = pending
            if pending.read == true { readIDs.append(Array(id.path.utf8)) }
            if pending.starred == true { starredIDs.append(Array(id.path.utf8)) }
        }
        readIDs.sort { $0.lexicographicallyPrecedes($1) }
        starredIDs.sort { $0.lexicographicallyPrecedes($1) }
        if let listing = batch.listing?.listing {
            readRows = SortedPaths(batch.readRows, of: listing)
            unreadRows = SortedPaths(batch.unreadRows, of: listing)
        }
    }

    enum Outcome: Equatable {
        case written
        /// The old file is damaged or out of order: nothing was written.
        case needsWholeRead
    }

    /// Replaces the file at `path` (missing: no marks yet) with the batch applied, under
    /// the writers' lock the caller holds.
    func rewrite(_ path: String) throws(LibraryError) -> Outcome {
        let old = open(path, O_RDONLY | O_CLOEXEC)
        if old < 0 && errno != ENOENT { throw LibraryError(path: path, reason: "cannot be read: \(SystemError.message(errno))") }
        defer { if old >= 0 { close(old) } }
        var outcome = Outcome.written
        var readFailure: Int32?
        do {
            try AtomicFile.save(to: path) { descriptor in
                var writer = FileLineWriter(descriptor: descriptor)
                switch merge(from: old >= 0 ? ReadingStateLines(descriptor: old) : nil, into: &writer) {
                case .written: break
                case .needsWholeRead:
                    outcome = .needsWholeRead
                    return EILSEQ
                case .readFailed(let failure):
                    readFailure = failure
                    return failure
                }
                writer.flush()
                if let failure = writer.failure { return failure }
                var header = ReadingStateFile.header(hash: writer.hash)
                let wrote = header.withUnsafeMutableBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
                return wrote == header.count ? 0 : (wrote < 0 ? errno : EIO)
            }
        } catch {
            if outcome == .needsWholeRead { return .needsWholeRead }
            if let readFailure { throw LibraryError(path: path, reason: "cannot be read: \(SystemError.message(readFailure))") }
            throw error
        }
        return outcome
    }

    private enum MergeResult {
        case written
        case needsWholeRead
        case readFailed(Int32)
    }

    /// Writes a placeholder header, then the body; the caller writes the header over it.
    private func merge(from old: ReadingStateLines?, into writer: inout FileLineWriter) -> MergeResult {
        writer.append(ReadingStateFile.header(hash: 0))
        writer.startHashing()
        var adds = Adds(rows: readRows, ids: readIDs)
        var unread = 0
        var kind = ReadingStateFile.readKind
        guard var lines = old else {
            adds.writeAll(kind, to: &writer)
            var starred = Adds(rows: SortedPaths(), ids: starredIDs)
            starred.writeAll(ReadingStateFile.starredKind, to: &writer)
            return .written
        }
        var previous: [UInt8] = []
        var starredSeen = false
        lines.forEach { lineKind, path in
            if lineKind == ReadingStateFile.starredKind && !starredSeen {
                starredSeen = true
                adds.writeAll(kind, to: &writer)
                kind = lineKind
                adds = Adds(rows: SortedPaths(), ids: starredIDs)
                previous.removeAll(keepingCapacity: true)
            } else if lineKind != kind || (!previous.isEmpty && !Self.precedes(previous, path)) {
                // Out of order: a file not written by this encoder.
                return false
            }
            swap(&previous, &path)
            if adds.writeBefore(previous, kind, to: &writer) { return true }
            if keeps(previous, kind: kind, unread: &unread) { ReadingStateFile.appendLine(kind, previous, to: &writer) }
            return true
        }
        if let failure = lines.failure { return .readFailed(failure) }
        if !lines.isIntact || lines.isEmpty { return .needsWholeRead }
        adds.writeAll(kind, to: &writer)
        if !starredSeen {
            var starred = Adds(rows: SortedPaths(), ids: starredIDs)
            starred.writeAll(ReadingStateFile.starredKind, to: &writer)
        }
        return .written
    }

    /// Whether a line of the old file stays: the batch does not mark its story. (One it
    /// marks read is written from the batch's paths.) `unread` is the first of the rows
    /// marked unread not yet passed: the old lines come in order too.
    private func keeps(_ path: [UInt8], kind: [UInt8], unread: inout Int) -> Bool {
        let isRead = kind == ReadingStateFile.readKind
        if !byPath.isEmpty, let pending = byPath[path] {
            if isRead ? pending.read != nil : pending.starred != nil { return false }
        }
        guard isRead else { return true }
        while unread < unreadRows.count, unreadRows.withPath(unread, { Self.precedes($0, path) }) { unread += 1 }
        return unread == unreadRows.count || !unreadRows.withPath(unread, { $0.elementsEqual(path) })
    }

    /// Byte order of two paths: the order of their strings' Unicode scalars.
    static func precedes(_ a: some Collection<UInt8>, _ b: some Collection<UInt8>) -> Bool {
        a.lexicographicallyPrecedes(b)
    }

    static func precedes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
        let shorter = min(a.count, b.count)
        if shorter > 0, let first = a.baseAddress, let second = b.baseAddress {
            let order = memcmp(first, second, shorter)
            if order != 0 { return order < 0 }
        }
        return a.count < b.count
    }

    /// The paths to add, smallest first: sorted rows of a listing and sorted ids merged.
    private struct Adds {
        let rows: SortedPaths
        let ids: [[UInt8]]
        var nextRow = 0, nextID = 0
        /// The smallest path left, copied (`rowPath` holds the next row's).
        var current: [UInt8] = []
        var hasCurrent = false
        private var fromRow = false, fromBoth = false

        init(rows: SortedPaths, ids: [[UInt8]]) {
            self.rows = rows
            self.ids = ids
            load()
        }

        private mutating func load() {
            current.removeAll(keepingCapacity: true)
            let rowLeft = nextRow < rows.count, idLeft = nextID < ids.count
            hasCurrent = rowLeft || idLeft
            guard hasCurrent else { return }
            if rowLeft { rows.withPath(nextRow) { current.append(contentsOf: $0) } }
            if !idLeft {
                (fromRow, fromBoth) = (true, false)
            } else if !rowLeft {
                (fromRow, fromBoth) = (false, false)
                current = ids[nextID]
            } else if current == ids[nextID] {
                (fromRow, fromBoth) = (true, true)
            } else if ReadingStateMerge.precedes(current, ids[nextID]) {
                (fromRow, fromBoth) = (true, false)
            } else {
                (fromRow, fromBoth) = (false, false)
                current = ids[nextID]
            }
        }

        private mutating func pop() {
            if fromRow || fromBoth { nextRow += 1 }
            if !fromRow || fromBoth { nextID += 1 }
            load()
        }

        /// Writes the paths that sort before `path`, and `path` itself when it is one of
        /// them (true then: the old line is written already).
        mutating func writeBefore(_ path: [UInt8], _ kind: [UInt8], to writer: inout FileLineWriter) -> Bool {
            while hasCurrent, ReadingStateMerge.precedes(current, path) {
                ReadingStateFile.appendLine(kind, current, to: &writer)
                pop()
            }
            guard hasCurrent, current == path else { return false }
            ReadingStateFile.appendLine(kind, current, to: &writer)
            pop()
            return true
        }

        mutating func writeAll(_ kind: [UInt8], to writer: inout FileLineWriter) {
            while hasCurrent {
                ReadingStateFile.appendLine(kind, current, to: &writer)
                pop()
            }
        }
    }

    /// The paths of some rows of a listing, copied out in one buffer and put in the order
    /// of their bytes. Copied in row order, the listing's pages given back as it goes: an
    /// index read in place would otherwise stay resident, 10 MB of it at 100,000 stories,
    /// and be charged to the reader's memory. Put in order by the index's path order
    /// when it keeps one (a walk, no comparing), checked as it goes; sorted otherwise.
    struct SortedPaths {
        private var bytes: [UInt8] = []
        /// Each path's start in `bytes` and its length, in path order.
        private var spans: [(start: Int32, length: Int32)] = []

        init() {}

        init(_ rows: RowSet, of listing: any StoryListing) {
            spans.reserveCapacity(rows.count)
            var copied = 0
            rows.forEach { row in
                listing.withPath(at: row) { path in
                    spans.append((Int32(bytes.count), Int32(path.count)))
                    bytes.append(contentsOf: path)
                }
                copied += 1
                if copied % 8192 == 0 { listing.releasePages() }
            }
            listing.releasePages()
            if let indexed = listing as? IndexedListing, putInPathOrder(rows, by: indexed) { return }
            bytes.withUnsafeBytes { all in
                spans.sort { a, b in ReadingStateMerge.precedes(Self.path(a, in: all), Self.path(b, in: all)) }
            }
        }

        /// Puts the spans, copied in row order, in the order `index` lists its rows by
        /// path; false, leaving them as they were, when it keeps no such order or the one
        /// it keeps does not hold for these paths (a damaged index).
        private mutating func putInPathOrder(_ rows: RowSet, by index: IndexedListing) -> Bool {
            // Which span each row's path is, in row order: the nth row of `rows` is span n.
            var spanOfRow = [Int32](repeating: -1, count: index.count)
            var next: Int32 = 0
            rows.forEach { row in
                if row < spanOfRow.count { spanOfRow[row] = next }
                next += 1
            }
            guard Int(next) == spans.count else { return false }
            var ordered: [(start: Int32, length: Int32)] = []
            ordered.reserveCapacity(spans.count)
            var inOrder = true
            let hasOrder = bytes.withUnsafeBytes { all in
                index.forEachRowInPathOrder { row in
                    let span = spanOfRow[row]
                    guard inOrder, span >= 0 else { return }
                    // Each row once, and each path after the one before.
                    spanOfRow[row] = -1
                    let current = spans[Int(span)]
                    if let last = ordered.last, !ReadingStateMerge.precedes(Self.path(last, in: all), Self.path(current, in: all)) {
                        inOrder = false
                    }
                    ordered.append(current)
                }
            }
            index.releasePages()
            guard hasOrder, inOrder, ordered.count == spans.count else { return false }
            spans = ordered
            return true
        }

        private static func path(_ span: (start: Int32, length: Int32), in all: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
            UnsafeRawBufferPointer(rebasing: all[Int(span.start)..<Int(span.start + span.length)])
        }

        var count: Int { spans.count }

        func withPath<Result>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> Result) -> Result {
            bytes.withUnsafeBytes { body(Self.path(spans[index], in: $0)) }
        }
    }
}
