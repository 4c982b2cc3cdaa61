import BylineConfig
import BylineCore
import BylineStore
import BylineUI
import Foundation
import NcursesTerminal
import TerminalKit

/// The reader's run loop: keys become actions, the store applies them and asks for
/// effects, this performs them, and `render` draws what is shown.
final class ReaderSession {
    private let screen = NcursesScreen()
    private let mailbox = Mailbox()
    private let backgroundWork: BackgroundWork
    private var store: Store
    private var running = true
    /// Whether a frame was drawn since keys last rested (see `run`).
    private var drawnSinceRest = false
    private let exitAfterFirstFrame: Bool
    /// The library of each folder the state has named, made once: making one checks
    /// where its bookkeeping can be written.
    private var libraries: [URL: Library] = [:]
    private let configuration: Configuration
    /// Libraries with stories deleted this session: their kept copies go when it ends.
    private var deletedThisSession: Set<URL> = []
    /// Saves marks behind the screen (see `MarksWriter`).
    private lazy var marksWriter = MarksWriter(mailbox: mailbox)

    init(state: AppState, backgroundWork: BackgroundWork, configuration: Configuration = .defaults,
         exitAfterFirstFrame: Bool = false) {
        self.configuration = configuration
        self.exitAfterFirstFrame = exitAfterFirstFrame
        self.store = Store(state)
        self.backgroundWork = backgroundWork
    }

    /// Runs until the reader quits or a quit signal arrives; the terminal is restored on
    /// every way out.
    func run() throws {
        try screen.start()
        defer { screen.stop() }
        defer { for folder in deletedThisSession { library(at: folder).forgetDeleted() } }
        defer { marksWriter.finish() }
        let size = screen.size
        send(.resized(width: size.width, height: size.height))
        send(.started)
        var needsDrawing = true
        // When the pages rows were read from were last given back (see below).
        var pagesGivenBack = DispatchTime.now().uptimeNanoseconds
        while running {
            // Drawn only after something happened: an idle reader costs nothing.
            if needsDrawing {
                screen.draw(render(store.state))
                drawnSinceRest = true
            }
            if exitAfterFirstFrame { break }
            if TerminalRestorer.pendingSignal != 0 { break }
            // Background work posts wake the wait, so its results show as they come.
            let rest: Int32 = backgroundWork.isBusy ? 50 : 200
            let waitStarted = DispatchTime.now().uptimeNanoseconds
            var event = screen.nextEvent(milliseconds: rest, orWakeUp: mailbox.wakeUp)
            let now = DispatchTime.now().uptimeNanoseconds
            // Woken by background work (a search answer to draw) is no rest: its frame
            // reads the rows the key's own frame just read. Work posting without pause (a
            // long fetch) still lets them go once a second.
            let rested = now - waitStarted >= UInt64(rest) * 900_000 || now - pagesGivenBack >= 1_000_000_000
            if event == nil, rested, drawnSinceRest {
                pagesGivenBack = now
                // Keys read pages of the index file here and there (rows drawn, stories
                // looked up by path, links resolved, search results), and the kernel maps
                // 64 KB around each: kept, they pile up as the reader is browsed (7.6 MiB
                // after some 300 keys at 100,000 stories). Once keys rest they are given
                // back; the next frame reads its few rows again from the page cache. Not
                // after every frame: pages dropped under a key's own work cost it time.
                store.state.stories.releasePages()
                drawnSinceRest = false
            }
            needsDrawing = false
            var taken = 0
            // Keys that came while the last frame was drawn are all taken before the next
            // one: a frame per key would leave the screen further and further behind.
            while let next = event, running {
                needsDrawing = true
                taken += 1
                switch next {
                case .key(let key): send(.key(key))
                case .resized(let width, let height): send(.resized(width: width, height: height))
                }
                event = taken < 100 ? screen.nextEvent(milliseconds: 0) : nil
            }
            for action in mailbox.takeAll() {
                needsDrawing = true
                send(action)
            }
        }
    }

    private func send(_ action: Action) {
        store.send(action) { effect, state in perform(effect, in: state) }
        numberSources()
        if case .marksNotSaved(.damagedAndSavedAgain(_)) = action {
            // The damaged file lost marks the reader still holds: all of them go back.
            let state = store.state
            let library = library(at: state.library.folder)
            marksWriter.save(.marked(state.readStories, read: true), to: library.readingState)
            record(state.unlistedRead.map(ReadingChange.markRead) + state.starred.map(ReadingChange.star), in: library, state)
        }
    }

