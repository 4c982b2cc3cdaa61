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

/// Stable names for commands: a config file binds keys to commands by these names, so
/// they never change once released.
extension Command {
    /// Every command there is, links 1 to 9 included.
    public static let all: [Command] = [
        .moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom, .scrollPage, .open, .back,
        .nextLink, .previousLink,
    ] + (1...9).map(Command.followLink) + [
        .startFilter, .toggleRead, .toggleStar, .openInBrowser, .refreshFeeds, .fetchFullStory,
        .nextTheme, .help, .redraw, .quit,
        .nextUnread, .previousUnread, .markAllRead, .undo, .toggleHideRead, .showSources, .sortSources,
        .toggleFullScreen, .narrowerList, .widerList, .deleteStory,
    ]

    public var name: String {
        switch self {
        case .moveUp: "move-up"
        case .moveDown: "move-down"
        case .pageUp: "page-up"
        case .pageDown: "page-down"
        case .top: "top"
        case .bottom: "bottom"
        case .scrollPage: "scroll-page"
        case .open: "open"
        case .back: "back"
        case .nextLink: "next-link"
        case .previousLink: "previous-link"
        case .followLink(let number): "follow-link-\(number)"
        case .startFilter: "filter"
        case .toggleRead: "toggle-read"
        case .toggleStar: "toggle-star"
        case .openInBrowser: "open-in-browser"
        case .refreshFeeds: "fetch-feeds"
        case .fetchFullStory: "fetch-full-story"
        case .nextTheme: "next-theme"
        case .help: "help"
        case .redraw: "redraw"
        case .quit: "quit"
        case .nextUnread: "next-unread"
        case .previousUnread: "previous-unread"
        case .markAllRead: "mark-all-read"
        case .undo: "undo"
        case .toggleHideRead: "hide-read"
        case .showSources: "sources"
        case .sortSources: "sort-sources"
        case .toggleFullScreen: "full-screen"
        case .narrowerList: "narrower-list"
        case .widerList: "wider-list"
        case .deleteStory: "delete"
        }
    }

    /// The command a name stands for, nil for a name no command has.
    public init?(name: String) {
        guard let command = Self.all.first(where: { $0.name == name }) else { return nil }
        self = command
    }
}
