import BylineConfig
import BylineCore
import BylineFeeds
import BylineStore
import BylineSync
import BylineUI
import FeedParsing
import Foundation
import Synchronization

/// Work the reader starts and keeps reading while it runs: reading library folders,
/// fetching feeds and fetching pages. Each result comes back through the mailbox as a
/// typed action; `update` decides what it means and how to say it.
final class BackgroundWork: Sendable {
    private let subscriptions: SubscriptionsFile
    private let fetch: FetchSettings
    /// How long fetched stories are kept: applied after each `R`, as after `byline fetch`.
    private let retention: RetentionSettings
    /// The feed server `R` syncs with, when config.toml sets one up.
    private let sync: SyncAccount?
    private let busy = Atomic<Int>(0)
    /// `/` searches and "More on this", each on a thread of its own that runs only the
    /// latest request (see `SearchWork`).
    let searchThread = LatestRequestThread(name: "byline search")
    let similarThread = LatestRequestThread(name: "byline similar", niceness: 10, settle: 0.15)
    /// The story whose "More on this" was asked for last and is not found yet.
    let similarAsked = Mutex<StoryID?>(nil)
    /// The search index both threads ask, kept open between requests (see `SearchWork`).
    let openIndex = Mutex<SearchIndex?>(nil)
    /// This program's resident memory when searches last gave their pages back (see `SearchWork`).
    let residentAfterSearch = Mutex<Int>(0)

    init(subscriptions: SubscriptionsFile, fetch: FetchSettings = FetchSettings(), sync: SyncAccount? = nil,
         retention: RetentionSettings = RetentionSettings()) {
        self.fetch = fetch
        self.retention = retention
        self.subscriptions = subscriptions
        self.sync = sync
    }

    var isBusy: Bool { busy.load(ordering: .relaxed) > 0 }

    /// The most changes the reader is sent as changes: past that (a big fetch), the new
    /// index is sent whole, mapped rather than copied, and laying the changes over the
    /// listing on screen would cost the reader more than taking the new one.
    static let mostChangesSent = 500

    /// Reads a library folder and posts what the reader needs of it (only when it
    /// differs from the index, if the read asks so), with the library's marks when
    /// `withMarks`.
    ///
    /// - Parameter shown: the index the reader's listing is read from, when `library` is
    ///   the one on screen: then only what changed since is sent (`Action.libraryChanged`).
    func readLibrary(_ read: LibraryRead, from library: Library, withMarks: Bool, shown: IndexedListing? = nil,
                     mailbox: Mailbox) {
        run {
            do {
                let checked = CheckTime.now()
                let contents: LibraryContents
                var changes: ListingChanges?
                if let shown {
                    (contents, changes) = try library.changes(since: shown)
                } else {
                    contents = try library.load()
                }
                // The check read every row's path and stamp; the screen needs a few of them.
                // Given back before the search index is checked too, which may wait for
                // (or run) a whole build meanwhile.
                shown?.releasePages()
                contents.listing.releasePages()
                // The search index follows the folder: what changed is indexed now, and
                // a library never indexed is indexed in the background, ready for `/`.
                _ = try? SearchIndex.upToDate(library, listing: contents.listing, checked: checked)
                shown?.releasePages()
                contents.listing.releasePages()
                if read.onlyIfChanged && !contents.report.foundChanges && changes?.isEmpty != false { return }
                let problems = contents.problems.map(\.message)
                if let shown, let changes, changes.count <= Self.mostChangesSent {
                    mailbox.post(.libraryChanged(read, LibraryChanges(base: StoryRows(shown), changes: changes, problems: problems)))
                    return
                }
                var listing = LibraryListing(listing: StoryRows(contents.listing), problems: problems)
                if withMarks {
                    // Marks that cannot be read leave the library unmarked, as at start-up.
                    let marks = (try? library.readingState.load())?.marks
                    listing.marks = LibraryListing.ReadingMarks(read: marks?.read ?? [], starred: marks?.starred ?? [])
                }
                mailbox.post(.libraryRead(read, .success(listing)))
            } catch {
                mailbox.post(.libraryRead(read, .failure(FailureReason("\(error)"))))
            }
        }
    }

    /// `R`: fetches every subscription into the library in `target`, with progress.
    func refreshFeeds(into target: URL, mailbox: Mailbox) {
        let subscriptions = subscriptions, fetch = fetch, retention = retention
        run {
            let list: [Subscription]
            do {
                list = try subscriptions.load().subscriptions
            } catch {
                mailbox.post(.feedsFetched(.failure(.subscriptionsUnreadable(file: subscriptions.url.path, FailureReason("\(error)")))))
                return
            }
            guard !list.isEmpty else {
                mailbox.post(.feedsFetched(.failure(.noFeeds)))
                return
            }
            mailbox.post(.refreshProgress(done: 0, total: list.count))
            do {
                let report = try await FeedFetcher.refresh(library: target, subscriptionsFile: subscriptions,
                                                           limits: FetchLimits(timeout: Double(fetch.timeout)),
                                                           concurrency: fetch.jobs) { progress in
                    mailbox.post(.refreshProgress(done: progress.done, total: progress.total))
                }
                // Retention, as `byline fetch` applies it: never a starred story or the reader's own file.
                let cleaned = LibraryCleaning.clean(Library(folder: target), retention: retention, subscriptions: list,
                                                    subscriptionsPath: subscriptions.url.path)
                let summary = report.summary + (cleaned.sentence.map { "; " + $0 } ?? "")
                mailbox.post(.feedsFetched(.success(FeedsReport(summary: summary,
                                                                failures: report.failures.map(\.line) + cleaned.problems))))
            } catch {
                mailbox.post(.feedsFetched(.failure(.cannotFetch(into: target.path, FailureReason("\(error)")))))
            }
        }
    }

