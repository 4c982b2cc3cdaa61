import BylineCore
import BylineStore
import FeedParsing
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
    /// Whether to fetch story pages for this run, over each feed's own `fullStory`
    /// setting (`byline fetch --full-story`); nil follows each feed's setting.
    public var fullStory: FullStoryMode?

    public init(library: Library, reader: FeedReader, converter: StoryTextConverter,
                limits: FetchLimits = FetchLimits(), concurrency: Int = 8, subscriptionsFile: SubscriptionsFile? = nil,
                fullStory: FullStoryMode? = nil) {
        self.library = library
        self.reader = reader
        self.converter = converter
        self.limits = limits
        self.concurrency = max(1, concurrency)
        self.subscriptionsFile = subscriptionsFile
        self.fullStory = fullStory
    }

    var bookkeeping: FeedBookkeeping { FeedBookkeeping(library: library) }

    /// The feeds' fetch states as saved, to hand to `fetchAll`.
    public func readStates() -> LoadedFetchStates { bookkeeping.stateFile.loadNoting() }

    /// Fetches `subscriptions`, knowing the feeds' states as `loaded` says (read from the
    /// library when nil): `byline fetch` reads them while libcurl loads, before the
    /// fetch's threads start, since a thread started while libcurl loads waits for it.
    public func fetchAll(subscriptions: [Subscription], states loaded: LoadedFetchStates? = nil,
                         progress: @escaping @Sendable (FetchProgress) -> Void = { _ in }) async -> FetchReport {
        let loaded = loaded ?? readStates()
        let states = loaded.states
        let storiesKept = self.storiesKept(in: states)
        // The addresses of the stories there are, so none is saved twice: read once per
        // fetch, when the first new story is about to be saved.
        let known = KnownStoryURLs(library: library)
        let client = HTTPClient(limits: limits, connectionsPerHost: concurrency)
        defer { client.close() }
        // Story pages share the feeds' client (its limits and time-outs) and as many
        // request slots as feeds download at once.
        let pages = StoryPages(client: client, slots: RequestSlots(concurrency),
                               folder: library.folder.appendingPathComponent(StoryFileName.folder))
        // The stories saved are indexed together when every feed is done.
        let pending = PendingIndex()
        let existing = FetchedNames(library: library)
        // Feeds that saved nothing (not modified, or failed): their bookkeeping is written
        // together at the end, not a locked read and write of the state file each.
        // `concurrency` feeds download at once, and as many again wait their turn in the
        // client: when one download ends, the next starts there at once. A feed not
        // modified, or failed, is noted on the client's thread (`FeedRequests`); one that
        // came with a body is read in a task beside the others, taking a turn to be read,
        // kept until it is recorded below, so no more feeds are read and held at once than
        // `concurrency`, and no more than twice that are asked for and not yet recorded.
        let parsing = RequestSlots(concurrency)
        let requests = FeedRequests(
            subscriptions: subscriptions, client: client, group: TransferGroup(limit: concurrency),
            validators: { [self] in validators(for: $0, in: states, storiesKept: storiesKept) }, progress: progress)
        await withTaskCancellationHandler {
            await withTaskGroup(of: Void.self) { group in
                requests.start(2 * concurrency)
                // Saving happens here, one feed at a time, so writers in this process never
                // wait on each other's lock.
                while true {
                    switch await requests.arrivals.next() {
                    case .allNoted:
                        return
                    case .body(let index, let response):
                        let subscription = subscriptions[index]
                        group.addTask {
                            let download = await read(response, of: subscription, states: states, parsing: parsing,
                                                      pages: pages, existing: existing)
                            requests.arrivals.send(.read(index, download))
                        }
                    case .read(let index, let download):
                        let outcome = download.feed == nil
                            ? download.outcome : record(download, pages: pages, known: known, pending: pending, existing: existing)
                        if download.holdsReadingTurn { await parsing.release() }
                        requests.requestNext()
                        requests.note(index, outcome, nothingSaved: download.feed == nil ? download : nil)
                    }
                }
            }
        } onCancel: {
            requests.stopAll()
        }
        let nothingSaved = requests.nothingSaved
        // Lost on a crash, this bookkeeping costs only a full download of those feeds next
        // time: its rename is not flushed, and when no feed saved anything the states read
        // at the start are the file's still, not decoded again.
        if !nothingSaved.isEmpty {
            try? bookkeeping.update(reusing: loaded, syncingFolder: false) { states in
                for download in nothingSaved {
                    var outcome = download.outcome
                    try note(download, &outcome, pages: pages, in: &states)
                }
            }
        }
        // A failure leaves the stories saved; the next load indexes them instead.
        try? pending.index(into: library)
        let report = FetchReport(outcomes: requests.outcomes)
        applyMoves(report)
        return report
    }

    /// Validators are sent only while the feed's stories are still there: after the
    /// library lost them, a 304 would leave it empty.
    /// Whether the library's folder of fetched stories is there, asked once per fetch.
    func storiesKept(in states: [String: FeedFetchState]) -> Bool {
        !states.isEmpty && FileManager.default.fileExists(atPath: library.folder.appendingPathComponent(StoryFileName.folder).path)
    }

    func validators(for subscription: Subscription, in states: [String: FeedFetchState], storiesKept: Bool) -> Validators {
        guard storiesKept, let state = states[subscription.url], state.storyCount > 0 else { return Validators() }
        return Validators(etag: state.etag, lastModified: state.lastModified)
    }

    /// One feed's download, parsed and compared with the library, not yet recorded.
    struct Download: Sendable {
        var outcome: FeedOutcome
        var response: HTTPResponse?
        var feed: Feed?
        /// The stories to save, worked out for the feed key in `feedKey`.
        var changes: [FeedShelf.Change] = []
        var unchanged = 0
        var feedKey: String?
        /// Full stories made from story pages, by page URL.
        var fullStories: [String: Story] = [:]
        /// Whether it holds one of the fetch's turns to read a feed, given back once recorded.
        var holdsReadingTurn = false
        /// The changes' files, written ahead of the save on the reading thread.
        var staged: StagedStories?
    }

    /// Parses a feed that came with a body and compares it with the library: the part
    /// that runs beside other feeds.
    func read(_ response: HTTPResponse, of subscription: Subscription, states: [String: FeedFetchState],
              parsing: RequestSlots? = nil, pages: StoryPages, existing: FetchedNames? = nil) async -> Download {
        let movedTo = response.permanentlyMoved ? response.finalURL.absoluteString : nil
        // Parsing the feed and turning its items into stories share one time budget.
        let reader = self.reader, shelf = self.shelf
        let feedKey = states[subscription.url]?.feedKey ?? movedTo.flatMap { states[$0]?.feedKey } ?? subscription.url
        let storedAs = storedAs(FeedOutcome(subscription: subscription, result: .notModified, movedTo: movedTo))
        let seconds = limits.parseSeconds
        let mode = fullStory ?? subscription.fullStory
        let parse = { @Sendable in
            await ParseBudget.run(seconds: seconds) { () -> Result<(Feed, [FeedShelf.Change], Int, StagedStories?), FetchFailure> in
                reader.read(response.body, response.finalURL, response.contentType).map { feed in
                    let (changes, unchanged) = shelf.changes(in: feed, of: storedAs, feedKey: feedKey, existing: existing)
                    // The files of stories that will not wait for their pages are written
                    // here, beside other feeds' saving; the save only names them.
                    let staged = shelf.stage(changes.filter {
                        !FullStoryRule.wantsPage($0.story, mode: mode, hasContent: $0.hasContent)
                    })
                    return (feed, changes, unchanged, staged)
                }
            } ?? .failure(.tooSlow(seconds: seconds))
        }
        if let parsing { await parsing.take() }
        let read = await parse()
        switch read {
        case .failure(let failure):
            return Download(outcome: FeedOutcome(subscription: subscription, result: .failed(failure), movedTo: movedTo),
                            holdsReadingTurn: parsing != nil)
        case .success(let (feed, changes, unchanged, staged)):
            var download = Download(
                outcome: FeedOutcome(subscription: subscription, result: .stored(FeedShelf.Tally()), movedTo: movedTo, feedTitle: feed.title),
                response: response, feed: feed, holdsReadingTurn: parsing != nil, staged: staged)
            let completed = await pages.complete(changes, unchanged: unchanged, mode: mode, feed: subscription.url)
            download.changes = completed.changes
            download.unchanged = completed.unchanged
            download.fullStories = completed.fullStories
            download.outcome.fullStories = completed.fullStories.count
            download.outcome.pageFailures = completed.failures
            download.feedKey = feedKey
            return download
        }
    }

    var shelf: FeedShelf { FeedShelf(library: library, converter: converter) }

    /// The subscription as its stories name it: at its new URL once it has moved.
    func storedAs(_ outcome: FeedOutcome) -> Subscription {
        var subscription = outcome.subscription
        subscription.url = outcome.movedTo ?? subscription.url
        return subscription
    }

    /// Saves a download's stories and the feed's bookkeeping under the feeds' lock;
    /// returns the outcome with what storing did. Downloads are recorded one at a time.
    func record(_ download: Download, pages: StoryPages, known: KnownStoryURLs? = nil, pending: PendingIndex? = nil,
                existing: FetchedNames? = nil) -> FeedOutcome {
        var outcome = download.outcome
        do {
            try bookkeeping.update { states in
                try note(download, &outcome, pages: pages, known: known, pending: pending, existing: existing, in: &states)
            }
        } catch {
            outcome.result = .failed(.other("cannot store: \(error)"))
        }
        return outcome
    }

    /// What `download` changes in the feeds' states (fetch time, error, validators), with
    /// its stories saved when it brought a feed. Called under the feeds' lock.
    private func note(_ download: Download, _ outcome: inout FeedOutcome, pages: StoryPages, known: KnownStoryURLs? = nil,
                      pending: PendingIndex? = nil, existing: FetchedNames? = nil,
                      in states: inout [String: FeedFetchState]) throws {
        let oldURL = outcome.subscription.url
        let newURL = outcome.movedTo ?? oldURL
        var state = states[oldURL] ?? states[newURL] ?? .new(for: oldURL)
        state.lastFetch = Date()
        if let failure = outcome.failure {
            state.lastError = failure.description
        } else {
            state.lastError = nil
            if let response = download.response, !response.isNotModified {
                state.etag = response.etag
                state.lastModified = response.lastModified
            }
            if let feed = download.feed {
                state.title = SafeText.clean(feed.title) ?? state.title
                var changes = (download.changes, download.unchanged)
                // Another copy of Byline gave the feed its key since the download began.
                if download.feedKey != state.feedKey {
                    let (fresh, unchanged) = shelf.changes(in: feed, of: storedAs(outcome), feedKey: state.feedKey)
                    changes = pages.reuse(fresh, unchanged: unchanged, fullStories: download.fullStories)
                }
                let tally = try FeedShelf(library: library, converter: converter, known: known)
                    .save(changes.0, unchanged: changes.1, pending: pending, existing: existing, staged: download.staged)
                state.storyCount += tally.new
                outcome.result = .stored(tally)
            }
        }
        states[oldURL] = nil
        states[newURL] = state
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

extension FeedFetcher {
    /// Fetches every subscription in `subscriptionsFile` into the library at `folder`, with
    /// the standard parser and story converter: the reader's refresh (`R`) in one call.
    public static func refresh(
        library folder: URL, subscriptionsFile: SubscriptionsFile, limits: FetchLimits = FetchLimits(),
        concurrency: Int = 8, progress: @escaping @Sendable (FetchProgress) -> Void = { _ in }
    ) async throws -> FetchReport {
        let subscriptions = try subscriptionsFile.load().subscriptions
        let fetcher = FeedFetcher(library: Library(folder: folder), reader: .standard, converter: .standard,
                                  limits: limits, concurrency: concurrency, subscriptionsFile: subscriptionsFile)
        return await fetcher.fetchAll(subscriptions: subscriptions, progress: progress)
    }
}
