/// The rows of the listing the list shows: all of them, or those a filter kept.
///
/// "All" is a count, not an array of 100,000 row numbers.
public enum VisibleRows: Equatable, Sendable {
    case all(Int)
    /// Listing rows, ascending.
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
            return low < rows.count && rows[low] == row ? low : nil
        }
    }
}