    /// The listing whose sources were last numbered (see `SourceNumbers`).
    private var numbered: ObjectIdentifier?

    /// Numbers a new listing's sources behind the screen, so `S` counts from the numbers.
    private func numberSources() {
        let shown = store.state.stories
        let listing = ObjectIdentifier(shown.listing)
        guard numbered != listing else { return }
        numbered = listing
        backgroundWork.run { [mailbox] in mailbox.post(.sourcesCounted(SourceNumbers(shown))) }
    }

    /// Does one effect in the library the state shows; returns what it gave at once.
    /// Slow work runs in the background and posts its result to the mailbox.
    private func perform(_ effect: Effect, in state: AppState) -> [Action] {
        let library = library(at: state.library.folder)
        switch effect {
        case .loadStory(let id):
            return [.storyLoaded(id, library.story(id))]
        case .markRead(let id): return record(.markRead(id), in: library, state)
        case .markUnread(let id): return record(.markUnread(id), in: library, state)
        case .setRead(let stories, let isRead):
            marksWriter.save(.marked(stories, read: isRead), to: library.readingState)
        case .star(let id): return record(.star(id), in: library, state)
        case .unstar(let id): return record(.unstar(id), in: library, state)
        case .openInBrowser(let url):
            return [.openedInBrowser(url: url, screen.suspend { Browser.open(url, settings: configuration.browser) })]
        case .readLibrary(let read):
            // The same library's index is read through the mapping the screen already has,
            // and only what changed since is sent back.
            let shown = read.folder == state.library.folder ? state.stories.base as? IndexedListing : nil
            backgroundWork.readLibrary(read, from: self.library(at: read.folder),
                                       withMarks: read.folder != state.library.folder, shown: shown, mailbox: mailbox)
        case .refreshFeeds(let target):
            backgroundWork.refreshFeeds(into: target, mailbox: mailbox)
        case .syncWithServer(let target):
            backgroundWork.syncWithServer(into: target, mailbox: mailbox)
        case .fetchFullStory(let id, let url):
            backgroundWork.fetchFullStory(id, url: url, in: library, mailbox: mailbox)
        case .fetchLinkedStory(let url, let title):
            backgroundWork.fetchLinkedStory(url: url, title: title, in: library, mailbox: mailbox)
        case .search(let request):
            backgroundWork.search(request, stories: state.stories, in: library, mailbox: mailbox)
        case .prepareSearch:
            backgroundWork.prepareSearch(stories: state.stories, in: library)
        case .findSimilar(let id):
            backgroundWork.findSimilar(id, in: library, mailbox: mailbox)
        case .redrawScreen:
            screen.invalidate()
        case .rememberTheme(let name):
            return rememberTheme(name)
        case .deleteStory(let id):
            guard Library.isSavedByByline(id) else { return [.storyDeleted(id, .success(.hidden))] }
            do {
                try library.remove(id, keepForUndo: true)
                deletedThisSession.insert(library.folder)
                return [.storyDeleted(id, .success(.fileDeleted))]
            } catch {
                return [.storyDeleted(id, .failure(FailureReason("\(error)")))]
            }
        case .restoreStory(let id):
            do {
                try library.restore(id)
            } catch {
                return [.storyNotRestored(id, FailureReason("\(error)"))]
            }
        case .rememberSplit(let split):
            var choices = ReaderChoices.load()
            choices.split = split
            choices.splitReplaced = configuration.layout.split
            try? choices.save()
        case .quit:
            running = false
        }
        return []
    }

    private func library(at folder: URL) -> Library {
        if let library = libraries[folder] { return library }
        let library = Library(folder: folder)
        libraries[folder] = library
        return library
    }

    /// Keeps the theme `t` chose for the next start (see `ReaderChoices` for why not in config.toml).
    private func rememberTheme(_ name: String) -> [Action] {
        var choices = ReaderChoices.load()
        choices.theme = name
        choices.themeReplaced = configuration.theme.name ?? "default"
        do {
            try choices.save()
        } catch {
            return [.marksNotSaved(.notSaved(FailureReason("the theme choice was not remembered in \(ReaderChoices.file().path): \(error)")))]
        }
        return []
    }

    /// Saves read or star changes in the background; a failure is shown when it comes, the
    /// reader goes on.
    private func record(_ change: ReadingChange, in library: Library, _ state: AppState) -> [Action] {
        record([change], in: library, state)
    }

    private func record(_ changes: [ReadingChange], in library: Library, _ state: AppState) -> [Action] {
        marksWriter.save(.changes(changes), to: library.readingState)
        return []
    }
}
