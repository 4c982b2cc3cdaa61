import BylineCore
import Foundation

/// Work `update` asks the shell to do; values, so tests compare them with `==`.
///
/// The shell does it in the library `AppState.library` names at the time.
public enum Effect: Equatable, Sendable {
    case loadStory(StoryID)
    case markRead(StoryID)
    case markUnread(StoryID)
    /// Many stories marked read (`A`) or unread again (`U`), saved in one write: their
    /// rows in a listing, named by the thread that saves them.
    case setRead(StoriesAtRows, Bool)
    case star(StoryID)
    case unstar(StoryID)
    case openInBrowser(String)
    /// Read a library folder's listing; the result comes back as `.libraryRead`.
    case readLibrary(LibraryRead)
    /// Fetch every subscription into this library folder.
    case refreshFeeds(into: URL)
    /// `R` with sync on: syncs the library in the folder with the feed server.
    case syncWithServer(into: URL)
    /// Fetch the web page of a story already in the library and replace its body.
    case fetchFullStory(StoryID, url: String)
    /// Fetch a linked story that is not in the library, save it, open it.
    case fetchLinkedStory(url: String, title: String)
    /// Repaint every cell (Ctrl-L), for a terminal another program scribbled on.
    /// Search the library for the `/` prompt's query; the answer comes back as `.searched`.
    case search(SearchRequest)
    /// `/` opened the search prompt: get the search ready for the stories listed, so the
    /// first letter typed is answered as fast as the rest.
    case prepareSearch
    /// Find the stories most like this one ("More on this"); they come back as `.similarFound`.
    case findSimilar(StoryID)
    case redrawScreen
    /// Keep the theme `t` chose, by name, for the next start.
    case rememberTheme(String)
    /// Keep the list's share of the width (`<`, `>`) for the next start.
    case rememberSplit(Int)
    /// `d`: delete the story if Byline saved it (kept for `U` until the session ends),
    /// else only hide it; the answer comes back as `.storyDeleted`.
    case deleteStory(StoryID)
    /// `U` after `d`: put the deleted story back.
    case restoreStory(StoryID)
    case quit
}
