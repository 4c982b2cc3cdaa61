import TerminalKit
import BylineCore

/// Something that happened: a key, a resize, or the result of an effect coming back.
public enum Action: Sendable {
    /// The screen is up: show the first story in the reading pane.
    case started
    case key(Key)
    case resized(width: Int, height: Int)
    case storyLoaded(StoryID, Result<Story, StoryFileProblem>)
    /// A library folder was read (`Effect.readLibrary`): its listing, or why not.
    case libraryRead(LibraryRead, Result<LibraryListing, FailureReason>)
    /// A read of the library shown found only these changes since a listing of it.
    case libraryChanged(LibraryRead, LibraryChanges)
    /// `f`: the page of story `id` at `url` was fetched and the whole story saved, or why not.
    case fullStoryFetched(StoryID, url: String, Result<SavedStory, FetchProblem>)
    /// A link to a story not in the library was fetched and saved, or why not.
    case linkedStoryFetched(url: String, title: String, Result<SavedStory, FetchProblem>)
    case refreshProgress(done: Int, total: Int)
    /// How far `R`'s sync with the feed server has got.
    case syncProgress(SyncStage)
    /// `R` is over: what the feeds gave, or why they could not be fetched.
    case feedsFetched(Result<FeedsReport, RefreshProblem>)
    /// A web address was handed to the browser (the command that opened it), or why not.
    case openedInBrowser(url: String, Result<String, BrowserProblem>)
    /// A search (`Effect.search`) came back.
    case searched(SearchRequest, Result<SearchFound, FailureReason>)
    /// The "More on this" stories for a story (`Effect.findSimilar`).
    case similarFound(StoryID, [SimilarStory])
    /// A read or star mark was not saved as asked.
    case marksNotSaved(MarksProblem)
    /// The listing's sources numbered behind the screen, for the sources view to count from.
    case sourcesCounted(SourceNumbers)
    /// `d` was done: the file deleted (kept for undo), or only hidden (the reader's own
    /// file), or why neither.
    case storyDeleted(StoryID, Result<Deletion, FailureReason>)
    /// `U` could not put a deleted story back.
    case storyNotRestored(StoryID, FailureReason)
}
