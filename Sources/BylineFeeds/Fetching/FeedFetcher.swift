import BylineStore
import Foundation

/// Fetches subscriptions and stores their stories in a library: what `byline fetch` and
/// the reader's refresh (`R`) both call.
///
/// Feeds download a few at a time; each one's stories and bookkeeping are written under
/// the feeds' lock (and each story under the library's writer lock), so two fetches at once
/// take turns and leave no duplicate or half-written file. One feed failing never stops
/// the others.
public struct FeedFetcher: Sendable {
    public var library: Library
    public var reader: FeedReader
    public var converter: StoryTextConverter
    public var limits: FetchLimits
    /// How many feeds download at once.
    public var concurrency: Int
    /// Where permanent redirects are written back; nil leaves subscriptions alone.
    public var subscriptionsFile: SubscriptionsFile?

    public init(library: Library, reader: FeedReader, converter: StoryTextConverter,
                limits: FetchLimits = FetchLimits(), concurrency: Int = 8, subscriptionsFile: SubscriptionsFile? = nil) {
        self.library = library
        self.reader = reader
        self.converter = converter
        self.limits = limits
        self.concurrency = max(1, concurrency)
        self.subscriptionsFile = subscriptionsFile
    }

    var bookkeeping: FeedBookkeeping { FeedBookkeeping(library: library) }

    public func fetchAll(subscriptions: [Subscription],
                         progress: @escaping @Sendable (FetchProgress) -> Void = { _ in }) async -> FetchReport {
        let states = bookkeeping.stateFile.load()
        let client = HTTPClient(limits: limits, connectionsPerHost: concurrency)
        defer { client.close() }
        var outcomes = [FeedOutcome?](repeating: nil, count: subscriptions.count)
        await withTaskGroup(of: (Int, FeedOutcome).self) { group in
            var next = 0
            func startNext() {
                guard next < subscriptions.count else { return }
                let index = next
                let subscription = subscriptions[index]
                let validators = validators(for: subscription, in: states)
                group.addTask { (index, await fetch(subscription, validators: validators, client: client)) }
                next += 1
            }
            for _ in 0..<concurrency { startNext() }
            var done = 0
            for await (index, outcome) in group {
                outcomes[index] = outcome
                done += 1
                progress(FetchProgress(done: done, total: subscriptions.count, latest: outcome))
                startNext()
            }
        }
        let report = FetchReport(outcomes: outcomes.compactMap { $0 })
        applyMoves(report)
        return report
    }

    /// Validators are sent only while the feed's stories are still there: after the
    /// library lost them, a 304 would leave it empty.
    func validators(for subscription: Subscription, in states: [String: FeedFetchState]) -> Validators {
        let storyFolder = library.folder.appendingPathComponent(StoryFileName.folder).path
        guard let state = states[subscription.url], state.storyCount > 0,
              FileManager.default.fileExists(atPath: storyFolder) else { return Validators() }
        return Validators(etag: state.etag, lastModified: state.lastModified)
    }

    func fetch(_ subscription: Subscription, validators: Validators, client: HTTPClient) async -> FeedOutcome {
        guard let url = URL(string: subscription.url) else {
            return record(FeedOutcome(subscription: subscription, result: .failed(.badURL(subscription.url))), response: nil, feed: nil)
        }
        switch await client.get(url, validators: validators, accept: FeedDiscovery.feedAccept) {
        case .failure(let failure):
            return record(FeedOutcome(subscription: subscription, result: .failed(failure)), response: nil, feed: nil)
        case .success(let response):
            let movedTo = response.permanentlyMoved ? response.finalURL.absoluteString : nil
            if response.isNotModified {
                return record(FeedOutcome(subscription: subscription, result: .notModified, movedTo: movedTo), response: response, feed: nil)
            }
            switch reader.read(response.body, response.finalURL, response.contentType) {
            case .failure(let failure):
                return record(FeedOutcome(subscription: subscription, result: .failed(failure), movedTo: movedTo), response: nil, feed: nil)
            case .success(let feed):
                let outcome = FeedOutcome(subscription: subscription, result: .stored(FeedShelf.Tally()), movedTo: movedTo, feedTitle: feed.title)
                return record(outcome, response: response, feed: feed)
            }
        }
    }

    /// Stores the feed's stories (when there is a feed) and the feed's bookkeeping, under
    /// the writer lock; returns the outcome with what storing did.
    func record(_ outcome: FeedOutcome, response: HTTPResponse?, feed: Feed?) -> FeedOutcome {
        var outcome = outcome
        let shelf = FeedShelf(library: library, converter: converter)
        let oldURL = outcome.subscription.url
        let newURL = outcome.movedTo ?? oldURL
        do {
            try bookkeeping.update { states in
                var state = states[oldURL] ?? states[newURL] ?? .new(for: oldURL)
                state.lastFetch = Date()
                if let failure = outcome.failure {
                    state.lastError = failure.description
                } else {
                    state.lastError = nil
                    if let response, !response.isNotModified {
                        state.etag = response.etag
                        state.lastModified = response.lastModified
                    }
                    if let feed {
                        state.title = SafeText.clean(feed.title) ?? state.title
                        var current = outcome.subscription
                        current.url = newURL
                        let tally = try shelf.store(feed, of: current, feedKey: state.feedKey)
                        state.storyCount += tally.new
                        outcome.result = .stored(tally)
                    }
                }
                states[oldURL] = nil
                states[newURL] = state
            }
        } catch {
            outcome.result = .failed(.other("cannot store: \(error)"))
        }
        return outcome
    }

    /// Points moved subscriptions at their new URLs in the subscriptions file.
    func applyMoves(_ report: FetchReport) {
        let moves = report.outcomes.compactMap { outcome in outcome.movedTo.map { (outcome.subscription.url, $0) } }
        guard let subscriptionsFile, !moves.isEmpty else { return }
        try? subscriptionsFile.modify { list in
            for (old, new) in moves { list.move(old, to: new) }
        }
    }
}
