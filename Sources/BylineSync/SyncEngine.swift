import BylineCore
import BylineFeeds
import FeedParsing
import BylineStore
import Foundation

/// One sync of a library with a server: feeds and folders, then the marks made here,
/// then the new stories page by page, then the server's marks.
///
/// Nothing local is lost or counted as sent when it was not: a mark leaves the journal
/// only after the server took it, and the cursor moves only after the stories up to it
/// are saved, so a sync that stops at any point (server down, time-out, `kill -9`) is
/// carried on by the next one.
public struct SyncEngine: Sendable {
    public let library: Library
    public let subscriptionsFile: SubscriptionsFile
    public let service: any SyncService
    /// The service's short name (`ttrss`), in sync IDs.
    public let serviceName: String
    /// `SyncAccount.key`.
    public let accountKey: String
    public let received: ReceivedItems

    public init(library: Library, subscriptionsFile: SubscriptionsFile, service: any SyncService,
                serviceName: String, accountKey: String, received: ReceivedItems) {
        self.library = library
        self.subscriptionsFile = subscriptionsFile
        self.service = service
        self.serviceName = serviceName
        self.accountKey = accountKey
        self.received = received
    }

    var stateFile: SyncStateFile { SyncStateFile(stateFolder: library.stateFolder) }

    public func run(progress: @escaping @Sendable (SyncProgress) -> Void = { _ in }) async -> Result<SyncReport, SyncFailure> {
        let lock = SyncLock(path: library.stateFolder.appendingPathComponent("sync.lock").path)
        do throws(SyncFailure) {
            try lock.take()
        } catch {
            return .failure(error)
        }
        defer { lock.release() }
        var report = SyncReport()
        do throws(SyncFailure) {
            try await sync(&report, progress: progress)
            await service.logOut()
            return .success(report)
        } catch {
            await service.logOut()
            return .failure(error)
        }
    }

