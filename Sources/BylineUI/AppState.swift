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
    /// The stories, newest first, read a row at a time (see `StoryListing`).
    public private(set) var stories: StoryRows
    public var problems: [String]
    /// Read stories, by row of `stories` (see `ReadMarks`).
    private(set) var readMarks: ReadMarks
    /// Every read story's id: for tests and small listings (the reader asks `isRead`).
    public var read: Set<StoryID> { readMarks.ids(in: stories) }
    /// The sources of `stories`' rows, numbered behind the screen (see `SourceNumbers`).
    var sourceNumbers = IgnoredInComparison<SourceNumbers>()
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
    /// The rows of `stories` the list shows (all, or those the filter keeps).
    public private(set) var visible: VisibleRows

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
    /// Pages laid out lately, to use again (see `ReaderPages`).
    var readerPages = IgnoredInComparison<ReaderPages>()

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
    /// Rows of `stories` of the scope's stories, read or not, filtered or not: the
    /// header counts them.
    public internal(set) var inScope: VisibleRows = .all(0)
    /// Unread stories among `inScope`, for the header on every frame: counted when
    /// `inScope` is made again and kept up to date by `setRead` in between, since one
    /// source can hold thousands of stories.
    public private(set) var scopeUnread = 0
    /// What `inScope` was last made from: the filter changes far more often than these,
    /// and making it reads every story of the library.
    var inScopeInputs = IgnoredInComparison<ScopeInputs>()
    /// Read stories left out of the list.
    public internal(set) var hidingRead = false
    /// The memory of a list of rows no longer shown (the one `H` made, once `H` shows read
    /// stories again), kept for the next list made: at 100,000 stories a fresh one is
    /// 800 KB of new pages, faulted in one by one at every `H`.
    var spareRows = IgnoredInComparison<[Int]>()
    /// The sources view, while it is shown.
    public var sources: SourcesView?
    /// The folder each source is filed in (from the subscriptions' OPML folders), by the
    /// source's name as its stories give it.
    public var sourceFolders: [String: String] = [:]
    /// `[layout] start = "sources"` with feeds to choose from: the reader opens on the
    /// sources view, as a feed reader's day starts with which feeds have news.
    public var opensOnSources = false
    /// Stories `d` took out of the list this session.
    public internal(set) var hidden: Set<StoryID> = []
    /// The last change `U` can take back.
    public internal(set) var undoable: Undoable?

    public init(library: LibraryPlace, stories: [StorySummary], problems: [String] = [],
                read: Set<StoryID> = [], starred: Set<StoryID> = [], screen: ScreenSize,
                themes: [Theme] = [Theme.standard], timeZone: TimeZone = TimeZone(identifier: "UTC")!,
                now: Date = Date(timeIntervalSince1970: 0)) {
        self.init(library: library, listing: StoryRows(stories), problems: problems, read: read, starred: starred,
                  screen: screen, themes: themes, timeZone: timeZone, now: now)
    }

    public init(library: LibraryPlace, listing: StoryRows, problems: [String] = [],
                read: Set<StoryID> = [], starred: Set<StoryID> = [], screen: ScreenSize,
                themes: [Theme] = [Theme.standard], timeZone: TimeZone = TimeZone(identifier: "UTC")!,
                now: Date = Date(timeIntervalSince1970: 0)) {
        let marks = ReadMarks(listing, read: read)
        self.init(library: library, listing: listing, problems: problems, readRows: marks.rows, unlistedRead: marks.unlisted,
                  starred: starred, screen: screen, themes: themes, timeZone: timeZone, now: now)
    }

    /// A listing with its read stories given by row (`readRows`, rows of `listing`), as
    /// the store loads them for a library of any size, and by id those it does not list.
    public init(library: LibraryPlace, listing: StoryRows, problems: [String] = [],
                readRows: RowSet, unlistedRead: Set<StoryID> = [], starred: Set<StoryID> = [], screen: ScreenSize,
                themes: [Theme] = [Theme.standard], timeZone: TimeZone = TimeZone(identifier: "UTC")!,
                now: Date = Date(timeIntervalSince1970: 0)) {
        self.library = library
        self.stories = listing
        self.problems = problems
        var readRows = readRows
        if readRows.rows != listing.count { readRows = RowSet(rows: listing.count, readRows.members) }
        self.readMarks = ReadMarks(rows: readRows, unlisted: unlistedRead)
        self.unreadCount = listing.count - readRows.count
        self.hasDates = listing.hasDates
        self.starred = starred
        self.screen = screen
        self.themes = themes.isEmpty ? [Theme.standard] : themes
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
        self.now = now
        self.visible = .all(listing.count)
        self.inScope = .all(listing.count)
        self.scopeUnread = unreadCount
    }

    public var theme: Theme { themes[themeIndex] }

    /// The story under the list's cursor.
    public var selectedStory: StorySummary? {
        guard list.selected >= 0, list.selected < visible.count else { return nil }
        return stories.summary(at: visible[list.selected])
    }

    /// The id of the story under the list's cursor, without decoding its summary.
    var selectedID: StoryID? {
        guard list.selected >= 0, list.selected < visible.count else { return nil }
        return stories.id(at: visible[list.selected])
    }

    /// The list row showing story `id`, if it is shown.
    func visibleRow(of id: StoryID) -> Int? {
        stories.row(of: id).flatMap(visible.position(of:))
    }

    /// Marks a story of the list read or unread.
    public mutating func setRead(_ id: StoryID, _ isRead: Bool) {
        setRead(id, row: stories.row(of: id), isRead)
    }

    /// The listing's read stories, by row: every read mark the reader holds with
    /// `unlistedRead` (to save them all again after the file was found damaged).
    public var readStories: StoriesAtRows { StoriesAtRows(stories, rows: readMarks.rows) }
    /// Read stories the listing does not hold.
    public var unlistedRead: Set<StoryID> { readMarks.unlisted }

    /// Whether story `id` is read.
    public func isRead(_ id: StoryID) -> Bool {
        readMarks.contains(id, in: stories)
    }

    /// Marks story `id`, at listing row `row` (nil when not listed), read or unread.
    mutating func setRead(_ id: StoryID, row: Int?, _ isRead: Bool) {
        guard let row else {
            if isRead { readMarks.unlisted.insert(id) } else { readMarks.unlisted.remove(id) }
            return
        }
        guard readMarks.rows.contains(row) != isRead else { return }
        if isRead { readMarks.rows.insert(row) } else { readMarks.rows.remove(row) }
        unreadCount += isRead ? -1 : 1
        if case .all = inScope {
            scopeUnread = unreadCount
        } else if inScope.position(of: row) != nil {
            scopeUnread += isRead ? -1 : 1
        }
    }

    /// Marks the stories at `rows` of the listing read (`A`) or unread (`U`) at once, a
    /// word of bits at a time: no story's id is made.
    mutating func setRead(rows: RowSet, _ isRead: Bool) {
        let before = readMarks.rows.count
        if isRead { readMarks.rows.formUnion(rows) } else { readMarks.rows.subtract(rows) }
        unreadCount -= readMarks.rows.count - before
        recountScopeUnread()
    }

    /// Whether the story at listing row `row` is read, without making its id.
    func isRead(row: Int) -> Bool {
        readMarks.rows.contains(row)
    }

    /// The rows of `rows` whose stories are unread.
    func unreadRows(of rows: some Sequence<Int>) -> RowSet {
        var unread = RowSet(rows: stories.count)
        for row in rows where !readMarks.rows.contains(row) { unread.insert(row) }
        return unread
    }

    /// Counts the unread stories of `inScope` afresh.
    private mutating func recountScopeUnread() {
        switch inScope {
        case .all: scopeUnread = unreadCount
        case .some(let rows): scopeUnread = rows.count - readMarks.rows.count(in: inScope)
        }
    }

    /// Takes another library's marks (on switching to it).
    mutating func replaceMarks(read newRead: Set<StoryID>, starred newStarred: Set<StoryID>) {
        readMarks = ReadMarks(stories, read: newRead)
        unreadCount = stories.count - readMarks.rows.count
        starred = newStarred
        recountScopeUnread()
    }

    public func summary(for id: StoryID) -> StorySummary? {
        stories.summary(of: id)
    }

    /// Replaces the listing (a reload after fetching), keeping the cursor on the same story.
    public mutating func replaceStories(_ listing: StoryRows) {
        let selectedID = self.selectedID
        // Search results name rows: they follow their stories to their new rows.
        let foundIDs = filter?.found.map { found in found.rows.filter { $0 < stories.count }.map { stories.id(at: $0) } }
        // Only a change of rows makes earlier search answers wrong.
        if stories != listing { listingVersion += 1 }
        // The read marks follow their stories to their new rows.
        if !sameListing(stories.listing, listing.listing) { readMarks = readMarks.remapped(from: stories, to: listing) }
        stories = listing
        if let foundIDs {
            filter?.found?.rows = foundIDs.compactMap { listing.row(of: $0) }
        }
        unreadCount = stories.count - readMarks.rows.count
        hasDates = stories.hasDates
        applyFilter(keeping: selectedID)
    }

    /// Recomputes the visible rows after the filter or the stories changed, with the
    /// cursor on story `id` if it is still listed (clearing a filter keeps your place).
    mutating func applyFilter(keeping id: StoryID? = nil) {
        let scopeInputs = ScopeInputs(scope: scope, hidden: hidden, listingVersion: listingVersion, count: stories.count,
                                      starred: scope == .starred ? starred : nil,
                                      folders: { if case .folder = scope { sourceFolders } else { nil } }())
        let rescoped = scopeInputs != inScopeInputs.value
        if rescoped {
            inScopeInputs.value = scopeInputs
            if scope == .all && hidden.isEmpty {
                inScope = .all(stories.count)
            } else {
                // A scope reads every row once; the unfiltered list holds none of them.
                inScope = .some(rows(in: scope))
            }
        }
        // Between new scopes, `setRead` keeps the count.
        if case .all = inScope { scopeUnread = unreadCount } else if rescoped { recountScopeUnread() }
        let previous = visible
        visible = inScope
        if let filter, !filter.isEmpty {
            // Until the first answer comes, the list stays as it was; an answer keeps only
            // the stories of the view it was asked in.
            if let found = filter.found {
                let count = stories.count
                if case .all = inScope {
                    visible = .some(found.rows.filter { $0 < count })
                } else {
                    let allowed = Set(inScope.rows)
                    visible = .some(found.rows.filter { $0 < count && allowed.contains($0) })
                }
            } else {
                visible = previous
            }
        }
        if hidingRead {
            // The story the cursor is on stays, so hiding never moves the reader's place.
            let kept = id.flatMap(stories.row(of:))
            var spare = spareRows.value ?? []
            spareRows.value = nil
            visible = visible.keeping(reusing: &spare) { row in !isRead(row: row) || row == kept }
        }
        if case .some(let rows) = previous, rows.capacity > spareRows.value?.capacity ?? 0 {
            spareRows.value = rows
        }
        if let id, let row = visibleRow(of: id) {
            list.selected = row
        }
        list.selected = min(max(0, list.selected), max(0, visible.count - 1))
    }

    /// The listing rows of `scope`'s stories, those `d` took out left out.
    func rows(in scope: StoryScope) -> [Int] {
        scope.rows(of: stories, starred: starred, folders: sourceFolders, hidden: hidden)
    }

    /// Drops the filter, keeping the cursor on the story it is on.
    mutating func clearFilter() {
        let id = selectedID
        filter = nil
        applyFilter(keeping: id)
    }

    // MARK: - Link resolution

    /// The listing resolves links itself (the store's from tables in its index), so
    /// nothing is built for 100,000 stories at start-up or on the first link.
    func resolve(_ link: RelatedLink) -> StoryID? {
        stories.resolve(link)
    }
}

public struct ScreenSize: Equatable, Sendable {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
    }
}

/// Where keys go. `sources` names the sources view's hints: while it is shown (`sources`
/// set) over the list, `focus` itself stays on the list or the reader beneath.
public enum Focus: Hashable, Sendable { case list, reader, sources }

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

/// What the rows of a scope are made from (see `AppState.inScope`).
struct ScopeInputs: Equatable, Sendable {
    var scope: StoryScope
    var hidden: Set<StoryID>
    var listingVersion: Int
    var count: Int
    /// Only the scopes that depend on them keep these: starring a story elsewhere does
    /// not make the rows again.
    var starred: Set<StoryID>?
    var folders: [String: String]?
}

/// What a state remembers to save work, left out when states are compared: two states
/// that show the same are equal, whichever way they were reached.
struct IgnoredInComparison<Value: Sendable>: Equatable, Sendable {
    var value: Value?
    static func == (_: Self, _: Self) -> Bool { true }
}
