import BylineCore
import FeedParsing
import Foundation

/// A fetch's feed requests, and what their answers come to as they arrive.
///
/// A feed that answers "not modified", or fails, is noted on the client's own thread the
/// moment it answers, and the next request is queued there: no task is resumed for it.
/// (For an unchanged refetch of 100 feeds, handing each answer between threads to a task
/// cost more CPU than the requests did.) A feed that came with a body goes to `arrivals`,
/// for the fetch's task to read and record.
final class FeedRequests: @unchecked Sendable {
    enum Arrival: Sendable {
        /// Feed `Int` came with a body, to be read.
        case body(Int, HTTPResponse)
        /// Feed `Int` read and compared with the library, to be recorded.
        case read(Int, FeedFetcher.Download)
        /// Every feed is noted.
        case allNoted
    }

    let subscriptions: [Subscription]
    let arrivals = Arrivals<Arrival>()
    private let client: HTTPClient
    private let group: TransferGroup
    private let validators: @Sendable (Subscription) -> Validators
    private let progress: @Sendable (FetchProgress) -> Void
    private let stoppers = RequestStoppers()
    private let lock = NSLock()
    // Under `lock`.
    private var next = 0
    /// Feeds to ask for, and whether a thread is asking for them now (`requestNext`).
    private var owed = 0
    private var requesting = false
    private var done = 0
    private var fullStories = 0
    private var outcomesNoted: [FeedOutcome?]
    private var nothingSavedNoted: [FeedFetcher.Download] = []

    init(subscriptions: [Subscription], client: HTTPClient, group: TransferGroup,
         validators: @escaping @Sendable (Subscription) -> Validators, progress: @escaping @Sendable (FetchProgress) -> Void) {
        self.subscriptions = subscriptions
        self.client = client
        self.group = group
        self.validators = validators
        self.progress = progress
        outcomesNoted = Array(repeating: nil, count: subscriptions.count)
    }

    /// Every feed's outcome, once all are noted.
    var outcomes: [FeedOutcome] { lock.withLock { outcomesNoted.compactMap { $0 } } }
    /// The downloads that saved nothing (not modified, or failed), for their bookkeeping.
    var nothingSaved: [FeedFetcher.Download] { lock.withLock { nothingSavedNoted } }

    /// Asks for the first `count` feeds.
    func start(_ count: Int) {
        if subscriptions.isEmpty { arrivals.send(.allNoted) }
        for _ in 0..<count { requestNext() }
    }

    /// Asks for the next feed not yet asked for, if there is one.
    ///
    /// An answer can come at once, on this very thread (a URL the client cannot fetch),
    /// and ask for the next feed in turn: rather than nest a call per such feed, one call
    /// at a time asks, for as many feeds as are owed.
    func requestNext() {
        let asking: Bool = lock.withLock {
            owed += 1
            if requesting { return false }
            requesting = true
            return true
        }
        guard asking else { return }
        while let index = nextOwed() {
            let subscription = subscriptions[index]
            guard let url = URL(string: subscription.url) else {
                answered(index, .failure(.badURL(subscription.url)))
                continue
            }
            let stop = client.get(url, validators: validators(subscription), accept: FeedDiscovery.feedAccept, group: group) { [self] in
                answered(index, $0)
            }
            stoppers.add(index, stop)
        }
    }

    /// The next feed to ask for while one is owed; nil (and no longer asking) when none is.
    private func nextOwed() -> Int? {
        lock.withLock {
            guard owed > 0, next < subscriptions.count else {
                owed = 0
                requesting = false
                return nil
            }
            owed -= 1
            defer { next += 1 }
            return next
        }
    }

    /// Stops every request still waiting, and any asked for from now on.
    func stopAll() { stoppers.stopAll() }

    /// Notes feed `index`'s outcome and shows the progress; `nothingSaved` is a download
    /// whose bookkeeping is written with the others' at the end.
    func note(_ index: Int, _ outcome: FeedOutcome, nothingSaved download: FeedFetcher.Download? = nil) {
        let last: Bool = lock.withLock {
            outcomesNoted[index] = outcome
            if let download { nothingSavedNoted.append(download) }
            done += 1
            fullStories += outcome.fullStories
            // Under the lock, so progress is shown in order from whichever thread.
            progress(FetchProgress(done: done, total: subscriptions.count, latest: outcome, fullStories: fullStories))
            return done == subscriptions.count
        }
        if last { arrivals.send(.allNoted) }
    }

    private func answered(_ index: Int, _ result: Result<HTTPResponse, FetchFailure>) {
        stoppers.remove(index)
        let subscription = subscriptions[index]
        let download: FeedFetcher.Download
        switch result {
        case .success(let response) where !response.isNotModified:
            arrivals.send(.body(index, response))
            return
        case .success(let response):
            let movedTo = response.permanentlyMoved ? response.finalURL.absoluteString : nil
            download = FeedFetcher.Download(outcome: FeedOutcome(subscription: subscription, result: .notModified, movedTo: movedTo),
                                            response: response)
        case .failure(let failure):
            download = FeedFetcher.Download(outcome: FeedOutcome(subscription: subscription, result: .failed(failure)))
        }
        note(index, download.outcome, nothingSaved: download)
        requestNext()
    }
}
