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
    public var stories: [StorySummary]
    public var problems: [String]
    /// The library's read and starred marks, read with the listing of a library other
    /// than the one shown: the reader switches to it and needs its marks.
    public var marks: ReadingMarks?

    public init(stories: [StorySummary], problems: [String] = [], marks: ReadingMarks? = nil) {
        self.stories = stories
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

/// Why the shell could not do something, in the words of what failed ("permission
/// denied"). `update` puts it into a sentence that says what the reader was doing.
public struct FailureReason: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
