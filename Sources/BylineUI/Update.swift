import TerminalKit
import BylineCore

/// Applies an action to the state and returns the work the shell must do.
///
/// Pure: no I/O, no clock, no globals. Every key, resize and effect result goes through
/// here, so tests drive the whole reader with actions and check state and effects.
public func update(_ state: inout AppState, _ action: Action) -> [Effect] {
    switch action {
    case .started:
        return state.selectionChanged()
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
        return state.reader?.id == id ? state.followPendingLink() : []
    case .libraryReloaded(let stories, let problems):
        state.replaceStories(stories)
        state.problems = problems
        state.keepSelectionVisible()
        // Any story may have changed on disk (a fetch rewrites updated items in place):
        // forget what was read and read the one on screen again.
        state.loaded = [:]
        guard let shown = state.reader?.id else { return [] }
        if state.summary(for: shown) == nil {
            // The story on screen is gone (deleted, or the listing is another library's):
            // back to the list, showing what the cursor is on.
            state.focus = .list
            state.history = []
            state.reader = nil
            return state.selectionChanged()
        }
        return [.loadStory(shown)]
    case .status(let text, let isError):
        state.message = StatusMessage(text, isError: isError)
        return []
    case .storySaved(let summary, let openIt):
        state.loaded[summary.id] = nil
        state.replaceStories(state.stories.adding(summary))
        if openIt { return state.open(summary.id, pushingHistory: state.reader != nil && state.focus == .reader) }
        if state.reader?.id == summary.id { return [.loadStory(summary.id)] }
        return []
    case .refreshProgress(let done, let total):
        state.refresh = RefreshProgress(done: done, total: total)
        return []
    case .refreshFinished(let summary):
        state.refresh = nil
        state.message = StatusMessage(summary)
        return []
    }
}

private func handle(_ key: Key, _ state: inout AppState) -> [Effect] {
    state.message = nil
    if state.showingHelp {
        state.showingHelp = false
        return key == .character("q") ? [.quit] : []
    }
    if case .click = key { return state.mouse(key) }
    if case .wheel = key { return state.mouse(key) }
    if let filter = state.filter, filter.isEditing {
        return editFilter(key, &state)
    }
    let context: KeyMap.Context = state.focus == .list ? .list : .reader
    guard let command = state.keyMap.command(for: key, in: context) else { return [] }
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
            guard let id = state.selectedID else { return [] }
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
        let id = state.selectedID
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
        return [.refreshFeeds]
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

private func editFilter(_ key: Key, _ state: inout AppState) -> [Effect] {
    guard var filter = state.filter else { return [] }
    switch key {
    case .escape:
        state.clearFilter()
        return state.selectionChanged()
    case .enter:
        filter.isEditing = false
        state.filter = filter.isEmpty ? nil : filter
        return []
    case .backspace:
        if filter.query.isEmpty {
            state.clearFilter()
            return state.selectionChanged()
        }
        // Widening the filter keeps the cursor where it is.
        let id = state.selectedID
        filter.deleteBackward()
        state.filter = filter
        state.applyFilter(keeping: id)
        return state.selectionChanged()
    case .character(let c):
        // Narrowing it puts the cursor on the best (first) match.
        filter.type(c)
        state.filter = filter
        state.list.selected = 0
        state.applyFilter()
        return state.selectionChanged()
    case .up: return state.moveSelection(by: -1)
    case .down: return state.moveSelection(by: 1)
    default:
        return []
    }
}
