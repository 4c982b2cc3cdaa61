import Foundation

/// The library's stories in list order (newest first), read one row at a time.
///
/// A library of 100,000 stories is not held as 100,000 values: the store's listing reads
/// rows from its index file as the screen asks for them, so memory follows what is shown,
/// not the size of the library. Implementations are immutable, so a listing can be
/// handed between threads; a change to the library is a new listing.
public protocol StoryListing: AnyObject, Sendable {
    var count: Int { get }
    /// Whether any story has a date: the list leaves out an empty date column.
    var hasDates: Bool { get }
    /// What the list shows of the story at `row` (0 ..< count).
    func summary(at row: Int) -> StorySummary
    /// The story at `row`, without decoding the rest of its summary.
    func id(at row: Int) -> StoryID
    /// The row of story `id`, or nil when it is not listed.
    func row(of id: StoryID) -> Int?
    /// The rows, in order, whose title key (`TitleKey`) holds every one of `words`.
    func rows(whereTitleKeyContains words: [String]) -> [Int]
    /// The story a related link names (see `RelatedLinkIndex` for the rules), if listed.
    func resolve(_ link: RelatedLink) -> StoryID?
    /// The story's `Source:` and date, without the rest of its summary: what the sources
    /// view counts of every story in the library.
    func source(at row: Int) -> (source: String?, published: Date?)
    /// The story's date alone, for putting a story in its place (`StorySummary.newestFirst`
    /// compares dates first): an index reads it from the row, decoding nothing else.
    func published(at row: Int) -> Date?
    /// Gives back memory a listing read in place holds for pages read so far (a search
    /// looks up a thousand rows all over the file); they are read again when shown.
    func releasePages()
    /// Every story counted by source (see `SourceTallies`), `skipping` rows (ascending)
    /// left out: the sources view's counts, from the whole library at once.
    func tallySources(read: Set<StoryID>, starred: Set<StoryID>, skipping: [Int]) -> SourceTallies
    /// Calls `body` with the UTF-8 path (the id) of the story at `row`, from the listing's
    /// own bytes where it holds them: saving marks names 100,000 stories this way.
    func withPath<Result>(at row: Int, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result
    /// The row of the story whose UTF-8 path is `path`, or nil when it is not listed.
    func row(ofPathBytes path: UnsafeRawBufferPointer) -> Int?
}

extension StoryListing {
    public func source(at row: Int) -> (source: String?, published: Date?) {
        let summary = summary(at: row)
        return (summary.source, summary.published)
    }

    public func published(at row: Int) -> Date? { summary(at: row).published }

    /// A listing held in memory has no pages to give back.
    public func releasePages() {}
    /// Counts row by row from each row's source and date.
    public func tallySources(read: Set<StoryID>, starred: Set<StoryID>, skipping: [Int]) -> SourceTallies {
        var tallies = SourceTallies()
        var skipped = skipping.makeIterator(), nextSkipped = skipped.next()
        for row in 0..<count {
            if row == nextSkipped {
                nextSkipped = skipped.next()
                continue
            }
            let id = id(at: row)
            let (source, published) = source(at: row)
            tallies.add(source: SourceTallies.name(source: source, id: id), unread: !read.contains(id),
                        starred: starred.contains(id), published: published?.timeIntervalSince1970)
        }
        return tallies
    }

    /// How many of `ids` are listed: with a read set, the read stories of the list.
    public func countListed(_ ids: some Sequence<StoryID>) -> Int {
        ids.reduce(0) { $0 + (row(of: $1) == nil ? 0 : 1) }
    }

    /// The summary of story `id`, if listed.
    public func summary(of id: StoryID) -> StorySummary? {
        row(of: id).map(summary(at:))
    }

    /// Every summary in order: for small listings and tests, never for a whole library.
    public var allSummaries: [StorySummary] {
        (0..<count).map(summary(at:))
    }

    /// This listing with `summary` added in its place (replacing a story with its id):
    /// how a story saved while the reader runs joins the list without re-reading the rest.
    public func adding(_ summary: StorySummary) -> any StoryListing {
        applying(ListingChanges(added: [summary]))
    }

    /// This listing with `changes` made, laid over it rather than rebuilt: memory and
    /// time follow the changes, not the library.
    public func applying(_ changes: ListingChanges) -> any StoryListing {
        if changes.isEmpty { return self }
        if let overlay = self as? ListingWithChanges { return overlay.applying(changes) }
        return ListingWithChanges(base: self, changes: changes)
    }
}

/// Two listings are the same when they are the same object: a listing never changes.
public func sameListing(_ a: any StoryListing, _ b: any StoryListing) -> Bool {
    ObjectIdentifier(a) == ObjectIdentifier(b)
}
