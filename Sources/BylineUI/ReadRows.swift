import BylineCore

/// Which rows of the listing are read, a bit each: what the keys that look at every story
/// of a list ask (`H` hides the read ones, `n` looks for the next unread, `A` marks the
/// unread ones) without making each row's id and looking it up in the read set.
///
/// Kept in step with `AppState.read` by `setRead`, and made afresh from it whenever the
/// listing's rows change: 100,000 stories are 12.5 KiB.
struct ReadRows: Equatable, Sendable {
    private var words: [UInt64]
    /// Rows of the listing: a row past them is none of its rows.
    private let rows: Int
    /// Rows set.
    private(set) var count = 0

    init(rows: Int) {
        self.rows = max(0, rows)
        words = [UInt64](repeating: 0, count: (self.rows + 63) / 64)
    }

    /// The rows of `stories` whose stories `read` holds, found by looking up each id
    /// rather than making every row's: the read set is the smaller of the two, as a rule.
    init(_ stories: StoryRows, read: Set<StoryID>) {
        self.init(rows: stories.count)
        for id in read {
            if let row = stories.row(of: id) { insert(row) }
        }
    }

    func contains(_ row: Int) -> Bool {
        guard row >= 0, row < rows else { return false }
        return words[row / 64] & (1 << UInt64(row % 64)) != 0
    }

    mutating func insert(_ row: Int) {
        guard !contains(row), row >= 0, row < rows else { return }
        words[row / 64] |= 1 << UInt64(row % 64)
        count += 1
    }

    mutating func remove(_ row: Int) {
        guard contains(row) else { return }
        words[row / 64] &= ~(1 << UInt64(row % 64))
        count -= 1
    }

    /// Calls `body` with each row set, ascending.
    func forEach(_ body: (Int) -> Void) {
        for (index, word) in words.enumerated() where word != 0 {
            var bits = word
            while bits != 0 {
                body(index * 64 + bits.trailingZeroBitCount)
                bits &= bits - 1
            }
        }
    }

    /// How many of `rows` are read.
    func count(in rows: VisibleRows) -> Int {
        if case .all = rows { return count }
        return rows.reduce(0) { $0 + (contains($1) ? 1 : 0) }
    }
}
