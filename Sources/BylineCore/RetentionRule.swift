import Foundation

/// Which fetched stories are old enough to go: the rule behind `[retention] keep` and a
/// feed's own `keep`, used by `byline clean` and after `byline fetch`.
///
/// A story's age counts from the later of its publication and the last time it was
/// fetched, so a story fetched today is never removed today, however old its date.
/// Starred stories are kept whatever their age; the caller passes only stories Byline
/// saved, so a file the reader wrote is never a candidate.
public enum RetentionRule {
    public struct Candidate: Equatable, Sendable {
        public var id: StoryID
        public var published: Date?
        public var fetched: Date
        /// The feed it came from (`Feed:`), for a feed's own period.
        public var feed: String?
        public var starred: Bool

        public init(id: StoryID, published: Date?, fetched: Date, feed: String?, starred: Bool) {
            self.id = id
            self.published = published
            self.fetched = fetched
            self.feed = feed
            self.starred = starred
        }

        var newest: Date { max(published ?? fetched, fetched) }
    }

    /// - Parameters:
    ///   - keep: the period for every feed, in seconds; nil keeps stories for ever.
    ///   - perFeed: a feed's own period by its URL, overriding `keep` (nil: for ever).
    public static func expired(_ candidates: [Candidate], keep: Double?, perFeed: [String: Double?],
                               now: Date) -> [StoryID] {
        candidates.filter { candidate in
            guard !candidate.starred else { return false }
            let period = candidate.feed.flatMap { perFeed[$0] } ?? keep
            guard let period else { return false }
            return now.timeIntervalSince(candidate.newest) > period
        }.map(\.id)
    }

    /// The shortest period in use, to skip reading stories too young for any of them.
    public static func shortest(keep: Double?, perFeed: [String: Double?]) -> Double? {
        ([keep] + Array(perFeed.values)).compactMap { $0 }.min()
    }
}
