#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BylineCore

/// The read marks of a library by row of its index, kept beside the reading state as
/// `read-rows`, so a library of 100,000 read stories opens without looking up 100,000
/// paths in the index (about 150 ms of CPU, all of the index's lookup pages read).
///
/// A cache, never the marks themselves: it holds what tells the index and the
/// reading-state file it was made from apart (see `Key`), and is used only while both
/// files are exactly those; any difference, damage or doubt and the reader loads the
/// marks the slow, exact way (and writes a new cache). The reading state is only ever
/// replaced by renaming a new file over it, so a save by another running copy always
/// changes its inode, and its header's checksum when the marks differ.
///
/// Layout (little-endian): magic, the nine numbers of `Key`, row count, the row bits a
/// 64-bit word at a time, the unlisted read paths, the starred paths (each a count, then
/// length-prefixed UTF-8), and a checksum of everything before it.
struct ReadMarksCache {
    static let magic = Array("byline-read-rows-1\n".utf8)

    /// What the cached rows were made from: the index and the reading-state file.
    struct Key: Equatable {
        var numbers: [UInt64]

        /// The key of `index` and of the reading-state file open as `readingState`, whose
        /// header gives `bodyChecksum`; nil when the index is not mapped from a file or
        /// the reading state cannot be told apart.
        ///
        /// The index by its content: its size, its header's checksum (counts and section
        /// offsets) and a checksum of its path lookup (which path is at which row). Not by
        /// its stamp: every check that finds the library unchanged redates it
        /// (`Library.markChecked`), which would make every start a slow one. The reading
        /// state by its stamp and the checksum its header gives of its body.
        init?(index: IndexedListing, readingState: Int32, bodyChecksum: UInt64) {
            guard let indexNumbers = Self.numbers(of: index) else { return nil }
            self.init(index: indexNumbers, readingState: readingState, bodyChecksum: bodyChecksum)
        }

        /// As above, with the index's part of the key (`numbers(of:)`) worked out before:
        /// a save makes two keys of one index, the file's before and after.
        init?(index indexNumbers: [UInt64], readingState: Int32, bodyChecksum: UInt64) {
            var stateInfo = stat()
            guard fstat(readingState, &stateInfo) == 0 else { return nil }
            numbers = indexNumbers + Self.numbers(stateInfo) + [bodyChecksum]
        }

        /// The index's part of a key: its size, header checksum and path lookup checksum.
        static func numbers(of index: IndexedListing) -> [UInt64]? {
            guard index.bytes.descriptor != nil else { return nil }
            return [UInt64(index.bytes.buffer.count), index.headerChecksum, index.pathLookupChecksum()]
        }

        init(numbers: [UInt64]) { self.numbers = numbers }

        static let count = 9

        private static func numbers(_ info: stat) -> [UInt64] {
            let stamp = FileStamp(info)
            return [UInt64(info.st_dev), UInt64(info.st_ino), UInt64(bitPattern: stamp.size),
                    UInt64(bitPattern: stamp.modifiedSeconds), UInt64(bitPattern: stamp.modifiedNanoseconds)]
        }
    }

    /// The bytes of a cache of `marks` (by row of a listing of `marks.readRows.rows` rows).
    static func encode(_ marks: ListedReadingState, key: Key) -> [UInt8] {
        let rows = marks.readRows.rows
        var out = magic
        out.reserveCapacity(magic.count + 8 * (Key.count + 2) + rows / 8 + 16)
        for number in key.numbers { append(number, to: &out) }
        append(UInt64(rows), to: &out)
        var word: UInt64 = 0
        for row in 0..<rows {
            if marks.readRows.contains(row) { word |= 1 << UInt64(row % 64) }
            if row % 64 == 63 || row == rows - 1 {
                append(word, to: &out)
                word = 0
            }
        }
        for paths in [marks.unlistedRead, marks.starred] {
            append(UInt64(paths.count), to: &out)
            for id in paths.sorted(by: { $0.path < $1.path }) {
                let bytes = Array(id.path.utf8)
                append(UInt64(bytes.count), to: &out)
                out.append(contentsOf: bytes)
            }
        }
        append(StableHash.of(out), to: &out)
        return out
    }

    /// The marks `bytes` hold when they are a whole cache made under `key` for a listing
    /// of `rows` rows; nil otherwise.
    static func decode(_ bytes: [UInt8], key: Key, rows: Int) -> ListedReadingState? {
        guard bytes.count >= magic.count + 8 * (Key.count + 4), bytes.starts(with: magic) else { return nil }
        let end = bytes.count - 8
        return bytes.withUnsafeBytes { buffer -> ListedReadingState? in
            guard buffer.littleEndian(at: end, as: UInt64.self) == StableHash.of(UnsafeRawBufferPointer(rebasing: buffer[0..<end])) else { return nil }
            var at = magic.count
            func number() -> UInt64? {
                guard at + 8 <= end else { return nil }
                defer { at += 8 }
                return buffer.littleEndian(at: at, as: UInt64.self)
            }
            for expected in key.numbers { guard number() == expected else { return nil } }
            guard number() == UInt64(rows) else { return nil }
            var marks = ListedReadingState(readRows: RowSet(rows: rows))
            for first in stride(from: 0, to: rows, by: 64) {
                guard var word = number() else { return nil }
                while word != 0 {
                    marks.readRows.insert(first + word.trailingZeroBitCount)
                    word &= word - 1
                }
            }
            var lists: [Set<StoryID>] = []
            for _ in 0..<2 {
                guard let count = number(), count <= UInt64(end) else { return nil }
                var ids = Set<StoryID>(minimumCapacity: Int(count))
                for _ in 0..<count {
                    guard let length = number(), length <= UInt64(end - at) else { return nil }
                    let path = String(decoding: UnsafeRawBufferPointer(rebasing: buffer[at..<at + Int(length)]), as: UTF8.self)
                    ids.insert(StoryID(path))
                    at += Int(length)
                }
                lists.append(ids)
            }
            guard at == end else { return nil }
            marks.unlistedRead = lists[0]
            marks.starred = lists[1]
            return marks
        }
    }

    /// The cached marks at `path`, when it holds a cache made under `key` for `rows` rows.
    static func load(from path: String, key: Key, rows: Int) -> ListedReadingState? {
        // The bits of 100,000 rows are 12.5 kB; the paths are the unlisted and starred ones.
        guard case .success(let bytes) = FileBytes.contents(of: path, limit: FileBytes.largestBookkeeping) else { return nil }
        return decode(bytes, key: key, rows: rows)
    }

    /// Saves a cache of `marks` at `path`, unflushed: a crash may lose it, never tear it
    /// (renamed into place), and a lost or stale one only means the slow load. A library
    /// on a read-only disk keeps none.
    static func save(_ marks: ListedReadingState, key: Key, to path: String) {
        let bytes = encode(marks, key: key)
        guard let temporary = try? AtomicFile.writeTemporary(beside: path, flushing: false, fill: { fd in
            bytes.withUnsafeBytes { AtomicFile.writeAll($0, to: fd) }
        }) else { return }
        if rename(temporary, path) != 0 { unlink(temporary) }
    }

    private static func append(_ number: UInt64, to out: inout [UInt8]) {
        withUnsafeBytes(of: number.littleEndian) { out.append(contentsOf: $0) }
    }
}
