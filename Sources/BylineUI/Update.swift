import TerminalKit
import BylineCore

/// Applies an action to the state and returns the work the shell must do.
///
/// Pure: no I/O, no clock, no globals. Every key, resize and effect result goes through
/// here, so tests drive the whole reader with actions and check state and effects. The
/// work is split by area: keys (`KeyCommands`), the library's listing
/// (`AppState+Library`) and what fetching brings back (`AppState+Fetching`).
public func update(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .started:
        return state.start()
    case .key(let key):
        return handle(key, &state)
    case .resized(let width, let height):
        state.screen = ScreenSize(width: width, height: height)
        state.keepSelectionVisible()
        state.clampReaderScroll()
        return []
    case .storyLoaded(let id, let result):
        state.remember(id, result)
        state.clampReaderScroll()
        state.checkSelectedLink()
        guard state.reader?.id == id else { return [] }
        let followed = state.followPendingLink()
        // A story left at once for the link asked for needs no "More on this".
        return followed + (state.reader?.id == id ? state.askForMoreOnThis(id, result) : [])
    case .searched(let request, let result):
        return state.searched(request, result)
    case .similarFound(let id, let stories):
        state.rememberMoreOnThis(id, stories)
        return []
    case .libraryRead(let read, let result):
        let effects = state.take(read, result)
        state.recountSources()
        return effects
    case .libraryChanged(let read, let changes):
        let effects = state.take(read, changes)
        state.recountSources()
        return effects
    case .fullStoryFetched(let id, let url, let result):
        return state.fullStoryFetched(id, url: url, result)
    case .linkedStoryFetched(let url, let title, let result):
        return state.linkedStoryFetched(url: url, title: title, result)
    case .syncProgress(let stage):
        state.refresh = state.refresh ?? RefreshProgress(done: 0, total: 0)
        state.refresh?.sync = stage
        return []
    case .refreshProgress(let done, let total):
        // Progress posted late, after the fetch was over, must not bring the counter back.
        state.refresh?.done = done
        state.refresh?.total = total
        return []
    case .feedsFetched(let result):
        return state.feedsFetched(result)
    case .openedInBrowser(let url, .success(let command)):
        state.message = StatusMessage("Opened \(url) with \(command)")
        return []
    case .openedInBrowser(let url, .failure(let problem)):
        state.message = StatusMessage(problem.sentence(url: url), isError: true)
        return []
    case .storyDeleted(let id, let result):
        return state.storyDeleted(id, result)
    case .storyNotRestored(let id, let reason):
        state.message = StatusMessage("Could not restore \(id.path): \(reason)", isError: true)
        return []
    case .sourcesCounted(let numbers):
        state.take(numbers)
        return []
    case .marksNotSaved(let problem):
        state.message = StatusMessage(problem.sentence, isError: true)
        return []
    }
}
