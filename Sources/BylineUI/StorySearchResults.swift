import BylineCore

/// A search the list asked for as a key was typed: numbered, so an answer to an older
/// query (typing goes on while the search runs) is recognised and dropped.
public struct SearchRequest: Equatable, Sendable {
    public var number: Int
    public var query: String
    /// The version of the listing (`AppState.listingVersion`) whose rows the answer names.
    public var listing: Int

    public init(number: Int, query: String, listing: Int) {
        self.number = number
        self.query = query
        self.listing = listing
    }
}

/// What a search found: rows of the listing, best match first.
public struct SearchFound: Equatable, Sendable {
    /// Indexes into `AppState.stories`.
    public var rows: [Int]
    /// How many stories match (more than `rows` holds when there are many).
    public var total: Int
    /// With a phrase, only the best candidates were read to check it.
    public var isEstimate: Bool

    public init(rows: [Int], total: Int, isEstimate: Bool = false) {
        self.rows = rows
        self.total = total
        self.isEstimate = isEstimate
    }
}

/// One of the "More on this" stories listed at the end of a story.
public struct SimilarStory: Equatable, Sendable {
    public var id: StoryID
    public var title: String

    public init(id: StoryID, title: String) {
        self.id = id
        self.title = title
    }
}
