/// What the reader asked for: the meaning of a key in the current context.
public enum Command: Hashable, Sendable {
    case moveUp, moveDown
    case pageUp, pageDown, top, bottom
    case scrollPage
    case open, back
    case nextLink, previousLink
    case followLink(Int)
    case startFilter
    case toggleRead, toggleStar
    case openInBrowser
    case refreshFeeds
    case fetchFullStory
    case nextTheme
    case help
    case redraw
    case quit
    case nextUnread, previousUnread
    case markAllRead, undo, toggleHideRead
    case showSources, sortSources
    case toggleFullScreen, narrowerList, widerList
    case deleteStory
}
