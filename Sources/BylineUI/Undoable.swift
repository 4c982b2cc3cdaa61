import BylineCore

/// A change `U` takes back, kept for the session.
public enum Undoable: Equatable, Sendable {
    /// `A` marked these stories read.
    case markedRead([StoryID])
}
