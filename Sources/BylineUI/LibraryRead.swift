import BylineCore
import Foundation

/// A request to read a library folder's listing again.
///
/// Numbered when `update` asks for it: a read asked for later starts later and sees the
/// newer folder, so a slow read that finishes after a newer one is dropped, not shown.
public struct LibraryRead: Equatable, Sendable {
    public var folder: URL
    public var number: Int
    /// Only report a listing that differs from the index the reader opened on (the
    /// check behind a start-up that showed the index at once).
    public var onlyIfChanged: Bool

    public init(folder: URL, number: Int, onlyIfChanged: Bool = false) {
        self.folder = folder.standardizedFileURL
        self.number = number
        self.onlyIfChanged = onlyIfChanged
    }
}

/// What reading a library folder found: its stories newest first, and one line for each
/// file that is not a story.
public struct LibraryListing: Equatable, Sendable {
    /// Read a row at a time (see `StoryListing`).
    public var stories: StoryRows
    public var problems: [String]
    /// The library's read and starred marks, read with the listing of a library other
    /// than the one shown: the reader switches to it and needs its marks.
    public var marks: ReadingMarks?

    public init(stories: [StorySummary], problems: [String] = [], marks: ReadingMarks? = nil) {
        self.init(listing: StoryRows(stories), problems: problems, marks: marks)
    }

    public init(listing: StoryRows, problems: [String] = [], marks: ReadingMarks? = nil) {
        self.stories = listing
        self.problems = problems
        self.marks = marks
    }

    /// The stories a library's reader has read and starred.
    public struct ReadingMarks: Equatable, Sendable {
        public var read: Set<StoryID>
        public var starred: Set<StoryID>
        public init(read: Set<StoryID>, starred: Set<StoryID>) {
            self.read = read
            self.starred = starred
        }
    }
}

/// What a read of the library shown found changed since `base`, a listing of it the
/// reader had: `update` lays the changes over `base` (`StoryRows.applying(_:)`), so the
/// stories that did not change are neither read again nor copied.
public struct LibraryChanges: Equatable, Sendable {
    public var base: StoryRows
    public var changes: ListingChanges
    /// One line for each file that is not a story, as the read found them.
    public var problems: [String]

    public init(base: StoryRows, changes: ListingChanges, problems: [String] = []) {
        self.base = base
        self.changes = changes
        self.problems = problems
    }
}

/// Why the shell could not do something, in the words of what failed ("permission
/// denied"). `update` puts it into a sentence that says what the reader was doing.
public struct FailureReason: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
