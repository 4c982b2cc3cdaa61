import BylineCore

/// Marks made on this machine that the sync server has not heard of yet: for each story,
/// the read and starred state it was last given here.
///
/// Only the latest state per story and mark counts (reading, then unreading a story
/// before a sync sends nothing but "unread"), so the journal stays as small as the set of
/// stories touched between two syncs. A pending entry is what makes a local change win
/// over the server's state at the next sync (see `MarkMerge` in BylineSync).
public struct MarkJournal: Equatable, Sendable {
    /// A story's pending marks; nil means that mark was not changed here.
    public struct Pending: Equatable, Sendable {
        public var read: Bool?
        public var starred: Bool?
        public init(read: Bool? = nil, starred: Bool? = nil) {
            self.read = read
            self.starred = starred
        }
    }

    public var entries: [StoryID: Pending]

    public init(entries: [StoryID: Pending] = [:]) {
        self.entries = entries
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// The journal with one more local change.
    public func recording(_ change: ReadingChange) -> MarkJournal {
        var journal = self
        journal.record(change)
        return journal
    }

    /// Records one change in place (see `ReadingMarks.apply(_:)` for why in place).
    public mutating func record(_ change: ReadingChange) {
        switch change {
        case .markRead(let id): entries[id, default: Pending()].read = true
        case .markUnread(let id): entries[id, default: Pending()].read = false
        case .star(let id): entries[id, default: Pending()].starred = true
        case .unstar(let id): entries[id, default: Pending()].starred = false
        }
    }

    /// The journal once `sent` reached the server: each mark sent is dropped, unless it
    /// changed again here since it was read for sending (then the newer change waits for
    /// the next sync).
    public func removing(sent: MarkJournal) -> MarkJournal {
        var journal = self
        for (id, was) in sent.entries {
            guard var now = journal.entries[id] else { continue }
            if was.read != nil, now.read == was.read { now.read = nil }
            if was.starred != nil, now.starred == was.starred { now.starred = nil }
            journal.entries[id] = now.read == nil && now.starred == nil ? nil : now
        }
        return journal
    }

    /// Only the entries for `ids`.
    public func restricted(to ids: Set<StoryID>) -> MarkJournal {
        MarkJournal(entries: entries.filter { ids.contains($0.key) })
    }
}
