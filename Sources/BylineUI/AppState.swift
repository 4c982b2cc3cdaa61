import BylineCore
import Foundation

/// Everything the screen shows, in one value. `update` changes it; `render` draws it.
///
/// `Equatable`, so a test can build the state it expects after an action and compare the
/// whole of it.
public struct AppState: Equatable, Sendable {
    /// The library shown; effects act on it. Changed by `update` when a listing of
    /// another folder arrives (a fetch filled the reader's own library).
    public internal(set) var library: LibraryPlace
    /// Numbers given to library reads so far, and the number of the read whose listing
    /// is shown (see `LibraryRead`).
    public internal(set) var libraryReads = 0
    public internal(set) var shownRead = 0
    /// The listing came from the index alone: `.started` asks for the folder to be
    /// read behind it, to show what changed since.
    public var checksFolderOnStart = false
    public private(set) var stories: [StorySummary]
    public var problems: [String]
    public private(set) var read: Set<StoryID>
    /// Kept up to date by `setRead`, since the header shows it on every frame and a
    /// library can hold 100,000 stories.
    public private(set) var unreadCount: Int
    /// Whether any story has a date: the list leaves out an empty date column.
    public private(set) var hasDates: Bool
    public var starred: Set<StoryID>

    public var screen: ScreenSize {
        didSet { layOutReader() }
    }
    public var focus: Focus = .list {
        didSet { if focus != oldValue { layOutReader() } }
    }
    /// The split, measure and full-screen reading.
    public var room = ReadingRoom() {
        didSet { if room != oldValue { layOutReader() } }
    }
    public var list = ListState()
    public var filter: ListFilter?
    /// Searches asked for so far; only the answer to the latest is shown.
    public internal(set) var searchRequests = 0
    /// Counts changes to `stories`: a search answer names rows of one version of it.
    public internal(set) var listingVersion = 0
    /// "More on this" for stories read, by id: the similar stories found for each.
    public internal(set) var moreOnThis: [StoryID: [SimilarStory]] = [:] {
        didSet { layOutReader() }
    }
    /// Indexes into `stories` of the rows the list shows (all, or those the filter keeps).
    public private(set) var visible: [Int]

    public var reader: ReaderState? {
        didSet { layOutReader() }
    }
    /// Stories left by following links, newest last; back pops one.
    public var history: [ReaderState] = []
    /// Stories read from disk, by id; only a few are kept.
    public var loaded: [StoryID: Result<Story, StoryFileProblem>] = [:] {
        didSet { layOutReader() }
    }
    /// The reading pane's story laid out for the pane: kept in step by `layOutReader`
    /// whenever the story, its text, the pane's width, the theme or the link selected
    /// changes, so drawing and every scroll key use it as it is.
    public internal(set) var readerPage: ReaderPage?
    var readerPageInputs: ReaderPage.Inputs?

    public var themes: [Theme] {
        didSet { layOutReader() }
    }
    public var themeIndex = 0 {
        didSet { layOutReader() }
    }
    public var message: StatusMessage?
    public var showingHelp = false {
        didSet { if !showingHelp { helpScroll = 0 } }
    }
    /// How far the help screen is scrolled.
    public var helpScroll = 0
    public var refresh: RefreshProgress?
    /// `R` syncs with the feed server config.toml names instead of fetching the feeds.
    public var syncsWithServer = false
    /// Time zone for list dates (the shell passes the user's).
    public var timeZone: TimeZone {
        didSet {
            calendar.timeZone = timeZone
            layOutReader()
        }
    }
    /// A Gregorian calendar in `timeZone`, made once: list rows format dates every frame.
    public private(set) var calendar: Calendar
    /// The time the shell last set; list dates say "this year" relative to it.
    public var now: Date
    public var keyMap = KeyMap.standard
    /// What a followed link led to when it was not a story (a PDF, a home page): `o` opens it.
    public var offeredForBrowser: String?
    /// The digits typed so far of a link number past 9 (`1` then `2` for link 12).
    public var typedLinkNumber: Int?
    /// Which stories the list shows (a source picked in the sources view, or all).
    public internal(set) var scope: StoryScope = .all
    /// Indexes into `stories` of the scope's stories, read or not, filtered or not: the
    /// header counts them.
    public internal(set) var inScope: [Int] = []
    /// Read stories left out of the list.
    public internal(set) var hidingRead = false
    /// The sources view, while it is shown.
    public var sources: SourcesView?
    /// The folder each source is filed in (from the subscriptions' OPML folders), by the
    /// source's name as its stories give it.
    public var sourceFolders: [String: String] = [:]
    /// Stories `d` took out of the list this session.
    public internal(set) var hidden: Set<StoryID> = []
    /// The last change `U` can take back.
    public internal(set) var undoable: Undoable?

    public init(library: LibraryPlace, stories: [StorySummary], problems: [String] = [],
                read: Set<StoryID> = [], starred: Set<StoryID> = [], screen: ScreenSize,
                themes: [Theme] = [Theme.standard], timeZone: TimeZone = TimeZone(identifier: "UTC")!,
                now: Date = Date(timeIntervalSince1970: 0)) {
        self.library = library
        self.stories = stories
        self.problems = problems
        self.read = read
        self.unreadCount = Self.countUnread(stories, read: read)
        self.hasDates = stories.contains { $0.published != nil }
        self.starred = starred
        self.screen = screen
        self.themes = themes.isEmpty ? [Theme.standard] : themes
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
        self.now = now
        self.visible = Array(stories.indices)
        self.inScope = Array(stories.indices)
    }

