import TerminalKit
import BylineCore

/// What keys do: a key becomes a command through the key map, and the command changes
/// the state.
func handle(_ key: Key, _ state: inout AppState) -> [Effect] {
    state.message = nil
    if state.showingHelp {
        // The scrolling keys scroll help; any other key (q and Esc among them) closes it.
        let page = max(1, state.screen.height - 2)
        let step: Int? = switch state.keyMap.command(for: key) {
        case .moveDown?: 1
        case .moveUp?: -1
        case .pageDown?, .scrollPage?: page
        case .pageUp?: -page
        case .top?: -Int.max / 2
        case .bottom?: Int.max / 2
        default: nil
        }
        var scroll = step
        if case .wheel(_, _, let lines) = key { scroll = lines }
        if let scroll {
            state.helpScroll = min(max(0, state.helpScroll + scroll), HelpScreen.maximumScroll(state))
            return []
        }
        state.showingHelp = false
        return []
    }
    if case .click = key { return state.mouse(key) }
    if case .wheel = key { return state.mouse(key) }
    if let filter = state.filter, filter.isEditing {
        return editFilter(key, &state)
    }
    if let typed = state.typedLinkNumber {
        state.typedLinkNumber = nil
        switch key {
        case .character(let c) where c.isASCII && c.isNumber:
            return state.typeLinkDigit(c.wholeNumberValue ?? 0, after: typed)
        case .enter: return state.followLink(typed)
        case .escape, .backspace: return []
        default: break  // Any other key does what it always does.
        }
    }
    guard let command = state.keyMap.command(for: key) else { return [] }
    if let effects = state.performInSources(command) { return effects }
    let effects = perform(command, &state)
    // A command let through the sources view (U, H, R…) may change what it counts.
    if state.sources != nil { state.recountSources() }
    return effects
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
        return state.typeLinkDigit(number, after: nil)
    case .startFilter:
        // A new search, as `/` starts one in less and vim; Backspace on the empty prompt
        // or Esc brings the whole list back.
        let id = state.selectedID
        state.filter = ListFilter(query: "", isEditing: true)
        state.applyFilter(keeping: id)
        state.focus = .list
        return [.prepareSearch]
    case .toggleRead:
        guard let id = state.currentStoryID else { return [] }
        if state.isRead(id) {
            state.setRead(id, false)
            state.message = StatusMessage("Marked unread")
            return [.markUnread(id)]
        }
        state.setRead(id, true)
        state.message = StatusMessage("Marked read")
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
        // What a refused link led to, else the link Tab selected, else the story's own page.
        if let offered = state.offeredForBrowser {
            state.offeredForBrowser = nil
            return [.openInBrowser(offered)]
        }
        if let url = state.selectedLinkURL { return [.openInBrowser(url)] }
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
        return [.rememberTheme(state.theme.name)]
    case .help:
        state.showingHelp = true
        return []
    case .redraw:
        return [.redrawScreen]
    case .quit:
        return [.quit]
    case .nextUnread, .previousUnread:
        return state.nextUnread(forward: command == .nextUnread)
    case .markAllRead:
        return state.markListRead()
    case .undo:
        return state.undo()
    case .toggleHideRead:
        return state.toggleHidingRead()
    case .showSources:
        return state.openSources()
    case .sortSources:
        return []
    case .toggleFullScreen:
        state.room.fullScreen.toggle()
        state.message = StatusMessage(state.room.fullScreen ? "Full-screen reading (z for the list beside)" : "The list beside the story")
        if state.focus == .list, let id = state.selectedStory?.id, state.room.fullScreen {
            return state.open(id, pushingHistory: false)
        }
        state.clampReaderScroll()
        return []
    case .deleteStory:
        guard let id = state.currentStoryID else { return [] }
        return [.deleteStory(id)]
    case .narrowerList, .widerList:
        let step = command == .widerList ? 5 : -5
        state.room = ReadingRoom(split: state.room.split + step, measure: state.room.measure,
                                 centred: state.room.centred, fullScreen: false)
        state.clampReaderScroll()
        state.keepSelectionVisible()
        state.message = StatusMessage("The list takes \(state.room.split)% beside a story")
        return [.rememberSplit(state.room.split)]
    }
}
