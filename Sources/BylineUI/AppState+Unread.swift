import BylineCore

/// The unread flow: `n`/`N` to the next or previous unread story (on into the next source
/// at the end of one), `A` to mark the list read, `U` to take that back, and hiding read
/// stories.
extension AppState {
    mutating func nextUnread(forward: Bool) -> [Effect] {
        // From the list, the story under the cursor counts: `n` on an unread one reads it.
        let current = focus == .list ? list.selected - (forward ? 1 : 0)
            : reader.flatMap { shown in visibleRow(of: shown.id) } ?? list.selected
        let positions = 0..<visible.count
        let rows = forward ? Array(positions.dropFirst(min(visible.count, max(0, current + 1))))
            : Array(positions.prefix(max(0, current)).reversed())
        if let row = rows.first(where: { !isRead(row: visible[$0]) }) {
            return open(stories.id(at: visible[row]), pushingHistory: false)
        }
        // At the end of a source: on into the next source with unread stories.
        if forward, case .source = scope {
            let order = sources?.order ?? .newestFirst
            let rows = countSources(order: order)
            let here = rows.firstIndex { $0.scope == scope } ?? rows.count
            let later = rows.dropFirst(here + 1) + rows.prefix(here)
            if let next = later.first(where: { if case .source = $0.scope { $0.unread > 0 } else { false } }) {
                show(next.scope)
                if let row = visible.firstPosition(where: { !isRead(row: $0) }) {
                    let effects = open(stories.id(at: visible[row]), pushingHistory: false)
                    message = StatusMessage("On to \(next.scope.title): \(next.unread) unread")
                    return effects
                }
            }
        }
        message = StatusMessage(forward ? "No more unread stories" : "No unread story before this one")
        return []
    }

    /// `A`: every story of the list (its scope, filter and all) marked read.
    mutating func markListRead() -> [Effect] {
        guard let ids = markRead(rows: visible.filter { !isRead(row: $0) }) else {
            message = StatusMessage("Every story here is read already")
            return []
        }
        message = StatusMessage("Marked \(ids.count) \(ids.count == 1 ? "story" : "stories") read (U undoes)")
        return [.setRead(ids, true)]
    }

    /// Marks the stories at listing rows `rows` read, for `U` to take back; their ids, or
    /// nil when there were none. By row: only the unread stories' ids are made.
    mutating func markRead(rows: [Int]) -> [StoryID]? {
        guard !rows.isEmpty else { return nil }
        let ids = rows.map(stories.id(at:))
        let before = marksBefore
        setRead(ids, rows: rows, true)
        undoable = .markedRead(ids, rows: rows, listingVersion: listingVersion, before: before)
        return ids
    }

    mutating func undo() -> [Effect] {
        guard let undoable else {
            message = StatusMessage("Nothing to undo")
            return []
        }
        self.undoable = nil
        switch undoable {
        case .markedRead(let ids, let rows, let version, let before):
            // The listing changed since: its rows are found again.
            unmarkRead(ids, rows: version == listingVersion ? rows : nil, before: before)
            applyFilter(keeping: selectedStory?.id)
            message = StatusMessage("Marked \(ids.count) \(ids.count == 1 ? "story" : "stories") unread again")
            return [.setRead(ids, false)] + selectionChanged()
        case .deleted(let id, let deletion, let row):
            hidden.remove(id)
            // The library was read again since the delete: the row joins the listing now,
            // as a fetched story does, rather than at the next read.
            if let row, summary(for: id) == nil { replaceStories(stories.adding(row)) }
            applyFilter(keeping: id)
            message = StatusMessage(deletion == .fileDeleted ? "Story restored" : "Story shown again")
            return (deletion == .fileDeleted ? [.restoreStory(id)] : []) + selectionChanged()
        }
    }

    mutating func toggleHidingRead() -> [Effect] {
        hidingRead.toggle()
        applyFilter(keeping: currentStoryID)
        message = StatusMessage(hidingRead ? "Read stories hidden (\(visible.count) shown)" : "Read stories shown")
        return selectionChanged()
    }

    /// Lists the stories of `scope`, the cursor at the top.
    mutating func show(_ scope: StoryScope) {
        self.scope = scope
        filter = nil
        list = ListState()
        history = []
        applyFilter()
    }
}