    public var theme: Theme { themes[themeIndex] }

    /// The story under the list's cursor.
    public var selectedStory: StorySummary? {
        guard list.selected >= 0, list.selected < visible.count else { return nil }
        return stories[visible[list.selected]]
    }

    /// Marks a story of the list read or unread.
    public mutating func setRead(_ id: StoryID, _ isRead: Bool) {
        if isRead {
            if read.insert(id).inserted { unreadCount -= 1 }
        } else if read.remove(id) != nil {
            unreadCount += 1
        }
    }

    /// Takes another library's marks (on switching to it).
    mutating func replaceMarks(read newRead: Set<StoryID>, starred newStarred: Set<StoryID>) {
        read = newRead
        starred = newStarred
        unreadCount = Self.countUnread(stories, read: read)
    }

    private static func countUnread(_ stories: [StorySummary], read: Set<StoryID>) -> Int {
        stories.reduce(0) { $0 + (read.contains($1.id) ? 0 : 1) }
    }

    public func summary(for id: StoryID) -> StorySummary? {
        stories.first { $0.id == id }
    }

    /// Replaces the listing (a reload after fetching), keeping the cursor on the same story.
    public mutating func replaceStories(_ newStories: [StorySummary]) {
        let selectedID = selectedStory?.id
        // Search results name rows: they follow their stories to their new rows.
        let foundIDs = filter?.found.map { found in found.rows.filter { $0 < stories.count }.map { stories[$0].id } }
        // Only a change of rows makes earlier search answers wrong.
        if stories.count != newStories.count || !stories.elementsEqual(newStories, by: { $0.id == $1.id }) {
            listingVersion += 1
        }
        stories = newStories
        if let foundIDs {
            var rows: [StoryID: Int] = [:]
            for id in foundIDs { rows[id] = -1 }
            for (row, story) in stories.enumerated() where rows[story.id] != nil { rows[story.id] = row }
            filter?.found?.rows = foundIDs.compactMap { rows[$0] }.filter { $0 >= 0 }
        }
        unreadCount = Self.countUnread(stories, read: read)
        hasDates = stories.contains { $0.published != nil }
        linkIndexCache = LinkIndexCache()
        applyFilter(keeping: selectedID)
    }

    /// Recomputes the visible rows after the filter or the stories changed, with the
    /// cursor on story `id` if it is still listed (clearing a filter keeps your place).
    mutating func applyFilter(keeping id: StoryID? = nil) {
        inScope = scope == .all && hidden.isEmpty ? Array(stories.indices)
            : stories.indices.filter { scope.contains(stories[$0], starred: starred, folders: sourceFolders) && !hidden.contains(stories[$0].id) }
        let previous = visible
        visible = inScope
        if let filter, !filter.isEmpty {
            // Until the first answer comes, the list stays as it was; an answer keeps only
            // the stories of the view it was asked in.
            if let found = filter.found {
                let everything = scope == .all && hidden.isEmpty
                let allowed = everything ? [] : Set(inScope)
                visible = found.rows.filter { $0 < stories.count && (everything || allowed.contains($0)) }
            } else {
                visible = previous
            }
        }
        if hidingRead {
            // The story the cursor is on stays, so hiding never moves the reader's place.
            visible = visible.filter { !read.contains(stories[$0].id) || stories[$0].id == id }
        }
        if let id, let row = visible.firstIndex(where: { stories[$0].id == id }) {
            list.selected = row
        }
        list.selected = min(max(0, list.selected), max(0, visible.count - 1))
    }

    /// Drops the filter, keeping the cursor on the story it is on.
    mutating func clearFilter() {
        let id = selectedStory?.id
        filter = nil
        applyFilter(keeping: id)
    }

    // MARK: - Link resolution

    /// Built on first use: start-up with 100,000 stories should not pay for it.
    var linkIndexCache = LinkIndexCache()

    mutating func resolve(_ link: RelatedLink) -> StoryID? {
        if linkIndexCache.index == nil { linkIndexCache.index = RelatedLinkIndex(stories) }
        return linkIndexCache.index?.resolve(link)
    }
}

/// The index links resolve against, made from `stories` when first needed.
///
/// Equal whenever it is compared: it is a function of the stories, so two states with the
/// same stories resolve links alike whether or not one has built it yet.
struct LinkIndexCache: Equatable, Sendable {
    var index: RelatedLinkIndex?
    static func == (_: LinkIndexCache, _: LinkIndexCache) -> Bool { true }
}

public struct ScreenSize: Equatable, Sendable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }
}

public enum Focus: Hashable, Sendable { case list, reader }

/// The list's cursor and scroll position.
public struct ListState: Equatable, Sendable {
    public var selected = 0
    public var offset = 0
    public init() {}
}

/// Which story the reading pane shows and where in it the reader is.
public struct ReaderState: Equatable, Sendable {
    public var id: StoryID
    public var scroll = 0
    /// The link Tab has selected, by its number (1-based), if any.
    public var selectedLink: Int?
    /// A link number typed before the story loaded, to follow when it has.
    public var pendingLink: Int?
    public init(id: StoryID, scroll: Int = 0, selectedLink: Int? = nil) {
        self.id = id
        self.scroll = scroll
        self.selectedLink = selectedLink
    }
}

public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}
