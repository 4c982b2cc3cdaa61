import BylineCore

/// Which rows of the listing are read: the name the keys use for `RowSet`.
typealias ReadRows = RowSet

/// The reader's read marks: the listing's read stories as its rows, a bit each (100,000
/// stories are 12.5 KiB, where their ids would be some 10 MiB), and by id only the read
/// stories the listing does not hold (files gone since, stories another copy fetched).
/// Moved to the new rows whenever the listing changes (`remapped`).
struct ReadMarks: Equatable, Sendable {
    var rows: RowSet
    var unlisted: Set<StoryID>

    init(rows: RowSet, unlisted: Set<StoryID> = []) {
        self.rows = rows
        self.unlisted = unlisted
    }

    /// The marks of `read` put by row of `stories`, by looking up each id rather than
    /// making every row's: the read set is the smaller of the two, as a rule.
    init(_ stories: StoryRows, read: Set<StoryID>) {
        self.init(rows: RowSet(rows: stories.count))
        for id in read {
            if let row = stories.row(of: id) { rows.insert(row) } else { unlisted.insert(id) }
        }
    }

    func contains(_ id: StoryID, in stories: StoryRows) -> Bool {
        if let row = stories.row(of: id) { return rows.contains(row) }
        return unlisted.contains(id)
    }

    /// The same stories' marks by row of `new`, from marks by row of `old`: each read
    /// row's story is found in the new listing, and an unlisted one that is listed now
    /// joins the rows.
    func remapped(from old: StoryRows, to new: StoryRows) -> ReadMarks {
        var marks = ReadMarks(rows: RowSet(rows: new.count))
        rows.forEach { row in
            let id = old.id(at: row)
            if let moved = new.row(of: id) { marks.rows.insert(moved) } else { marks.unlisted.insert(id) }
        }
        for id in unlisted {
            if let row = new.row(of: id) { marks.rows.insert(row) } else { marks.unlisted.insert(id) }
        }
        return marks
    }

    /// Every read story's id: for tests and small listings, never a library's.
    func ids(in stories: StoryRows) -> Set<StoryID> {
        var ids = unlisted
        rows.forEach { ids.insert(stories.id(at: $0)) }
        return ids
    }
}

extension RowSet {
    /// How many of `rows` are set.
    func count(in rows: VisibleRows) -> Int {
        if case .all = rows { return count }
        return rows.reduce(0) { $0 + (contains($1) ? 1 : 0) }
    }
}
