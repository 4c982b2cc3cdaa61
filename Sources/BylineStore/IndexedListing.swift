import BylineCore
import Foundation

/// The library's stories as its index file holds them, read in place (see `IndexLayout`).
///
/// Opening checks the header and nothing else, whatever the library's size; a row is
/// decoded when asked for, so the reader decodes the rows on screen and no more. Every
/// offset is checked against its blob as it is read: a damaged row reads as a story
/// titled by its path, never as a crash.
public final class IndexedListing: StoryListing, @unchecked Sendable {
    let bytes: IndexBytes
    public let count: Int
    public let hasDates: Bool
    /// The files that are not stories, as the index recorded them.
    public let problems: [LibraryProblem]
    private let sections: [Range<Int>]
    /// Whether the index keeps its rows in path order (version 3); one written by an
    /// older Byline does not, until the next check rewrites it.
    let hasPathOrder: Bool
    /// The checksum that ends the header: it changes with any count or section length.
    let headerChecksum: UInt64

    private var buffer: UnsafeRawBufferPointer { bytes.buffer }

    /// Reads the header of `bytes`; fails when they are not a usable index of this
    /// version or of the one before (version 2, without the path order).
    init(_ bytes: IndexBytes) throws(Damage) {
        self.bytes = bytes
        let buffer = bytes.buffer
        guard buffer.count >= IndexLayout.headerLength(version: IndexLayout.versionWithoutPathOrder),
              IndexLayout.magic.indices.allSatisfy({ buffer[$0] == IndexLayout.magic[$0] })
        else { throw Damage(reason: "not a Byline index") }
        let version = buffer.littleEndian(at: 8, as: UInt32.self)
        guard version == IndexLayout.version || version == IndexLayout.versionWithoutPathOrder else {
            throw Damage(reason: "index version \(version), expected \(IndexLayout.version)")
        }
        let checksumAt = IndexLayout.headerLength(version: version) - 8
        guard buffer.count >= checksumAt + 8,
              buffer.littleEndian(at: checksumAt, as: UInt64.self) == StableHash.of(UnsafeRawBufferPointer(rebasing: buffer[0..<checksumAt])) else {
            throw Damage(reason: "checksum does not match")
        }
        let storyCount = Int(buffer.littleEndian(at: 12, as: UInt32.self))
        let problemCount = Int(buffer.littleEndian(at: 16, as: UInt32.self))
        var sections = [Range<Int>](repeating: 0..<0, count: IndexLayout.Section.allCases.count)
        var end = checksumAt + 8
        for section in IndexLayout.sections(version: version) {
            let offset = buffer.littleEndian(at: 24 + section.rawValue * 16, as: UInt64.self)
            let length = buffer.littleEndian(at: 32 + section.rawValue * 16, as: UInt64.self)
            guard offset <= UInt64(buffer.count), length <= UInt64(buffer.count) - offset else {
                throw Damage(reason: "a section lies outside the file")
            }
            sections[section.rawValue] = Int(offset)..<Int(offset + length)
            end = max(end, Int(offset + length))
        }
        guard end == buffer.count else { throw Damage(reason: "the file's size does not match its header") }
        let hasPathOrder = version != IndexLayout.versionWithoutPathOrder
        guard sections[IndexLayout.Section.rows.rawValue].count == storyCount * IndexLayout.rowSize,
              sections[IndexLayout.Section.pathLookup.rawValue].count == storyCount * IndexLayout.lookupEntrySize,
              sections[IndexLayout.Section.linkLookup.rawValue].count % IndexLayout.lookupEntrySize == 0,
              !hasPathOrder || sections[IndexLayout.Section.pathOrder.rawValue].count == storyCount * IndexLayout.pathOrderEntrySize
        else { throw Damage(reason: "record count does not match") }
        self.sections = sections
        self.hasPathOrder = hasPathOrder
        self.headerChecksum = buffer.littleEndian(at: checksumAt, as: UInt64.self)
        self.count = storyCount
        self.hasDates = buffer.littleEndian(at: 20, as: UInt32.self) & IndexLayout.hasDatesFlag != 0
        let problems = try Self.problems(in: UnsafeRawBufferPointer(rebasing: buffer[sections[IndexLayout.Section.problems.rawValue]]))
        guard problems.count == problemCount else { throw Damage(reason: "record count does not match") }
        self.problems = problems
    }

