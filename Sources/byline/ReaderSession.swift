import BylineCore
import BylineStore
import BylineUI
import Foundation
import NcursesTerminal
import TerminalKit

/// The reader's run loop: keys become actions, `update` returns effects, this performs
/// them, and `render` draws what is shown.
final class ReaderSession {
    private let screen = NcursesScreen()
    private let mailbox = Mailbox()
    private let backgroundWork: BackgroundWork
    private var state: AppState
    private var running = true
    private let exitAfterFirstFrame: Bool

    private let checkFolder: Bool

    /// - Parameter checkFolder: the listing came from the index alone; read the folder in
    ///   the background and show what changed.
    init(state: AppState, backgroundWork: BackgroundWork, exitAfterFirstFrame: Bool = false,
         checkFolder: Bool = false) {
        self.exitAfterFirstFrame = exitAfterFirstFrame
        self.checkFolder = checkFolder
        self.state = state
        self.backgroundWork = backgroundWork
    }

    /// Runs until the reader quits or a quit signal arrives; the terminal is restored on
    /// every way out.
    func run() throws {
        try screen.start()
        defer { screen.stop() }
        let size = screen.size
        dispatch(.resized(width: size.width, height: size.height))
        dispatch(.started)
        if checkFolder && !exitAfterFirstFrame { backgroundWork.reloadLibrary(mailbox: mailbox, onlyIfChanged: true, shown: state.stories as? IndexedListing) }
        var needsDrawing = true
        while running {
            // Drawn only after something happened: an idle reader costs nothing.
            if needsDrawing { screen.draw(render(state)) }
            if exitAfterFirstFrame { break }
            if TerminalRestorer.pendingSignal != 0 { break }
            let event = screen.nextEvent(milliseconds: backgroundWork.isBusy ? 50 : 200)
            needsDrawing = event != nil
            switch event {
            case .key(let key)?: dispatch(.key(key))
            case .resized(let width, let height)?: dispatch(.resized(width: width, height: height))
            case nil: break
            }
            for message in mailbox.takeAll() {
                needsDrawing = true
                switch message {
                case .action(let action): dispatch(action)
                case .switchLibrary(let library): backgroundWork.adopt(library)
                }
            }
        }
    }

    private func dispatch(_ action: Action) {
        perform(BylineUI.update(&state, action))
    }

    private func perform(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .loadStory(let id):
                dispatch(.storyLoaded(id, backgroundWork.library.story(id)))
            case .markRead(let id): record(.markRead(id))
            case .markUnread(let id): record(.markUnread(id))
            case .star(let id): record(.star(id))
            case .unstar(let id): record(.unstar(id))
            case .openInBrowser(let url):
                let outcome = screen.suspend { Browser.open(url) }
                dispatch(.status(outcome.message, isError: !outcome.succeeded))
            case .refreshFeeds:
                backgroundWork.refreshFeeds(mailbox: mailbox)
            case .fetchFullStory(let id, let url):
                backgroundWork.fetchFullStory(id, url: url, mailbox: mailbox)
            case .fetchLinkedStory(let url, let title):
                backgroundWork.fetchLinkedStory(url: url, title: title, mailbox: mailbox)
            case .redrawScreen:
                screen.invalidate()
            case .quit:
                running = false
            }
        }
    }

    /// Saves a read or star change; a failure is shown, the reader goes on.
    ///
    /// When the saved state turns out damaged (the store sets the file aside and keeps
    /// only this change), the marks the reader holds are saved again, so none are lost.
    private func record(_ change: ReadingChange) {
        let readingState = backgroundWork.library.readingState
        do {
            let saved = try readingState.apply(change)
            guard let problem = saved.problem else { return }
            let marks = state.read.map(ReadingChange.markRead) + state.starred.map(ReadingChange.star)
            _ = try readingState.apply(marks)
            dispatch(.status("\(problem); your read and starred marks were saved again", isError: true))
        } catch {
            dispatch(.status("Could not save reading state: \(error)", isError: true))
        }
    }
}
