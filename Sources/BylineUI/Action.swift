import TerminalKit
import BylineCore

/// Something that happened: a key, a resize, or the result of an effect coming back.
public enum Action: Sendable {
    /// The screen is up: show the first story in the reading pane.
    case started
    case key(Key)
    case resized(width: Int, height: Int)
    case storyLoaded(StoryID, Result<Story, StoryFileProblem>)
    /// The library was read again (after a refresh): the new listing.
    case libraryReloaded(any StoryListing, problems: [String])
    /// A line for the status bar from the shell: progress, or the result of an effect.
    case status(String, isError: Bool)
    /// A story fetched from the web was saved into the library and should open.
    case storySaved(StorySummary, openIt: Bool)
    case refreshProgress(done: Int, total: Int)
    case refreshFinished(summary: String)
}
