import BylineCore
import TerminalKit

/// Moving through the list, scrolling the story, following links and coming back.
extension AppState {
    /// Rows the list shows at once; paging moves by this much.
    var listHeight: Int {
        (layout.list ?? ScreenLayout(size: screen, focus: .list, room: room).list)?.height ?? 0
    }

    var readerPageStep: Int { max(1, readerHeight - 2) }

    var currentURL: String? {
        if let story = currentStory, let url = story.url { return url }
        guard let id = currentStoryID else { return nil }
        return summary(for: id)?.url
    }

    // MARK: - List

    mutating func moveSelection(by delta: Int) -> [Effect] {
        moveList { $0.select($0.selected + delta) }
    }

    /// Moves the cursor with TerminalKit's list arithmetic (paging keeps the row's place
    /// on screen, the wheel scrolls and drags the cursor along), then lets the reading
    /// pane follow.
    mutating func moveList(_ move: (inout ListViewport) -> Void) -> [Effect] {
        var viewport = ListViewport(count: visible.count, height: listHeight, selected: list.selected, offset: list.offset)
        move(&viewport)
        guard viewport.selected != list.selected || viewport.offset != list.offset else { return [] }
        list.selected = viewport.selected
        list.offset = viewport.offset
        return selectionChanged()
    }

    /// After the cursor moved: keep it on screen, and let the reading pane follow it.
    mutating func selectionChanged() -> [Effect] {
        keepSelectionVisible()
        guard readerIsVisible, focus == .list else { return [] }
        guard let id = selectedID else {
            reader = nil
            return []
        }
        guard reader?.id != id else { return [] }
        history = []
        reader = ReaderState(id: id)
        return loadOrAskForMoreOnThis(id)
    }

    /// The effects a story coming into the reading pane needs: read from disk, or, read
    /// already, its "More on this" if not known (an earlier request for it may have been
    /// dropped for a story shown after it).
    func loadOrAskForMoreOnThis(_ id: StoryID) -> [Effect] {
        guard let result = loaded[id] else { return [.loadStory(id)] }
        return askForMoreOnThis(id, result)
    }

    mutating func keepSelectionVisible() {
        list.offset = ListViewport.offset(count: visible.count, height: listHeight, selected: list.selected, offset: list.offset)
    }

    // MARK: - Reader

    /// Opens a story in the reading pane and gives it the focus; marks it read.
    mutating func open(_ id: StoryID, pushingHistory: Bool) -> [Effect] {
        if pushingHistory, let reader, reader.id != id {
            history.append(reader)
        } else if !pushingHistory {
            history = []
        }
        reader = ReaderState(id: id)
        focus = .reader
        if let row = visibleRow(of: id) {
            list.selected = row
            keepSelectionVisible()
        }
        var effects = loadOrAskForMoreOnThis(id)
        if !isRead(id) {
            setRead(id, true)
            effects.append(.markRead(id))
        }
        return effects
    }

    /// Back: to the story the last link left, then from the reader to the list.
    mutating func goBack() -> [Effect] {
        if focus == .reader, let previous = history.popLast() {
            reader = previous
            if let row = visibleRow(of: previous.id) {
                list.selected = row
                keepSelectionVisible()
            }
            return loadOrAskForMoreOnThis(previous.id)
        }
        if focus == .reader {
            focus = .list
            history = []
            reader?.selectedLink = nil
            return selectionChanged()
        }
        if filter != nil {
            clearFilter()
            return selectionChanged()
        }
        // Back from one source's stories: to the sources view it was picked in.
        if scope != .all { return openSources() }
        return []
    }

    mutating func scrollReader(by delta: Int) -> [Effect] {
        guard var current = reader, let page = readerPage else { return [] }
        current.scroll = min(max(0, current.scroll + delta), maximumScroll(of: page))
        reader = current
        return []
    }

