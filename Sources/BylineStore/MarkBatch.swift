import BylineCore

/// Marks made one after another and saved in one rewrite of the reading-state file: what
/// each story ends up as, the last mark of a story winning, as applying them in turn would.
///
/// Stories marked together (`A`, `U`) stay rows of their listing, a bit each, so saving
/// `A` over 100,000 stories never holds 100,000 ids; single marks (`u`, `s`, opening a
/// story) are kept by id. Rows of one listing only: rows of another start another batch.
public struct MarkBatch: Sendable {
    /// The listing whose rows `readRows` and `unreadRows` name.
    public private(set) var listing: StoryRows?
    /// Stories of `listing` marked read, and those marked unread (never both).
    private(set) var readRows = RowSet(rows: 0)
    private(set) var unreadRows = RowSet(rows: 0)
    /// Stories marked one by one: the read and starred state each was last given
    /// (never a read mark for a story of `rows` also in `readRows` or `unreadRows`).
    private(set) var byID: [StoryID: MarkJournal.Pending] = [:]

    public init() {}

    public var isEmpty: Bool { byID.isEmpty && readRows.isEmpty && unreadRows.isEmpty }

    /// Adds one mark, after those added before.
    public mutating func add(_ change: ReadingChange) {
        switch change {
        case .markRead(let id), .markUnread(let id):
            if case .markRead = change { byID[id, default: .init()].read = true } else { byID[id, default: .init()].read = false }
            if let row = listing?.row(of: id) {
                readRows.remove(row)
                unreadRows.remove(row)
            }
        case .star(let id): byID[id, default: .init()].starred = true
        case .unstar(let id): byID[id, default: .init()].starred = false
        }
    }

    /// Adds stories marked read or unread together, after the marks added before; false,
    /// adding nothing, when they are rows of a listing other than the batch's.
    public mutating func add(_ stories: StoriesAtRows, read: Bool) -> Bool {
        if let listing {
            guard sameListing(listing.listing, stories.listing.listing) else { return false }
        } else {
            listing = stories.listing
            readRows = RowSet(rows: stories.listing.count)
            unreadRows = RowSet(rows: stories.listing.count)
        }
        // A story marked alone before, now marked with these: these have the last word.
        for (id, pending) in byID where pending.read != nil {
            guard let row = stories.listing.row(of: id), stories.rows.contains(row) else { continue }
            byID[id] = pending.starred == nil ? nil : MarkJournal.Pending(starred: pending.starred)
        }
        if read {
            readRows.formUnion(stories.rows)
            unreadRows.subtract(stories.rows)
        } else {
            unreadRows.formUnion(stories.rows)
            readRows.subtract(stories.rows)
        }
        return true
    }

    /// This batch with rows of a listing that has changes laid over it (the reader's after
    /// a background check found changes) as rows of its base, the index file the reader
    /// maps, and the added stories among them by id: so a save puts the rows' paths in
    /// order by the index's path order, as for any other listing, instead of sorting
    /// them all (`ReadingStateMerge`). Itself for rows of any other listing.
    func onBase() -> MarkBatch {
        guard let listing, let read = listing.onBase(readRows), let unread = listing.onBase(unreadRows) else { return self }
        var batch = self
        batch.listing = StoryRows(listing.base)
        batch.readRows = read.base
        batch.unreadRows = unread.base
        for id in read.added { batch.byID[id, default: .init()].read = true }
        for id in unread.added { batch.byID[id, default: .init()].read = false }
        return batch
    }

    /// Every mark as a change, each story's id made: for the sync journal and for a file
    /// that must be read whole (damaged), not for the ordinary save.
    var changes: [ReadingChange] {
        var changes: [ReadingChange] = []
        for (id, pending) in byID.sorted(by: { $0.key < $1.key }) {
            if let read = pending.read { changes.append(read ? .markRead(id) : .markUnread(id)) }
            if let starred = pending.starred { changes.append(starred ? .star(id) : .unstar(id)) }
        }
        if let listing {
            readRows.forEach { changes.append(.markRead(listing.id(at: $0))) }
            unreadRows.forEach { changes.append(.markUnread(listing.id(at: $0))) }
        }
        return changes
    }
}
