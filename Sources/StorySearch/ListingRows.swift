import BylineCore
import Foundation

/// Where each story of the search index is in the reader's list: the row of each, or none.
///
/// A search names stories by segment and number; the reader shows rows of its listing.
/// Looking a thousand results up by path at every key read a thousand paths from the
/// index and a thousand rows all over the listing (a third of a query's time, and ten
/// megabytes of pages touched). This table is made once for an index and a listing, in
/// one pass over each, and kept while both stay the same (`SearchLibrary.rows(in:)`), so
/// a query never reads a path. It also lets a query leave out stories the list no longer
/// shows (removed since the index was built), so the count is of stories the reader can
/// see.
///
/// Paths are matched by a 96-bit fingerprint (64 bits of them hashed with a seed chosen
/// at random each run, so no set of file names can be made to collide): two different
/// paths among a library's are as likely to share one as a random pick of 2⁻⁹⁶.
public struct ListingRows: Sendable {
    /// Per segment, per story: its row in the listing, or -1 when it is not listed.
    let rows: [[Int32]]
    /// Per segment, per story: whether a search leaves it out, being replaced in a later
    /// segment (`SearchLibrary.removed`) or not listed.
    let excluded: [[Bool]]
    /// The same, as lists of story numbers: what counting a quick prefix's matches goes through.
    let excludedStories: [[UInt32]]

    /// The listing row of story `ref`, if the listing holds it.
    public func row(_ ref: SearchLibrary.StoryRef) -> Int? {
        guard rows.indices.contains(ref.segment), rows[ref.segment].indices.contains(ref.story) else { return nil }
        let row = rows[ref.segment][ref.story]
        return row < 0 ? nil : Int(row)
    }

    /// Rows read between giving the listing's pages back: a listing read in place keeps
    /// every page it touched until then.
    static let rowsBetweenReleases = 4_096

    /// Matches every story of `library` to its row of `listing`: the listing's paths are
    /// fingerprinted and sorted (16 bytes a row, for the length of the pass), then each
    /// segment's paths are read in order and looked up.
    init(_ library: SearchLibrary, listing: any StoryListing) {
        var listed: [Fingerprint.Entry] = []
        listed.reserveCapacity(listing.count)
        for row in 0..<listing.count {
            var path = listing.id(at: row).path
            path.withUTF8 { listed.append(Fingerprint(UnsafeRawBufferPointer($0)).entry(row: UInt32(truncatingIfNeeded: row))) }
            if row % Self.rowsBetweenReleases == Self.rowsBetweenReleases - 1 { listing.releasePages() }
        }
        listing.releasePages()
        // By fingerprint, and by row among equals: a path listed twice is at its first row.
        listed.sort { ($0.key, $0.check, $0.row) < ($1.key, $1.check, $1.row) }
        let facts = library.facts
        let buffer = ReadBuffer()
        rows = library.segments.indices.map { number in
            var rows = [Int32](repeating: -1, count: library.segments[number].storyCount)
            library.segments[number].forEachPath(facts: facts[number], buffer: buffer) { story, path in
                if let row = Self.row(of: Fingerprint(path), in: listed) { rows[story] = Int32(truncatingIfNeeded: row) }
            }
            return rows
        }
        excluded = zip(rows, library.removed).map { rows, removed in
            zip(rows, removed).map { row, removed in removed || row < 0 }
        }
        excludedStories = excluded.map(SearchLibrary.numbers)
    }

    /// The first entry of `listed` (sorted) with fingerprint `print`.
    private static func row(of print: Fingerprint, in listed: [Fingerprint.Entry]) -> UInt32? {
        var low = 0, high = listed.count
        while low < high {
            let middle = (low + high) / 2
            if (listed[middle].key, listed[middle].check) < (print.key, print.check) { low = middle + 1 } else { high = middle }
        }
        guard low < listed.count, listed[low].key == print.key, listed[low].check == print.check else { return nil }
        return listed[low].row
    }
}

/// A path's fingerprint: a seeded SipHash of its bytes, and a second hash of another kind.
struct Fingerprint {
    var key: UInt64
    var check: UInt32

    struct Entry {
        var key: UInt64
        var check: UInt32
        var row: UInt32
    }

    init(_ bytes: UnsafeRawBufferPointer) {
        var hasher = Hasher()
        hasher.combine(bytes: bytes)
        key = UInt64(UInt(bitPattern: hasher.finalize()))
        // FNV-1a, with the length: unrelated to SipHash, so both colliding is as unlikely as
        // their widths together say.
        var fnv: UInt32 = 0x811C_9DC5 ^ UInt32(truncatingIfNeeded: bytes.count)
        for byte in bytes {
            fnv ^= UInt32(byte)
            fnv = fnv &* 0x0100_0193
        }
        check = fnv
    }

    func entry(row: UInt32) -> Entry { Entry(key: key, check: check, row: row) }
}

/// The rows of the listing a library was last searched in. The listing is held weakly:
/// one the reader has replaced (and the pages it read) is not kept alive for this, and
/// once it is gone no new listing can pass for it.
final class ListingRowsCache: @unchecked Sendable {
    private let lock = NSLock()
    private weak var listing: (any StoryListing)?
    private var rows: ListingRows?

    func get(_ listing: any StoryListing, _ make: () -> ListingRows) -> ListingRows {
        lock.lock()
        defer { lock.unlock() }
        if let rows, let kept = self.listing, kept === listing { return rows }
        rows = nil
        let made = make()
        (self.listing, rows) = (listing, made)
        return made
    }
}

extension SearchLibrary {
    /// Where each story is in `listing`: made at the first search in a listing, then kept
    /// until a search in another (the reader's listing changes when stories are saved or
    /// removed, and the index is opened again when its files change).
    public func rows(in listing: any StoryListing) -> ListingRows {
        rowsKept.get(listing) { ListingRows(self, listing: listing) }
    }
}
