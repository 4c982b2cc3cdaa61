/// The rows of the listing the list shows: all of them, or those a filter kept.
///
/// "All" is a count, not an array of 100,000 row numbers.
public enum VisibleRows: Equatable, Sendable {
    case all(Int)
    /// Listing rows: ascending, or in a search's ranked order.
    case some([Int])

    public var count: Int {
        switch self {
        case .all(let count): count
        case .some(let rows): rows.count
        }
    }

    public var isEmpty: Bool { count == 0 }

    /// The listing row shown at list position `position`.
    public subscript(position: Int) -> Int {
        switch self {
        case .all: position
        case .some(let rows): rows[position]
        }
    }

    /// The list position of listing row `row`, if shown.
    public func position(of row: Int) -> Int? {
        switch self {
        case .all(let count):
            return row < count ? row : nil
        case .some(let rows):
            // Ascending, so a binary search.
            var low = 0, high = rows.count
            while low < high {
                let middle = (low + high) / 2
                if rows[middle] < row { low = middle + 1 } else { high = middle }
            }
            if low < rows.count && rows[low] == row { return low }
            // Ranked rows (a search's answer) are not ascending: look through them.
            return rows.firstIndex(of: row)
        }
    }

    /// The listing rows shown, in list order (an array: for filtered lists).
    public var rows: [Int] {
        switch self {
        case .all(let count): Array(0..<count)
        case .some(let rows): rows
        }
    }

    /// The rows for which `keep` is true, in the same order, filled into the memory of
    /// `spare` (a list no longer shown) when it is not shared, rather than into new memory.
    public func keeping(reusing spare: inout [Int], _ keep: (Int) -> Bool) -> VisibleRows {
        switch self {
        case .all(let count): .some(Self.rows(of: 0..<count, keeping: keep, reusing: &spare))
        case .some(let rows): .some(Self.rows(of: rows, keeping: keep, reusing: &spare))
        }
    }

    /// The `candidates` `keep` is true for, in a buffer sized once: grown by doubling, as
    /// `filter` grows it, `H` at 100,000 stories copied the rows kept into a new buffer
    /// some 17 times, faulting in some 400 fresh pages (15% of the key's time).
    private static func rows(of candidates: some Collection<Int>, keeping keep: (Int) -> Bool, reusing spare: inout [Int]) -> [Int] {
        var kept: [Int] = []
        swap(&kept, &spare)
        kept.removeAll(keepingCapacity: true)
        kept.reserveCapacity(candidates.count)
        for row in candidates where keep(row) { kept.append(row) }
        // A few rows kept of many hold only their own memory, not room for all.
        return kept.count < candidates.count / 2 ? kept.withUnsafeBufferPointer { Array($0) } : kept
    }

    /// The first list position whose row `matches`.
    public func firstPosition(where matches: (Int) -> Bool) -> Int? {
        (0..<count).first { matches(self[$0]) }
    }
}

/// The list positions' rows as a collection, equal when they list the same rows in the
/// same order (all three of three stories is the rows 0, 1, 2).
extension VisibleRows: RandomAccessCollection, ExpressibleByArrayLiteral {
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    public init(arrayLiteral rows: Int...) { self = .some(rows) }

    public static func == (a: VisibleRows, b: VisibleRows) -> Bool {
        switch (a, b) {
        case (.all(let x), .all(let y)): x == y
        default: a.count == b.count && a.elementsEqual(b)
        }
    }
}
