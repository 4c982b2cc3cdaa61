import Foundation
/// A listing held as a value, as the reader's state holds it (see `StoryListing`).
///
/// Equal when it is the same listing, or, for listings small enough to compare row by
/// row (tests, the bundled seeds), when they list the same summaries: comparing two
/// libraries of 100,000 stories that way would decode both.
public struct StoryRows: Equatable, Sendable {
    public let listing: any StoryListing

    public init(_ listing: any StoryListing) { self.listing = listing }
    public init(_ summaries: [StorySummary]) { self.init(SummaryListing(summaries)) }

    public static func == (a: StoryRows, b: StoryRows) -> Bool {
        if sameListing(a.listing, b.listing) { return true }
        guard a.count == b.count, a.count <= 1000 else { return false }
        return a.listing.allSummaries == b.listing.allSummaries
    }

    public var count: Int { listing.count }
    public var isEmpty: Bool { listing.count == 0 }
    public var hasDates: Bool { listing.hasDates }
    public func summary(at row: Int) -> StorySummary { listing.summary(at: row) }
    public func id(at row: Int) -> StoryID { listing.id(at: row) }
    public func source(at row: Int) -> (source: String?, published: Date?) { listing.source(at: row) }
    public func row(of id: StoryID) -> Int? { listing.row(of: id) }
    public func releasePages() { listing.releasePages() }
    public func summary(of id: StoryID) -> StorySummary? { listing.summary(of: id) }
    public func rows(whereTitleKeyContains words: [String]) -> [Int] { listing.rows(whereTitleKeyContains: words) }
    public func resolve(_ link: RelatedLink) -> StoryID? { listing.resolve(link) }
    public func tallySources(read: Set<StoryID>, starred: Set<StoryID>) -> SourceTallies {
        listing.tallySources(read: read, starred: starred, skipping: [])
    }
    public func countListed(_ ids: some Sequence<StoryID>) -> Int { listing.countListed(ids) }
    public func adding(_ summary: StorySummary) -> StoryRows { StoryRows(listing.adding(summary)) }
    public func applying(_ changes: ListingChanges) -> StoryRows { StoryRows(listing.applying(changes)) }
    /// The listing changes were laid over (see `StoryListing.applying(_:)`), or this one.
    public var base: any StoryListing { (listing as? ListingWithChanges)?.base ?? listing }
    /// Every summary: for small listings and tests.
    public var allSummaries: [StorySummary] { listing.allSummaries }
    /// `rows` of this listing as rows of `base` and the stories the changes laid over it
    /// added (by id); nil when no changes are laid over it. A few binary searches a row.
    public func onBase(_ rows: RowSet) -> (base: RowSet, added: [StoryID])? {
        (listing as? ListingWithChanges)?.onBase(rows)
    }
}

/// Rows read on demand as a collection: tests and small listings can use `first`, `map`
/// and subscripts; the reader itself reads only the rows it shows.
extension StoryRows: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { listing.count }
    public subscript(row: Int) -> StorySummary { listing.summary(at: row) }
}