    /// Maps the index file at `path`: the listing, or why there is none to use.
    static func open(_ path: String) -> (listing: IndexedListing?, state: LoadReport.IndexState) {
        switch IndexBytes.map(path) {
        case .failure(.missing): return (nil, .missing)
        case .failure(.failed(let reason)): return (nil, .rebuilt(reason: reason))
        case .success(let bytes):
            do throws(Damage) {
                return (try IndexedListing(bytes), .used)
            } catch {
                return (nil, .rebuilt(reason: error.reason))
            }
        }
    }

    // MARK: - Rows

    private func rowOffset(_ row: Int) -> Int {
        precondition(row >= 0 && row < count, "row \(row) outside the listing")
        return sections[IndexLayout.Section.rows.rawValue].lowerBound + row * IndexLayout.rowSize
    }

    /// The bytes of field `field` of `row` in `section`'s blob; empty when they lie outside it.
    private func blob(_ section: IndexLayout.Section, row: Int, field: Int) -> UnsafeRawBufferPointer {
        let at = rowOffset(row) + field
        let offset = Int(buffer.littleEndian(at: at, as: UInt32.self))
        let length = Int(buffer.littleEndian(at: at + 4, as: UInt32.self))
        let blob = sections[section.rawValue]
        guard offset <= blob.count, length <= blob.count - offset else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(rebasing: buffer[(blob.lowerBound + offset)..<(blob.lowerBound + offset + length)])
    }

    func pathBytes(at row: Int) -> UnsafeRawBufferPointer { blob(.paths, row: row, field: IndexLayout.Row.path) }
    func keyBytes(at row: Int) -> UnsafeRawBufferPointer { blob(.keys, row: row, field: IndexLayout.Row.key) }
    func detailsBytes(at row: Int) -> UnsafeRawBufferPointer { blob(.details, row: row, field: IndexLayout.Row.details) }

    public func id(at row: Int) -> StoryID {
        StoryID(String(decoding: pathBytes(at: row), as: UTF8.self))
    }

    /// The story's date, for ordering: nil when it has none (or the row is damaged).
    public func date(at row: Int) -> Double? {
        let at = rowOffset(row)
        return Self.date(inRow: UnsafeRawBufferPointer(rebasing: buffer[at..<(at + IndexLayout.rowSize)]))
    }

    public func published(at row: Int) -> Date? { date(at: row).map { Date(timeIntervalSince1970: $0) } }

    /// The date of a row given as its bytes (`IndexLayout.Row`), as `date(at:)` reads it.
    static func date(inRow row: UnsafeRawBufferPointer) -> Double? {
        guard row.littleEndian(at: IndexLayout.Row.flags, as: UInt32.self) & IndexLayout.rowHasDate != 0 else { return nil }
        let seconds = Double(bitPattern: row.littleEndian(at: IndexLayout.Row.date, as: UInt64.self))
        // Beyond year 9999 no story date can be written; formatting one would overflow.
        guard seconds.isFinite, abs(seconds) < IndexLayout.latestDateSeconds else { return nil }
        return seconds
    }

    func stamp(at row: Int) -> FileStamp {
        let at = rowOffset(row)
        return FileStamp(size: buffer.littleEndian(at: at + IndexLayout.Row.size, as: Int64.self),
                         modifiedSeconds: buffer.littleEndian(at: at + IndexLayout.Row.seconds, as: Int64.self),
                         modifiedNanoseconds: Int64(buffer.littleEndian(at: at + IndexLayout.Row.nanoseconds, as: UInt32.self)))
    }

    public func summary(at row: Int) -> StorySummary { entry(at: row).summary }

