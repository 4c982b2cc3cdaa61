import BylineCore

/// Which stories the reader has read and which they starred.
public struct ReadingMarks: Equatable, Sendable {
    public var read: Set<StoryID>
    public var starred: Set<StoryID>

    public init(read: Set<StoryID> = [], starred: Set<StoryID> = []) {
        self.read = read
        self.starred = starred
    }

    /// The marks after one change.
    public func applying(_ change: ReadingChange) -> ReadingMarks {
        var marks = self
        marks.apply(change)
        return marks
    }

    /// Makes one change in place: `A` on 100,000 stories is 100,000 changes, and a copy of
    /// the sets for each (as `applying` makes) costs seconds.
    public mutating func apply(_ change: ReadingChange) {
        switch change {
        case .markRead(let id): read.insert(id)
        case .markUnread(let id): read.remove(id)
        case .star(let id): starred.insert(id)
        case .unstar(let id): starred.remove(id)
        }
    }
}

/// One change the reader makes. Saved as a change, not as a whole new set, so two running
/// copies of Byline each add their own changes to what the other saved.
public enum ReadingChange: Equatable, Sendable {
    case markRead(StoryID)
    case markUnread(StoryID)
    case star(StoryID)
    case unstar(StoryID)
}
