import BylineCore
import BylineFeeds
import BylineStore
import BylineUI
import FeedParsing
import Foundation
import Synchronization

/// Work the reader starts and keeps reading while it runs: reading library folders,
/// fetching feeds and fetching pages. Each result comes back through the mailbox as a
/// typed action; `update` decides what it means and how to say it.
final class BackgroundWork: Sendable {
    private let subscriptions: SubscriptionsFile
    private let busy = Atomic<Int>(0)
    /// The reader's latest search not yet started, and whether one is running (`search`).
    let pendingSearch = Mutex<PendingSearch?>(nil)
    let searching = Atomic<Bool>(false)

    init(subscriptions: SubscriptionsFile) {
        self.subscriptions = subscriptions
    }

    var isBusy: Bool { busy.load(ordering: .relaxed) > 0 }

    /// Reads a library folder and posts its listing (only when it differs from the
    /// index, if the read asks so), with the library's marks when `withMarks`.
    func readLibrary(_ read: LibraryRead, from library: Library, withMarks: Bool, mailbox: Mailbox) {
        run {
            do {
                let contents = try library.load()
                // The search index follows the folder: what changed is indexed now, and
                // a library never indexed is indexed in the background, ready for `/`.
                _ = try? SearchIndex.upToDate(library, files: contents.entries.map { ($0.id.path, $0.stamp) })
                if read.onlyIfChanged && !contents.report.foundChanges { return }
                var listing = LibraryListing(stories: contents.entries.map(\.summary), problems: contents.problems.map(\.message))
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
        let subscriptions = subscriptions
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
                let report = try await FeedFetcher.refresh(library: target, subscriptionsFile: subscriptions) { progress in
                    mailbox.post(.refreshProgress(done: progress.done, total: progress.total))
                }
                mailbox.post(.feedsFetched(.success(FeedsReport(summary: report.summary, failures: report.failures.map(\.line)))))
            } catch {
                mailbox.post(.feedsFetched(.failure(.cannotFetch(into: target.path, FailureReason("\(error)")))))
            }
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
        let story: Story
        switch await PageFetch.story(at: url, title: title) {
        case .success(let found): story = found
        case .failure(let problem): return .failure(FetchProblem(problem))
        }
        return Self.save(story, as: StoryFileName.forStory(story), in: library, isNewFile: true, paragraphs: story.body.count)
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
