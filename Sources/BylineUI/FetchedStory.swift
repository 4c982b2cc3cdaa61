import BylineCore

/// A story fetched from the web and saved in the library.
public struct SavedStory: Equatable, Sendable {
    public var summary: StorySummary
    /// Blocks of text the page gave.
    public var paragraphs: Int
    /// Saved as a new file. A file Byline did not write is never changed, so the whole
    /// story goes beside it, and the reader opens it; a file Byline wrote is replaced.
    public var isNewFile: Bool

    public init(summary: StorySummary, paragraphs: Int, isNewFile: Bool) {
        self.summary = summary
        self.paragraphs = paragraphs
        self.isNewFile = isNewFile
    }
}

/// Why a web page did not become a story in the library.
public enum FetchProblem: Error, Equatable, Sendable {
    /// The story to complete could not be read from the library.
    case storyUnreadable(FailureReason)
    case notAWebAddress
    /// No answer: the connection, the name lookup or the time-out failed.
    case unreachable(FailureReason)
    case httpStatus(Int)
    /// The answer is not a page the extractor can read (a binary file).
    case notAPage(FailureReason)
    case noStoryText
    /// The page has no more words than the story it was to complete.
    case noMoreText
    case notSaved(FailureReason)
    /// A followed link led to something that is not a story (`ArticlePageCheck`): what it is.
    case notAStory(String)
    /// The page turned out to be a story the library has (after a redirect): that one.
    case alreadyInLibrary(StoryID)
}

/// The status line's words for a fetch that failed.
extension FetchProblem {
    /// - Parameters:
    ///   - url: the page asked for.
    ///   - story: the story being completed (`f`), or nil when following a link.
    ///   - linkTitle: the words of the link followed.
    func sentence(url: String, story: StoryID?, linkTitle: String) -> String {
        switch self {
        case .storyUnreadable(let reason):
            "Cannot read \(story?.path ?? url) to add its full story: \(reason)"
        case .notAWebAddress: "\(url): not a web address Byline can fetch"
        case .unreachable(let reason): "\(url): \(reason)"
        case .httpStatus(let status): "\(url): the server answered HTTP \(status)"
        case .notAPage(let reason): "\(url): \(reason)"
        case .noStoryText:
            story == nil ? "“\(linkTitle)” is not in the library, and \(url) has no story text to save"
                : "\(url): no story text found on the page"
        case .noMoreText: "\(url): the page has no more text than the story"
        case .notSaved(let reason): "Could not save the story: \(reason)"
        case .notAStory(let kind): "\(url) is \(kind): not saved; o opens it in the browser"
        case .alreadyInLibrary(let id): "\(url) is already in the library as \(id.path)"
        }
    }
}
