import BylineCore

/// A file in the library that could not be read as a story. It is listed for the reader
/// and otherwise left alone: never deleted, moved or rewritten.
public struct LibraryProblem: Equatable, Sendable {
    public var id: StoryID
    public var problem: StoryFileProblem
    public var stamp: FileStamp

    public init(id: StoryID, problem: StoryFileProblem, stamp: FileStamp) {
        self.id = id
        self.problem = problem
        self.stamp = stamp
    }

    /// A file or folder the folder scan passed over (a name that is not UTF-8, a folder
    /// it cannot open, a link out of the library).
    init(skipped: StoryFolderScan.Skipped) {
        self.init(id: StoryID(skipped.path), problem: .unreadable(skipped.reason),
                  stamp: FileStamp(size: 0, modifiedSeconds: 0, modifiedNanoseconds: 0))
    }

    /// One line naming the file and what is wrong, safe to show on a terminal.
    public var message: String { "\(DisplayText.oneLine(id.path)): \(problem)" }
}
