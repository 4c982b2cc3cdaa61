import TerminalKit
import BylineCore

/// What keys do: a key becomes a command through the key map, and the command changes
/// the state.
func handle(_ key: Key, _ state: inout AppState) -> [Effect] {
    state.message = nil
    if state.showingHelp {
        // Any key closes the help; the quit key also quits.
        state.showingHelp = false
        return state.keyMap.command(for: key) == .quit ? [.quit] : []
    }
    if case .click = key { return state.mouse(key) }
    if case .wheel = key { return state.mouse(key) }
    if let filter = state.filter, filter.isEditing {
        return editFilter(key, &state)
    }
    guard let command = state.keyMap.command(for: key) else { return [] }
    return perform(command, &state)
}

func perform(_ command: Command, _ state: inout AppState) -> [Effect] {
    let onList = state.focus == .list
    switch command {
    case .moveUp: return onList ? state.moveSelection(by: -1) : state.scrollReader(by: -1)
    case .moveDown: return onList ? state.moveSelection(by: 1) : state.scrollReader(by: 1)
    case .pageUp: return onList ? state.moveList { $0.pageUp() } : state.scrollReader(by: -state.readerPageStep)
    case .pageDown: return onList ? state.moveList { $0.pageDown() } : state.scrollReader(by: state.readerPageStep)
    case .scrollPage:
        if onList && !state.readerIsVisible { return state.moveList { $0.pageDown() } }
        return state.scrollReader(by: state.readerPageStep)
    case .top: return onList ? state.moveList { $0.home() } : state.scrollReader(by: -Int.max / 2)
    case .bottom: return onList ? state.moveList { $0.end() } : state.scrollReader(by: Int.max / 2)
    case .open:
        if onList {
            guard let id = state.selectedStory?.id else { return [] }
            return state.open(id, pushingHistory: false)
        }
        guard let number = state.reader?.selectedLink else { return state.scrollReader(by: state.readerPageStep) }
        return state.followLink(number)
    case .back:
        return state.goBack()
    case .nextLink, .previousLink:
        return state.stepLink(forward: command == .nextLink)
    case .followLink(let number):
        return state.followLink(number)
    case .startFilter:
        // A new search, as `/` starts one in less and vim; Backspace on the empty prompt
        // or Esc brings the whole list back.
        let id = state.selectedStory?.id
        state.filter = ListFilter(query: "", isEditing: true)
        state.applyFilter(keeping: id)
        state.focus = .list
        return []
    case .toggleRead:
        guard let id = state.currentStoryID else { return [] }
        if state.read.contains(id) {
            state.setRead(id, false)
            return [.markUnread(id)]
        }
        state.setRead(id, true)
        return [.markRead(id)]
    case .toggleStar:
        guard let id = state.currentStoryID else { return [] }
        if state.starred.contains(id) {
            state.starred.remove(id)
            state.message = StatusMessage("Unstarred")
            return [.unstar(id)]
        }
        state.starred.insert(id)
        state.message = StatusMessage("Starred")
        return [.star(id)]
    case .openInBrowser:
        guard let url = state.currentURL else {
            state.message = StatusMessage("This story has no web address to open", isError: true)
            return []
        }
        return [.openInBrowser(url)]
    case .refreshFeeds:
        guard state.refresh == nil else {
            state.message = StatusMessage("Already fetching feeds")
            return []
        }
        state.refresh = RefreshProgress(done: 0, total: 0)
        guard state.syncsWithServer else { return [.refreshFeeds(into: state.library.fetchesInto)] }
        state.refresh?.sync = .loggingIn
        return [.syncWithServer(into: state.library.fetchesInto)]
    case .fetchFullStory:
        guard let id = state.currentStoryID, let url = state.currentURL else {
            state.message = StatusMessage("This story has no web address to fetch it from", isError: true)
            return []
        }
        state.message = StatusMessage("Fetching the full story from \(url)…")
        return [.fetchFullStory(id, url: url)]
    case .nextTheme:
        state.themeIndex = (state.themeIndex + 1) % state.themes.count
        state.message = StatusMessage("Theme: \(state.theme.name)")
        return []
    case .help:
        state.showingHelp = true
        return []
    case .redraw:
        return [.redrawScreen]
    case .quit:
        return [.quit]
    }
}
