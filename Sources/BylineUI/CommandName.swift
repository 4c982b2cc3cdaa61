/// Every command's name, as `config.toml`'s `[keys]` table and `config --print` write it.
///
/// The names are part of the user's config files: once released, a name stays.
extension Command {
    public static let all: [Command] = [
        .moveUp, .moveDown, .pageUp, .pageDown, .top, .bottom, .scrollPage,
        .open, .back, .nextLink, .previousLink,
    ] + (1...9).map { .followLink($0) } + [
        .startFilter, .toggleRead, .toggleStar, .openInBrowser,
        .refreshFeeds, .fetchFullStory, .nextTheme, .help, .redraw, .quit,
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
        case .refreshFeeds: "refresh-feeds"
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

    public init?(name: String) {
        guard let found = Self.all.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = found
    }
}