    /// Everything the index holds of the story at `row`.
    public func entry(at row: Int) -> LibraryEntry {
        let id = id(at: row)
        let key = String(decoding: keyBytes(at: row), as: UTF8.self)
        let details = Array(blob(.details, row: row, field: IndexLayout.Row.details))
        let date = date(at: row).map { Date(timeIntervalSince1970: $0) }
        guard let fields = IndexDetails.decode(details) else {
            // Damaged: listed under its path, so it can still be found and opened.
            let summary = StorySummary(id: id, title: id.path, titleKey: TitleKey(id.path).value, published: date)
            return LibraryEntry(summary: summary, published: nil, headerID: nil, stamp: stamp(at: row))
        }
        let summary = StorySummary(id: id, title: fields.title, titleKey: key, kicker: fields.kicker, source: fields.source,
                                   author: fields.author, published: date, url: fields.url, related: fields.links)
        return LibraryEntry(summary: summary, published: fields.published, headerID: fields.headerID, stamp: stamp(at: row))
    }

    /// The title and source of the story at `row`, decoding nothing else: what
    /// `byline list` prints of each of 100,000 stories.
    public func headline(at row: Int) -> (title: String, source: String?) {
        let details = blob(.details, row: row, field: IndexLayout.Row.details)
        // Title, kicker and source are the first three fields.
        var end = 0, tabs = 0
        while end < details.count {
            if details[end] == LineFields.tab {
                tabs += 1
                if tabs == 3 { break }
            }
            end += 1
        }
        var reader = LineFields.Reader(Array(details[0..<end]), from: 0)
        guard tabs == 3, reader.nextLine(), let title = reader.string() ?? nil, reader.string() != nil,
              let source = reader.string() else { return (id(at: row).path, nil) }
        return (title, source)
    }

    /// The story's source and date, decoding nothing else (see `StoryListing.source(at:)`).
    public func source(at row: Int) -> (source: String?, published: Date?) {
        (headline(at: row).source, date(at: row).map { Date(timeIntervalSince1970: $0) })
    }

    /// Every story's path and file stamp, as the folder had them when indexed: what the
    /// search index checks itself against.
    public func fileStamps() -> [(path: String, stamp: FileStamp)] {
        (0..<count).map { (id(at: $0).path, stamp(at: $0)) }
    }

    /// Gives back the memory of the index pages read so far (see `IndexBytes.releasePages`).
    public func releasePages() { bytes.releasePages() }

    /// A checksum of the path lookup table, whose (hash, row) pairs say which path is at
    /// which row: what a cache by row (`ReadMarksCache`) must find unchanged. A word at a
    /// time, 1.2 MB at 100,000 stories, its pages given back after.
    func pathLookupChecksum() -> UInt64 {
        let table = sections[IndexLayout.Section.pathLookup.rawValue]
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(table.count)
        var at = table.lowerBound
        while at + 8 <= table.upperBound {
            hash = (hash ^ buffer.littleEndian(at: at, as: UInt64.self)) &* 0x0000_0100_0000_01b3
            hash ^= hash >> 29
            at += 8
        }
        while at < table.upperBound {
            hash = (hash ^ UInt64(buffer[at])) &* 0x0000_0100_0000_01b3
            at += 1
        }
        if table.count >= 1 << 20 { releasePages() }
        return hash
    }

    /// Calls `body` with every row, in the order of their paths' bytes, as the path
    /// order section lists them; false, calling nothing, when there is none. Rows
    /// outside the listing are left out; the caller checks that the order holds where it
    /// relies on it, as a damaged file may list rows twice or out of order.
    func forEachRowInPathOrder(_ body: (Int) -> Void) -> Bool {
        guard hasPathOrder else { return false }
        let table = sections[IndexLayout.Section.pathOrder.rawValue]
        for at in stride(from: table.lowerBound, to: table.upperBound, by: IndexLayout.pathOrderEntrySize) {
            let row = Int(buffer.littleEndian(at: at, as: UInt32.self))
            if row < count { body(row) }
        }
        return true
    }

    // MARK: - Finding rows

