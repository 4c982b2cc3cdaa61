import BylineCore

/// The unread flow: `n`/`N` to the next or previous unread story (on into the next source
/// at the end of one), `A` to mark the list read, `U` to take that back, and hiding read
/// stories.
extension AppState {
    mutating func nextUnread(forward: Bool) -> [Effect] {
        // From the list, the story under the cursor counts: `n` on an unread one reads it.
        let current = focus == .list ? list.selected - (forward ? 1 : 0)
            : reader.flatMap { shown in visibleRow(of: shown.id) } ?? list.selected
        // Looked through in place: made into an array, the positions after the cursor (up
        // to 100,000) took half of `n`'s time, most of it faulting in fresh pages.
        let positions = 0..<visible.count
        func unread(_ position: Int) -> Bool { !isRead(row: visible[position]) }
        let found = forward ? positions.dropFirst(min(visible.count, max(0, current + 1))).first(where: unread)
            : positions.prefix(max(0, current)).reversed().first(where: unread)
        if let row = found {
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
        guard let marked = markRead(rows: unreadRows(of: visible)) else {
            message = StatusMessage("Every story here is read already")
            return []
        }
        message = StatusMessage("Marked \(marked.count) \(marked.count == 1 ? "story" : "stories") read (U undoes)")
        return [.setRead(marked, true)]
    }

    /// Marks the stories at listing rows `rows` read, for `U` to take back; them, or nil
    /// when there were none. By row: no story's id is made here, and the effect hands
    /// the rows on with their listing, for the thread that saves marks to name them.
    mutating func markRead(rows: RowSet) -> StoriesAtRows? {
        guard !rows.isEmpty else { return nil }
        setRead(rows: rows, true)
        let marked = StoriesAtRows(stories, rows: rows)
        undoable = .markedRead(marked, listingVersion: listingVersion)
        return marked
    }

    mutating func undo() -> [Effect] {
        guard let undoable else {
            message = StatusMessage("Nothing to undo")
            return []
        }
        self.undoable = nil
        switch undoable {
        case .markedRead(let marked, let version):
            if version == listingVersion && sameListing(marked.listing.listing, stories.listing) {
                setRead(rows: marked.rows, false)
            } else {
                // The listing changed since: each story is found again where it is now.
                marked.rows.forEach { row in
                    let id = marked.listing.id(at: row)
                    setRead(id, row: stories.row(of: id), false)
                }
            }
            applyFilter(keeping: selectedStory?.id)
            message = StatusMessage("Marked \(marked.count) \(marked.count == 1 ? "story" : "stories") unread again")
            // The same rows of the same listing as `A` saved: they name the same stories.
            return [.setRead(marked, false)] + selectionChanged()
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
