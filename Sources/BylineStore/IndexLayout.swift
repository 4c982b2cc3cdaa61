import BylineCore

/// Where things are in the index file (version 3), which the reader maps and reads in
/// place: a fixed header, a table of fixed-size rows in list order, and blobs the rows
/// point into, so a row is found by arithmetic and only the rows shown are decoded.
///
/// ```
/// header   magic "BYLINEIX", version, story count, problem count, flags,
///          eight sections (offset, length), checksum of the header's own bytes
/// rows     per story, 56 bytes: date (Double bits), file size, mtime s, mtime ns,
///          flags, path / title key / details (offset, length) in their blobs
/// paths    story paths, UTF-8
/// keys     title keys (`TitleKey`), UTF-8: what the `/` filter searches
/// details  per story, tab-separated fields (`LineFields`): title, kicker, source,
///          author, published, URL, ID, link count, then URL and title per link
/// path lookup, link lookup   (hash, row) pairs sorted by hash then row, 12 bytes each:
///          stories by path, and by URL, normalised URL and title key
/// problems one `LineFields` line per file that is not a story
/// path order  every row once, 4 bytes each, in the order of their paths' bytes: what
///          the reading-state file is sorted by, so a save of 100,000 marks merges
///          instead of sorting (`ReadingStateMerge`)
/// ```
/// Version 2 is the same file without the path order (seven sections, a 144-byte
/// header): still read, and rewritten as version 3 by the next check of the library.
/// All numbers are little-endian. The checksum covers the header only: a start-up check
/// that costs nothing at any library size. The rest is checked where it is read: every
/// offset against its blob, every date against the calendar, so a damaged file shows a
/// damaged row at worst, never a crash.
enum IndexLayout {
    static let magic: [UInt8] = Array("BYLINEIX".utf8)
    static let version: UInt32 = 3
    /// The version before the path order, read still.
    static let versionWithoutPathOrder: UInt32 = 2
    static let headerSize = headerLength(version: version)
    static let rowSize = 56
    static let lookupEntrySize = 12
    static let pathOrderEntrySize = 4

    /// The sections an index of `version` has: version 2 lacks the path order.
    static func sections(version: UInt32) -> [Section] {
        version == versionWithoutPathOrder ? Section.allCases.filter { $0 != .pathOrder } : Section.allCases
    }

    /// Magic, four numbers, an offset and length per section, the checksum.
    static func headerLength(version: UInt32) -> Int { 8 + 4 * 4 + 16 * sections(version: version).count + 8 }
    /// 10000-01-01T00:00:00Z in seconds since 1970: story dates lie well before it.
    static let latestDateSeconds: Double = 253_402_300_800

    enum Section: Int, CaseIterable {
        case rows, paths, keys, details, pathLookup, linkLookup, problems, pathOrder
    }

    /// Header flag: some story has a date.
    static let hasDatesFlag: UInt32 = 1
    /// Row flag: the date field holds a date.
    static let rowHasDate: UInt32 = 1

    /// Byte offsets of a row's fields.
    enum Row {
        static let date = 0, size = 8, seconds = 16, nanoseconds = 24, flags = 28
        static let path = 32, key = 40, details = 48
    }

    /// Tags that keep the link lookup's three kinds of key apart.
    enum LinkKey: UInt8 {
        case url = 0x75  // u
        case normalizedURL = 0x6E  // n
        case titleKey = 0x74  // t
    }

    /// The lookup hash of a link key: a tag byte, then the text.
    static func hash(_ tag: LinkKey, _ text: String) -> UInt64 {
        // Carried on from the tag's hash: the same as hashing the two joined, without joining them.
        StableHash.of(text.utf8, continuing: StableHash.of(CollectionOfOne(tag.rawValue)))
    }

    static func pathHash(_ path: String) -> UInt64 { StableHash.of(path.utf8) }

    /// The link lookup's keys of a story with this URL and title key (`TitleKey`), each
    /// handed to `body` as it is worked out: its URL, its `RelatedLinkIndex.normalizedURL`
    /// and its title key, as `IndexedListing.resolve` looks a link up. The one rule for
    /// both writers (`IndexWriter`, `FreshIndex`): a story without a URL (none, or empty)
    /// or with an empty title key is not found by it.
    static func forEachLinkKey(url: String?, titleKey: String, _ body: (UInt64) -> Void) {
        if let url, !url.isEmpty {
            body(hash(.url, url))
            body(hash(.normalizedURL, RelatedLinkIndex.normalizedURL(url)))
        }
        if !titleKey.isEmpty { body(hash(.titleKey, titleKey)) }
    }

    /// The order sections follow the header in the file.
    static let fileOrder: [Section] = [.rows, .pathLookup, .linkLookup, .problems, .paths, .keys, .details, .pathOrder]

    /// The header of an index whose sections, in `fileOrder`, have these lengths.
    static func header(storyCount: Int, problemCount: Int, hasDates: Bool, lengths: [Section: Int]) -> [UInt8] {
        var header = magic
        header.appendLittleEndian(version)
        header.appendLittleEndian(UInt32(storyCount))
        header.appendLittleEndian(UInt32(problemCount))
        header.appendLittleEndian(hasDates ? hasDatesFlag : 0)
        var offsets: [Section: Int] = [:]
        var next = headerSize
        for section in fileOrder {
            offsets[section] = next
            next += lengths[section] ?? 0
        }
        for section in Section.allCases {
            header.appendLittleEndian(UInt64(offsets[section] ?? 0))
            header.appendLittleEndian(UInt64(lengths[section] ?? 0))
        }
        header.appendLittleEndian(StableHash.of(header))
        return header
    }
}

// MARK: - Little-endian bytes

extension Array where Element == UInt8 {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    mutating func storeLittleEndian<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        Swift.withUnsafeBytes(of: value.littleEndian) { bytes in
            for (index, byte) in bytes.enumerated() { self[offset + index] = byte }
        }
    }
}

extension UnsafeRawBufferPointer {
    func littleEndian<T: FixedWidthInteger>(at offset: Int, as type: T.Type) -> T {
        T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