    private func sync(_ report: inout SyncReport, progress: @Sendable (SyncProgress) -> Void) async throws(SyncFailure) {
        var state = try stateFile.load(account: accountKey)
        try local { () throws(LibraryError) in try library.readingState.startJournal() }
        progress(SyncProgress(phase: .loggingIn))
        report.server = try await service.logIn().name

        progress(SyncProgress(phase: .feeds))
        let feeds = try await syncFeeds(&state, report: &report)

        progress(SyncProgress(phase: .sendingMarks))
        report.marksSent = try await sendMarks(state)

        var list = try loadSubscriptions()
        var feedsByID = Dictionary(feeds.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        while true {
            let page = try await service.stories(after: state.cursor)
            if page.stories.contains(where: { feedsByID[$0.feedID] == nil }) {
                // A feed subscribed on the server since the list was read.
                let feeds = try await syncFeeds(&state, report: &report)
                feedsByID = Dictionary(feeds.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                list = try loadSubscriptions()
            }
            try await save(page.stories, feeds: feedsByID, subscriptions: list, state: &state, report: &report)
            state.cursor = page.cursor
            try stateFile.save(state)
            progress(SyncProgress(phase: .stories, stories: report.newStories))
            if page.isLast { break }
        }

        progress(SyncProgress(phase: .receivingMarks, stories: report.newStories))
        let marks = try await service.markedStories()
        let stories = state.storyIDs
        let changes = try local { () throws(LibraryError) in
            try library.readingState.applyFromServer { local, pending in
                MarkMerge.changes(server: marks, stories: stories, local: local, pending: pending)
            }
        }
        report.marksReceived = changes.count
        // The stories and marks saved above left the read-rows cache stale: made current
        // now, the next start takes its marks by row instead of looking up every path.
        library.readingState.refreshReadRows()
    }

    /// Reads the server's feeds and folders into the subscriptions file.
    private func syncFeeds(_ state: inout SyncState, report: inout SyncReport) async throws(SyncFailure) -> [SyncFeed] {
        let folders = try await service.folders()
        let feeds = try await service.feeds()
        let previous = Set(state.serverFeeds)
        let merged: SubscriptionMerge.Result
        do {
            merged = try subscriptionsFile.modify { list in
                let merged = SubscriptionMerge.merge(list, feeds: feeds, folders: folders, previouslySynced: previous)
                list = merged.list
                return merged
            }
        } catch {
            throw .library("\(subscriptionsFile.url.path): \(error)")
        }
        report.feeds = feeds.count
        report.feedsAdded += merged.added.count
        report.feedsRemoved += merged.removed.count
        state.serverFeeds = feeds.map(\.url).sorted()
        try stateFile.save(state)
        return feeds
    }

    /// Sends the journal, mark by mark; each batch leaves the journal once the server took it.
    private func sendMarks(_ state: SyncState) async throws(SyncFailure) -> Int {
        let pending = try local { () throws(LibraryError) in try library.readingState.pendingMarks() }
        guard !pending.isEmpty else { return 0 }
        let serverIDs = state.serverIDs
        let (updates, localOnly) = MarkMerge.updates(for: pending, serverIDs: serverIDs)
        let stories = state.storyIDs
        var sent = 0
        for update in updates {
            try await service.send(update)
            var done = MarkJournal()
            for id in update.storyIDs {
                guard let story = stories[id] else { continue }
                switch update.mark {
                case .read, .unread: done.entries[story, default: .init()].read = update.mark == .read
                case .starred, .unstarred: done.entries[story, default: .init()].starred = update.mark == .starred
                }
            }
            try local { () throws(LibraryError) in try library.readingState.markSent(done) }
            sent += update.storyIDs.count
        }
        // Marks on stories the server never had (fetched straight from their feeds).
        try local { () throws(LibraryError) in try library.readingState.markSent(localOnly) }
        return sent
    }

    /// Saves one page's stories, feed by feed, the way fetched stories are saved.
    private func save(_ stories: [SyncedStory], feeds: [String: SyncFeed], subscriptions: SubscriptionList,
                      state: inout SyncState, report: inout SyncReport) async throws(SyncFailure) {
        // The page's stories are indexed together, once, not once a feed: each index
        // write rewrites the whole index. A sync cut short leaves them for the next load.
        let pending = PendingIndex()
        defer { try? pending.index(into: library) }
        var order: [String] = []
        var byFeed: [String: [SyncedStory]] = [:]
        for story in stories {
            if byFeed[story.feedID] == nil { order.append(story.feedID) }
            byFeed[story.feedID, default: []].append(story)
        }
        for feedID in order {
            guard let group = byFeed[feedID] else { continue }
            let feed = feeds[feedID]
            let url = feed?.url ?? ""
            let subscription = subscriptions.subscription(to: url) ?? Subscription(url: url, title: feed?.title)
            let saved: ReceivedItems.Saved
            do {
                saved = try await received.save(
                    StoryItems.feed(group, service: serviceName, title: feed?.title), of: subscription,
                    feedKey: accountKey, itemKey: StoryItems.key, headers: StoryItems.headers, pending: pending)
            } catch {
                throw .library("cannot save stories: \(error)")
            }
            for story in group {
                state.stories[story.id] = StoryItems.storyID(service: serviceName, id: story.id, accountKey: accountKey).path
            }
            report.newStories += saved.tally.new
            report.fullStories += saved.fullStories
            report.pageFailures += saved.pageFailures
        }
    }

    private func loadSubscriptions() throws(SyncFailure) -> SubscriptionList {
        do { return try subscriptionsFile.load() } catch { throw .library(error.description) }
    }

    private func local<T>(_ body: () throws(LibraryError) -> T) throws(SyncFailure) -> T {
        do { return try body() } catch { throw .library(error.description) }
    }
}

/// How far a sync has got, for a progress line or the reader's status line.
public struct SyncProgress: Equatable, Sendable {
    public enum Phase: Equatable, Sendable {
        case loggingIn, feeds, sendingMarks, stories, receivingMarks
    }
    public var phase: Phase
    /// New stories saved so far.
    public var stories = 0

    public init(phase: Phase, stories: Int = 0) {
        self.phase = phase
        self.stories = stories
    }

    /// "Syncing: 240 new stories".
    public var line: String {
        switch phase {
        case .loggingIn: "Syncing: logging in"
        case .feeds: "Syncing: feeds and folders"
        case .sendingMarks: "Syncing: sending marks"
        case .stories: "Syncing: \(stories) new \(stories == 1 ? "story" : "stories")"
        case .receivingMarks: "Syncing: \(stories) new \(stories == 1 ? "story" : "stories"), reading marks"
        }
    }
}

/// What a sync did.
public struct SyncReport: Equatable, Sendable {
    public var server = ""
    public var feeds = 0
    public var feedsAdded = 0
    public var feedsRemoved = 0
    public var newStories = 0
    public var fullStories = 0
    public var marksSent = 0
    public var marksReceived = 0
    public var pageFailures: [PageFailure] = []

    public init() {}

    /// One line: "Synced with Tiny Tiny RSS …: 12 feeds (2 new), 240 new stories, …".
    public var summary: String {
        var parts = ["\(feeds) \(feeds == 1 ? "feed" : "feeds")" + (feedsAdded > 0 || feedsRemoved > 0 ? " (\(feedsAdded) new, \(feedsRemoved) removed)" : "")]
        parts.append("\(newStories) new \(newStories == 1 ? "story" : "stories")")
        if fullStories > 0 { parts.append("\(fullStories) full stories") }
        parts.append("\(marksSent) marks sent")
        parts.append("\(marksReceived) received")
        if !pageFailures.isEmpty { parts.append("\(pageFailures.count) story pages failed") }
        return "Synced with \(server): " + parts.joined(separator: ", ")
    }
}