    /// `R` with sync on: syncs the library in `target` with the feed server, with progress.
    func syncWithServer(into target: URL, mailbox: Mailbox) {
        guard var quiet = sync else { return }
        let subscriptions = subscriptions
        // The screen belongs to the reader: a password command's complaints would garble it.
        quiet.password.showsErrors = false
        let account = quiet
        run {
            let connection: SyncConnection
            do {
                connection = try SyncConnection(account: account)
            } catch {
                mailbox.post(.feedsFetched(.failure(.syncFailed(FailureReason("\(error)")))))
                return
            }
            defer { connection.close() }
            let engine = connection.engine(library: Library(folder: target), subscriptionsFile: subscriptions)
            let result = await engine.run { progress in mailbox.post(.syncProgress(Self.stage(progress))) }
            switch result {
            case .success(let report):
                mailbox.post(.feedsFetched(.success(FeedsReport(summary: report.summary, failures: report.pageFailures.map(\.line)))))
            case .failure(let failure):
                mailbox.post(.feedsFetched(.failure(.syncFailed(FailureReason(failure.description)))))
            }
        }
    }

    private static func stage(_ progress: SyncProgress) -> SyncStage {
        switch progress.phase {
        case .loggingIn: .loggingIn
        case .feeds: .feeds
        case .sendingMarks: .sendingMarks
        case .stories: .stories(progress.stories)
        case .receivingMarks: .receivingMarks
        }
    }

    /// `f`: fetches the page of a story in the library and saves the whole story.
    ///
    /// A story Byline fetched is replaced in place; a file someone else wrote is never
    /// changed, so its full version is saved beside it and opened.
    func fetchFullStory(_ id: StoryID, url: String, in library: Library, mailbox: Mailbox) {
        run {
            mailbox.post(.fullStoryFetched(id, url: url, await Self.fullStory(id, url: url, in: library)))
        }
    }

    private static func fullStory(_ id: StoryID, url: String, in library: Library) async -> Result<SavedStory, FetchProblem> {
        let existing: Story
        switch library.story(id) {
        case .success(let story): existing = story
        case .failure(let problem): return .failure(.storyUnreadable(FailureReason("\(problem)")))
        }
        let story: Story
        switch await PageFetch.story(at: url, completing: existing) {
        case .success(let full): story = full
        case .failure(let problem): return .failure(FetchProblem(problem))
        }
        let ownFile = id.path.hasPrefix(StoryFileName.folder + "/")
            && StoryFileName.isBylineName(String(id.path.dropFirst(StoryFileName.folder.count + 1)))
        let name = ownFile ? String(id.path.dropFirst(StoryFileName.folder.count + 1)) : StoryFileName.forStory(story)
        return Self.save(story, as: name, in: library, isNewFile: !ownFile, paragraphs: story.body.count)
    }

    /// Following a link to a story not in the library: fetch its page, save it, open it.
    func fetchLinkedStory(url: String, title: String, in library: Library, mailbox: Mailbox) {
        run {
            mailbox.post(.linkedStoryFetched(url: url, title: title, await Self.linkedStory(url: url, title: title, in: library)))
        }
    }

    private static func linkedStory(url: String, title: String, in library: Library) async -> Result<SavedStory, FetchProblem> {
        let page: WebPage
        let client = HTTPClient(limits: FetchLimits(), connectionsPerHost: 1)
        defer { client.close() }
        switch await PageFetch(client: client).page(at: url) {
        case .success(let fetched): page = fetched
        case .failure(let problem): return .failure(FetchProblem(problem))
        }
        // A redirect may land on a story the library has: that one opens, and no second
        // copy is saved.
        if let existing = Self.story(atAnyOf: [url] + (page.url.map { [$0.absoluteString] } ?? []), in: library) {
            return .failure(.alreadyInLibrary(existing))
        }
        let story: Story
        // Only an article page is saved: a PDF, JSON, an image or a home page is not.
        switch StoryPage.articleStory(from: page, title: title) {
        case .success(let found): story = found
        case .failure(let problem): return .failure(FetchProblem(problem))
        }
        return Self.save(story, as: StoryFileName.forStory(story), in: library, isNewFile: true, paragraphs: story.body.count)
    }

    /// A story in the library's index with one of these addresses, found through the
    /// index's link lookup (a link without a title matches by address alone), so no
    /// story but the one found is decoded.
    private static func story(atAnyOf addresses: [String], in library: Library) -> StoryID? {
        guard let listing = library.indexedContents()?.listing else { return nil }
        return addresses.lazy.compactMap { listing.resolve(RelatedLink(title: "", url: $0)) }.first
    }

    // MARK: - Pieces

    private static func save(_ story: Story, as name: String, in library: Library, isNewFile: Bool,
                             paragraphs: Int) -> Result<SavedStory, FetchProblem> {
        do {
            let id = try library.save(story, fileName: name)
            return .success(SavedStory(summary: StorySummary(id: id, story: story), paragraphs: paragraphs, isNewFile: isNewFile))
        } catch {
            return .failure(.notSaved(FailureReason("\(error)")))
        }
    }

    /// Runs work off the run loop's thread, counted so the loop polls faster meanwhile.
    func run(_ work: @escaping @Sendable () async -> Void) {
        busy.add(1, ordering: .relaxed)
        Task.detached { [self] in
            await work()
            busy.subtract(1, ordering: .relaxed)
        }
    }
}
