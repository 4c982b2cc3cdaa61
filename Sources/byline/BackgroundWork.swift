import BylineCore
import BylineExtract
import BylineFeeds
import BylineStore
import BylineSync
import BylineUI
import Foundation
import Synchronization

/// Work the reader starts and keeps reading while it runs: reading library folders,
/// fetching feeds and fetching pages. Each result comes back through the mailbox as a
/// typed action; `update` decides what it means and how to say it.
final class BackgroundWork: Sendable {
    private let subscriptions: SubscriptionsFile
    /// The feed server `R` syncs with, when config.toml sets one up.
    private let sync: SyncAccount?
    private let busy = Atomic<Int>(0)

    init(subscriptions: SubscriptionsFile, sync: SyncAccount? = nil) {
        self.subscriptions = subscriptions
        self.sync = sync
    }

    var isBusy: Bool { busy.load(ordering: .relaxed) > 0 }

    /// Reads a library folder and posts its listing (only when it differs from the
    /// index, if the read asks so), with the library's marks when `withMarks`.
    func readLibrary(_ read: LibraryRead, from library: Library, withMarks: Bool, mailbox: Mailbox) {
        run {
            do {
                let contents = try library.load()
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
        let article: ExtractedArticle
        switch await Self.extract(url) {
        case .success(let extracted): article = extracted
        case .failure(let problem): return .failure(problem)
        }
        guard !article.blocks.isEmpty else { return .failure(.noStoryText) }
        var story = existing
        story.body = article.blocks
        story.closingSource = nil
        story.related = Self.merged(existing.related, article.related)
        story.author = story.author ?? article.author
        if story.summary == nil, let lead = existing.body.first, case .paragraph(let text) = lead {
            story.summary = InlineText.plain(text)
        }
        let ownFile = id.path.hasPrefix(StoryFileName.folder + "/")
            && StoryFileName.isBylineName(String(id.path.dropFirst(StoryFileName.folder.count + 1)))
        let name = ownFile ? String(id.path.dropFirst(StoryFileName.folder.count + 1)) : StoryFileName.forStory(story)
        return Self.save(story, as: name, in: library, isNewFile: !ownFile, paragraphs: article.blocks.count)
    }

    /// Following a link to a story not in the library: fetch its page, save it, open it.
    func fetchLinkedStory(url: String, title: String, in library: Library, mailbox: Mailbox) {
        run {
            mailbox.post(.linkedStoryFetched(url: url, title: title, await Self.linkedStory(url: url, title: title, in: library)))
        }
    }

    private static func linkedStory(url: String, title: String, in library: Library) async -> Result<SavedStory, FetchProblem> {
        let article: ExtractedArticle
        switch await Self.extract(url) {
        case .success(let extracted): article = extracted
        case .failure(let problem): return .failure(problem)
        }
        guard !article.blocks.isEmpty else { return .failure(.noStoryText) }
        var story = article.story(url: URL(string: url))
        if story.title.isEmpty || story.title == "Untitled" { story.title = title }
        return Self.save(story, as: StoryFileName.forStory(story), in: library, isNewFile: true, paragraphs: article.blocks.count)
    }

    // MARK: - Pieces

    /// Downloads and extracts a page, or says why not.
    private static func extract(_ address: String) async -> Result<ExtractedArticle, FetchProblem> {
        guard let url = URL(string: address), ["http", "https"].contains(url.scheme?.lowercased() ?? "") else {
            return .failure(.notAWebAddress)
        }
        let client = HTTPClient()
        defer { client.close() }
        switch await client.get(url, accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5") {
        case .failure(let failure):
            return .failure(.unreachable(FailureReason("\(failure)")))
        case .success(let response) where !(200..<300).contains(response.status):
            return .failure(.httpStatus(response.status))
        case .success(let response):
            if let problem = ArticleExtractor.binaryProblem(response.body) {
                return .failure(.notAPage(FailureReason("\(problem)")))
            }
            return .success(ArticleExtractor.extract(html: response.body, url: response.finalURL, contentType: response.contentType))
        }
    }

    private static func save(_ story: Story, as name: String, in library: Library, isNewFile: Bool,
                             paragraphs: Int) -> Result<SavedStory, FetchProblem> {
        do {
            let id = try library.save(story, fileName: name)
            return .success(SavedStory(summary: StorySummary(id: id, story: story), paragraphs: paragraphs, isNewFile: isNewFile))
        } catch {
            return .failure(.notSaved(FailureReason("\(error)")))
        }
    }

    /// Related links from the file first, then the page's new ones.
    private static func merged(_ first: [RelatedLink], _ second: [RelatedLink]) -> [RelatedLink] {
        var seen = Set(first.map { $0.url ?? TitleKey($0.title).value })
        return first + second.filter { seen.insert($0.url ?? TitleKey($0.title).value).inserted }
    }

    /// Runs work off the run loop's thread, counted so the loop polls faster meanwhile.
    private func run(_ work: @escaping @Sendable () async -> Void) {
        busy.add(1, ordering: .relaxed)
        Task.detached { [self] in
            await work()
            busy.subtract(1, ordering: .relaxed)
        }
    }
}
