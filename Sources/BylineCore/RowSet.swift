/// Rows of one listing, a bit each: which stories are read, or which a key marked, held
/// as 12.5 KiB for 100,000 stories instead of 100,000 ids (each a path of some 60 bytes
/// on the heap). Keys that look at every story of a list (`H`, `n`, `A`, `U`) work on
/// these bits without making any row's id.
public struct RowSet: Equatable, Sendable {
    private var words: [UInt64]
    /// Rows of the listing: a row past them is none of its rows.
    public let rows: Int
    /// Rows set.
    public private(set) var count = 0

    public init(rows: Int) {
        self.rows = max(0, rows)
        words = [UInt64](repeating: 0, count: (self.rows + 63) / 64)
    }

    /// The set holding `members` (those within `0..<rows`).
    public init(rows: Int, _ members: some Sequence<Int>) {
        self.init(rows: rows)
        for row in members { insert(row) }
    }

    public var isEmpty: Bool { count == 0 }

    public func contains(_ row: Int) -> Bool {
        guard row >= 0, row < rows else { return false }
        return words[row / 64] & (1 << UInt64(row % 64)) != 0
    }

    public mutating func insert(_ row: Int) {
        guard row >= 0, row < rows, !contains(row) else { return }
        words[row / 64] |= 1 << UInt64(row % 64)
        count += 1
    }

    public mutating func remove(_ row: Int) {
        guard contains(row) else { return }
        words[row / 64] &= ~(1 << UInt64(row % 64))
        count -= 1
    }

    /// Adds every row of `other` (of a listing of the same rows), a word at a time.
    public mutating func formUnion(_ other: RowSet) {
        combine(other) { $0 | $1 }
    }

    /// Removes every row of `other`, a word at a time.
    public mutating func subtract(_ other: RowSet) {
        combine(other) { $0 & ~$1 }
    }

    private mutating func combine(_ other: RowSet, _ merge: (UInt64, UInt64) -> UInt64) {
        var total = 0
        for index in words.indices {
            let word = index < other.words.count ? merge(words[index], other.words[index]) : merge(words[index], 0)
            words[index] = word
            total += word.nonzeroBitCount
        }
        count = total
    }

    /// Calls `body` with each row set, ascending.
    public func forEach(_ body: (Int) throws -> Void) rethrows {
        for (index, word) in words.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                try body(index * 64 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
    }

    /// The rows set, ascending.
    public var members: [Int] {
        var rows: [Int] = []
        rows.reserveCapacity(count)
        forEach { rows.append($0) }
        return rows
    }
}

/// Stories named by their rows in one listing: what `A` marks and `U` takes back, handed
/// from the key to the thread that saves marks, which alone makes their ids (paths), one
/// at a time. The listing is kept with the rows, so they name the same stories after the
/// reader's listing has changed (a fetch added rows in between).
public struct StoriesAtRows: Equatable, Sendable {
    public let listing: StoryRows
    public let rows: RowSet

    public init(_ listing: StoryRows, rows: RowSet) {
        self.listing = listing
        self.rows = rows
    }

    public var count: Int { rows.count }

    /// The stories' ids, in row order: for tests and small lists, never for a library.
    public var ids: [StoryID] { rows.members.map(listing.id(at:)) }

    /// Equal when they name the same rows of the same listing.
    public static func == (a: StoriesAtRows, b: StoriesAtRows) -> Bool {
        a.rows == b.rows && a.listing == b.listing
    }
}
