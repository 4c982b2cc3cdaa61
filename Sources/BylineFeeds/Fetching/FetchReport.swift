import FeedParsing
import Foundation

/// What fetching one feed came to.
public struct FeedOutcome: Equatable, Sendable {
    public enum Result: Equatable, Sendable {
        /// The feed was downloaded and its stories stored.
        case stored(FeedShelf.Tally)
        /// The server said nothing changed (304); nothing was rewritten.
        case notModified
        case failed(FetchFailure)
    }

    public var subscription: Subscription
    public var result: Result
    /// Where the feed now lives, when it moved permanently (301/308).
    public var movedTo: String?
    /// The feed's own title, when it was downloaded.
    public var feedTitle: String?
    /// How many stories were made whole from their web pages.
    public var fullStories = 0
    /// Story pages that could not be fetched or read; their stories keep the feed's text.
    public var pageFailures: [PageFailure] = []

    public init(subscription: Subscription, result: Result, movedTo: String? = nil, feedTitle: String? = nil) {
        self.subscription = subscription
        self.result = result
        self.movedTo = movedTo
        self.feedTitle = feedTitle
    }

    public var failure: FetchFailure? {
        if case .failed(let failure) = result { return failure }
        return nil
    }

    /// One line per item skipped because something other than a plain file holds its name.
    public var skippedLines: [String] {
        guard case .stored(let tally) = result else { return [] }
        return tally.skipped.map { "\(subscription.url): skipped \($0)" }
    }

    /// One line for the terminal: the feed, then what happened.
    public var line: String {
        let name = subscription.url
        var text: String
        switch result {
        case .stored(let tally):
            text = "\(name): \(tally.new) new, \(tally.updated) updated"
            if fullStories > 0 { text += ", \(fullStories) full \(fullStories == 1 ? "story" : "stories")" }
            if !pageFailures.isEmpty { text += ", \(pageFailures.count) \(pageFailures.count == 1 ? "page" : "pages") failed" }
            if !tally.skipped.isEmpty { text += ", \(tally.skipped.count) skipped" }
        case .notModified:
            text = "\(name): not modified"
        case .failed(let failure):
            text = "\(name): \(failure)"
        }
        if let movedTo { text += " (moved to \(movedTo))" }
        return text
    }
}

/// Progress of a fetch run, reported as each feed finishes.
public struct FetchProgress: Sendable {
    public var done: Int
    public var total: Int
    public var latest: FeedOutcome
    /// Stories made whole from their pages so far.
    public var fullStories = 0
}

/// Everything a fetch run did, in subscription order.
public struct FetchReport: Equatable, Sendable {
    public var outcomes: [FeedOutcome]

    public init(outcomes: [FeedOutcome]) { self.outcomes = outcomes }

    public var failures: [FeedOutcome] { outcomes.filter { $0.failure != nil } }

    /// Every story page that failed, feed by feed.
    public var pageFailures: [PageFailure] { outcomes.flatMap(\.pageFailures) }

    public var fullStories: Int { outcomes.reduce(0) { $0 + $1.fullStories } }

    public var tally: FeedShelf.Tally {
        outcomes.reduce(into: FeedShelf.Tally()) { sum, outcome in
            if case .stored(let tally) = outcome.result {
                sum.new += tally.new
                sum.updated += tally.updated
                sum.unchanged += tally.unchanged
            }
        }
    }

    /// One closing line: feeds fetched, stories added.
    public var summary: String {
        let tally = tally
        let failed = failures.count
        let unchanged = outcomes.filter { $0.result == .notModified }.count
        let full = fullStories
        let pagesFailed = pageFailures.count
        return (outcomes.count == 1 ? "1 feed" : "\(outcomes.count) feeds") + ": \(tally.new) new stories, \(tally.updated) updated"
            + (full > 0 ? ", \(full) full from their pages" : "")
            + (unchanged > 0 ? ", \(unchanged) not modified" : "") + (failed > 0 ? ", \(failed) failed" : "")
            + (pagesFailed > 0 ? ", \(pagesFailed) story \(pagesFailed == 1 ? "page" : "pages") failed" : "")
    }
}