    /// Drops a link selection the story does not have (it was made before it loaded).
    mutating func checkSelectedLink() {
        guard let number = reader?.selectedLink, let page = readerPage else { return }
        if !page.links.contains(where: { $0.number == number }) { reader?.selectedLink = nil }
    }

    mutating func clampReaderScroll() {
        guard var current = reader, let page = readerPage else { return }
        current.scroll = min(max(0, current.scroll), maximumScroll(of: page))
        reader = current
    }

    /// Tab and Shift-Tab: select the next or previous link, scrolling it into view. From
    /// the list, Tab first opens the story shown.
    mutating func stepLink(forward: Bool) -> [Effect] {
        var effects: [Effect] = []
        if focus == .list {
            guard let id = selectedID else { return [] }
            effects = open(id, pushingHistory: false)
        }
        if focus == .reader, var current = reader, loaded[current.id] == nil {
            // Opened from the list and still loading: select the first link now; the
            // selection is checked against the story's links when it arrives.
            if forward { current.selectedLink = 1 }
            reader = current
            return effects
        }
        guard var current = reader, let page = readerPage, !page.links.isEmpty else {
            if focus == .reader, loaded[reader?.id ?? StoryID("")] != nil { message = StatusMessage("This story has no links") }
            return effects
        }
        let count = page.links.count
        let now = current.selectedLink ?? (forward ? 0 : count + 1)
        current.selectedLink = forward ? (now % count) + 1 : ((now - 2 + count) % count) + 1
        if let line = page.linkLines[current.selectedLink ?? 1] {
            let height = max(1, readerHeight)
            if line < current.scroll || line >= current.scroll + height {
                current.scroll = min(max(0, line - height / 3), maximumScroll(of: page))
            }
        }
        reader = current
        return effects
    }

    /// Follows link `number` of the story shown: opens it if the library has it, and
    /// otherwise asks for it to be fetched or says it is missing. From the list, the
    /// story under the cursor is opened first (and read), then its link followed.
    mutating func followLink(_ number: Int) -> [Effect] {
        var effects: [Effect] = []
        if focus == .list {
            guard let id = selectedID else { return [] }
            effects = open(id, pushingHistory: false)
            if loaded[id] == nil {
                // Its links are known once it loads; `storyLoaded` follows this one then.
                reader?.pendingLink = number
                return effects
            }
        }
        guard let page = readerPage, let link = page.links.first(where: { $0.number == number }) else {
            message = StatusMessage(reader == nil ? "No story is open" : "This story has no link \(number)", isError: true)
            return effects
        }
        if let id = link.story ?? resolve(link.target) {
            if id == reader?.id {
                message = StatusMessage("That link is this story")
                return effects
            }
            reader?.selectedLink = number
            return effects + open(id, pushingHistory: true)
        }
        if let url = link.target.url {
            reader?.selectedLink = number
            message = StatusMessage("“\(link.text)” is not in the library; fetching \(url)…")
            return effects + [.fetchLinkedStory(url: url, title: link.text)]
        }
        message = StatusMessage("“\(link.text)” is not in the library", isError: true)
        return effects
    }

    /// A link asked for before its story loaded, followed now that it has.
    mutating func followPendingLink() -> [Effect] {
        guard let number = reader?.pendingLink else { return [] }
        reader?.pendingLink = nil
        return followLink(number)
    }

    // MARK: - Loaded stories

    /// How many stories stay in memory; the rest are read again when shown.
    static let loadedLimit = 32

    mutating func remember(_ id: StoryID, _ result: Result<Story, StoryFileProblem>) {
        loaded[id] = result
        guard loaded.count > Self.loadedLimit else { return }
        let keep = Set(history.map(\.id) + [reader?.id, selectedID].compactMap { $0 } + [id])
        for key in loaded.keys where !keep.contains(key) {
            loaded[key] = nil
            if loaded.count <= Self.loadedLimit { break }
        }
    }
}