    /// The first row, in ascending order, of those `section`'s lookup table files under
    /// `hash` for which `matches` holds. Allocates nothing: the background check looks up
    /// every story of the library this way.
    private func firstRow(_ section: IndexLayout.Section, _ hash: UInt64, where matches: (Int) -> Bool) -> Int? {
        let table = sections[section.rawValue]
        let size = IndexLayout.lookupEntrySize
        let entries = table.count / size
        func hashAt(_ index: Int) -> UInt64 { buffer.littleEndian(at: table.lowerBound + index * size, as: UInt64.self) }
        var low = 0, high = entries
        while low < high {
            let middle = (low + high) / 2
            if hashAt(middle) < hash { low = middle + 1 } else { high = middle }
        }
        while low < entries, hashAt(low) == hash {
            let row = Int(buffer.littleEndian(at: table.lowerBound + low * size + 8, as: UInt32.self))
            if row < count, matches(row) { return row }
            low += 1
        }
        return nil
    }

    public func row(of id: StoryID) -> Int? {
        var path = id.path
        return path.withUTF8 { row(ofPath: UnsafeRawBufferPointer($0)) }
    }

    /// The row of the story at `path` (UTF-8, relative to the library folder).
    func row(ofPath path: UnsafeRawBufferPointer) -> Int? {
        firstRow(.pathLookup, StableHash.of(path)) { pathBytes(at: $0).elementsEqual(path) }
    }

    public func resolve(_ link: RelatedLink) -> StoryID? {
        if let url = link.url, !url.isEmpty {
            if let row = firstRow(.linkLookup, IndexLayout.hash(.url, url), where: { summary(at: $0).url == url }) {
                return id(at: row)
            }
            let normalized = RelatedLinkIndex.normalizedURL(url)
            if let row = firstRow(.linkLookup, IndexLayout.hash(.normalizedURL, normalized), where: {
                summary(at: $0).url.map(RelatedLinkIndex.normalizedURL) == normalized
            }) {
                return id(at: row)
            }
        }
        let key = TitleKey(link.title).value
        guard !key.isEmpty else { return nil }
        let keyBytes = Array(key.utf8)
        return firstRow(.linkLookup, IndexLayout.hash(.titleKey, key)) { self.keyBytes(at: $0).elementsEqual(keyBytes) }.map(id(at:))
    }

    public func rows(whereTitleKeyContains words: [String]) -> [Int] {
        let needles = words.map { Array($0.utf8) }.filter { !$0.isEmpty }
        return (0..<count).filter { row in
            let key = keyBytes(at: row)
            return needles.allSatisfy { Self.contains(key, $0) }
        }
    }

    /// Whether `needle` occurs in `haystack`, byte for byte.
    static func contains(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return needle.isEmpty }
        var start = 0
        let last = haystack.count - needle.count
        while start <= last {
            if haystack[start] == first {
                var matched = 1
                while matched < needle.count, haystack[start + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return true }
            }
            start += 1
        }
        return false
    }

    // MARK: - For the writer

    func sectionRange(_ section: IndexLayout.Section) -> Range<Int> { sections[section.rawValue] }

    /// Every (hash, row) of a lookup table, rows outside the listing left out.
    func forEachLookupEntry(_ section: IndexLayout.Section, _ body: (UInt64, Int) -> Void) {
        let table = sections[section.rawValue]
        for at in stride(from: table.lowerBound, to: table.upperBound, by: IndexLayout.lookupEntrySize) {
            let row = Int(buffer.littleEndian(at: at + 8, as: UInt32.self))
            if row < count { body(buffer.littleEndian(at: at, as: UInt64.self), row) }
        }
    }

    var blobBytes: Int {
        [IndexLayout.Section.paths, .keys, .details].reduce(0) { $0 + sections[$1.rawValue].count }
    }

    // MARK: - Problems

    private static func problems(in bytes: UnsafeRawBufferPointer) throws(Damage) -> [LibraryProblem] {
        var problems: [LibraryProblem] = []
        var reader = LineFields.Reader(Array(bytes), from: 0)
        while reader.nextLine() {
            guard let problem = IndexDetails.decodeProblem(&reader), reader.atEndOfLine else {
                throw Damage(reason: "record \(problems.count + 1) is malformed")
            }
            problems.append(problem)
        }
        return problems
    }
}
