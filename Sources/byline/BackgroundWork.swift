import BylineCore
import BylineExtract
import BylineFeeds
import BylineStore
import BylineUI
import Foundation
import Synchronization

/// Work the reader starts and keeps reading while it runs: reloading the library,
/// refreshing feeds and fetching pages. Results come back through the mailbox as actions.
final class BackgroundWork: Sendable {
    /// The library being read. A refresh from the bundled seeds fills the user's own
    /// library and switches to it.
    private let current: Mutex<Library>
    /// Where `R` saves stories: the library shown, or the user's library when the
    /// bundled seeds are shown because it is empty.
    private let fetchTarget: URL
    private let subscriptions: SubscriptionsFile
    private let busy = Atomic<Int>(0)
    /// Counts reloads, so a slow one finishing after a newer one does not win.
    private let reloads = Atomic<Int>(0)

    init(library: Library, fetchTarget: URL, subscriptions: SubscriptionsFile) {
        self.current = Mutex(library)
        self.fetchTarget = fetchTarget.standardizedFileURL
        self.subscriptions = subscriptions
    }

    var library: Library { current.withLock { $0 } }
    var isBusy: Bool { busy.load(ordering: .relaxed) > 0 }

    /// Reads the library folder again and posts the listing (only when it differs from
    /// what the reader shows, if asked).
    /// - Parameter shown: the listing on screen, read through rather than mapped again.
    func reloadLibrary(mailbox: Mailbox, onlyIfChanged: Bool, shown: IndexedListing? = nil) {
        let library = self.library
        run { [self] in
            reload(library, mailbox: mailbox, onlyIfChanged: onlyIfChanged, shown: shown)
        }
    }

    /// `R`: fetches every subscription into the library, with progress in the status line.
    func refreshFeeds(mailbox: Mailbox) {
        let target = fetchTarget, subscriptions = subscriptions
        run { [self] in
            let list: [Subscription]
            do {
                list = try subscriptions.load().subscriptions
            } catch {
                mailbox.post(.refreshFinished(summary: "Cannot read \(subscriptions.url.path): \(error)"))
                return
            }
            guard !list.isEmpty else {
                mailbox.post(.refreshFinished(summary: "No feeds yet: subscribe with `byline add URL`"))
                return
            }
            mailbox.post(.refreshProgress(done: 0, total: list.count))
            let report: FetchReport
            do {
                report = try await FeedFetcher.refresh(library: target, subscriptionsFile: subscriptions) { progress in
                    mailbox.post(.refreshProgress(done: progress.done, total: progress.total))
                }
            } catch {
                mailbox.post(.refreshFinished(summary: "Cannot fetch into \(target.path): \(error)"))
                return
            }
            // The run loop switches library when it takes the new listing, not before:
            // until then it still shows, and saves marks for, the stories of the old one.
            let shown = self.library
            if shown.folder == target {
                reload(shown, mailbox: mailbox, onlyIfChanged: false)
            } else {
                let library = Library(folder: target)
                let generation = reloads.add(1, ordering: .relaxed).newValue
                if let listing = Self.listing(of: library, mailbox: mailbox),
                   reloads.load(ordering: .relaxed) == generation {
                    mailbox.post(switchingTo: library, listing: listing)
                }
            }
            let firstFailure = report.failures.first.map { " — " + $0.line } ?? ""
            mailbox.post(.refreshFinished(summary: report.summary + firstFailure))
        }
    }

    /// `f`: fetches the page of a story in the library and saves the whole story.
    ///
    /// A story Byline fetched is replaced in place; a file someone else wrote is never
    /// changed, so its full version is saved beside it and opened.
    func fetchFullStory(_ id: StoryID, url: String, mailbox: Mailbox) {
        let library = self.library
        run {
            guard case .success(let existing) = library.story(id) else {
                mailbox.post(.status("Cannot read \(id.path) to add its full story", isError: true))
                return
            }
            guard let article = await Self.extract(url, mailbox: mailbox) else { return }
            guard !article.blocks.isEmpty else {
                mailbox.post(.status("\(url): no story text found on the page", isError: true))
                return
            }
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
            Self.save(story, as: name, in: library, openIt: !ownFile, mailbox: mailbox,
                      done: "Fetched the full story (\(article.blocks.count) paragraphs)")
        }
    }

