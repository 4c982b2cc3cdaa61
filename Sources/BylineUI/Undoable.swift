import BylineCore

/// A change `U` takes back, kept for the session.
public enum Undoable: Equatable, Sendable {
    /// `A` marked these stories read (rows of the listing whose version,
    /// `AppState.listingVersion`, is given): `U` takes them back by row while it is shown.
    case markedRead(StoriesAtRows, listingVersion: Int)
    /// `d` deleted a story's file (kept until the session ends), or hid the reader's own.
    /// Its row comes along: a listing read since the delete no longer has it.
    case deleted(StoryID, Deletion, StorySummary?)
}

/// What `d` did to a story.
public enum Deletion: Equatable, Sendable {
    /// Byline saved it: the file is gone from the library (kept for undo this session).
    case fileDeleted
    /// The reader's own file: never deleted, hidden from the list this session.
    case hidden
}