    /// Following a link to a story not in the library: fetch its page, save it, open it.
    func fetchLinkedStory(url: String, title: String, mailbox: Mailbox) {
        let library = self.library
        run {
            guard let article = await Self.extract(url, mailbox: mailbox) else { return }
            guard !article.blocks.isEmpty else {
                mailbox.post(.status("“\(title)” is not in the library, and \(url) has no story text to save", isError: true))
                return
            }
            var story = article.story(url: URL(string: url))
            if story.title.isEmpty || story.title == "Untitled" { story.title = title }
            Self.save(story, as: StoryFileName.forStory(story), in: library, openIt: true, mailbox: mailbox,
                      done: "Saved “\(story.title)” from \(url)")
        }
    }

    // MARK: - Pieces

    /// Loads the library and posts its listing, unless a later reload started meanwhile
    /// (its listing is the newer one and must not be overwritten by this).
    private func reload(_ library: Library, mailbox: Mailbox, onlyIfChanged: Bool, shown: IndexedListing? = nil) {
        let generation = reloads.add(1, ordering: .relaxed).newValue
        do {
            let contents = try library.load(reusing: shown)
            // The check read every row's path and stamp; the screen needs a few of them.
            shown?.releasePages()
            if onlyIfChanged && !contents.report.foundChanges { return }
            guard reloads.load(ordering: .relaxed) == generation else { return }
            mailbox.post(.libraryReloaded(contents.listing, problems: contents.problems.map(\.message)))
        } catch {
            mailbox.post(.status("\(error)", isError: true))
        }
    }

    private static func listing(of library: Library, mailbox: Mailbox) -> Action? {
        do {
            let contents = try library.load()
            return .libraryReloaded(contents.listing, problems: contents.problems.map(\.message))
        } catch {
            mailbox.post(.status("\(error)", isError: true))
            return nil
        }
    }

    /// The run loop adopts a library a refresh switched to.
    func adopt(_ library: Library) {
        current.withLock { $0 = library }
    }

    /// Downloads and extracts a page; reports a failure in the status line and returns nil.
    private static func extract(_ address: String, mailbox: Mailbox) async -> ExtractedArticle? {
        guard let url = URL(string: address), ["http", "https"].contains(url.scheme?.lowercased() ?? "") else {
            mailbox.post(.status("\(address): not a web address Byline can fetch", isError: true))
            return nil
        }
        let client = HTTPClient()
        defer { client.close() }
        switch await client.get(url, accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5") {
        case .failure(let failure):
            mailbox.post(.status("\(address): \(failure)", isError: true))
            return nil
        case .success(let response) where !(200..<300).contains(response.status):
            mailbox.post(.status("\(address): the server answered HTTP \(response.status)", isError: true))
            return nil
        case .success(let response):
            if let problem = ArticleExtractor.binaryProblem(response.body) {
                mailbox.post(.status("\(address): \(problem)", isError: true))
                return nil
            }
            return ArticleExtractor.extract(html: response.body, url: response.finalURL, contentType: response.contentType)
        }
    }

    private static func save(_ story: Story, as name: String, in library: Library, openIt: Bool, mailbox: Mailbox, done: String) {
        do {
            let id = try library.save(story, fileName: name)
            mailbox.post(.storySaved(StorySummary(id: id, story: story), openIt: openIt))
            mailbox.post(.status(done, isError: false))
        } catch {
            mailbox.post(.status("Could not save the story: \(error)", isError: true))
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
