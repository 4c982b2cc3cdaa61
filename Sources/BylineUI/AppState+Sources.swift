import BylineCore
import TerminalKit

/// The sources view: every source with its counts; Enter lists its stories, back returns.
extension AppState {
    /// The rows the view shows now.
    public var sourceRows: [SourceList.Row] {
        sources?.rows ?? countSources(order: .newestFirst)
    }

    /// From the listing's source numbering once it has come, else from the listing itself.
    func countSources(order: SourceList.Order) -> [SourceList.Row] {
        if let numbers = sourceNumbers.value, numbers.number(stories) {
            return SourceList.make(numbers.tallies(read: readMarks.rows, starred: starred), order: order, folders: sourceFolders).rows
        }
        // Before the numbering comes (a moment after a listing): counted from every read id.
        return SourceList.make(stories, read: read, starred: starred, order: order, folders: sourceFolders).rows
    }

    /// Takes the source numbering made behind the screen, if it is of the listing shown.
    mutating func take(_ numbers: SourceNumbers) {
        if numbers.number(stories) { sourceNumbers.value = numbers }
    }

    /// Counts the rows again, after the marks or the listing changed under the view.
    mutating func recountSources() {
        guard var view = sources else { return }
        view.rows = countSources(order: view.order)
        view.list.selected = min(view.list.selected, max(0, view.rows.count - 1))
        sources = view
    }

    mutating func openSources() -> [Effect] {
        var view = sources ?? SourcesView()
        view.rows = countSources(order: view.order)
        // The cursor starts on the source being read.
        if let row = view.rows.firstIndex(where: { $0.scope == scope }) { view.list.selected = row }
        sources = view
        return []
    }

    /// The reader opens on the sources view when there are two sources or more to choose
    /// between, the cursor on the first with unread stories (as newsboat's feed list).
    mutating func openSourcesAtStart() {
        _ = openSources()
        let rows = sourceRows
        guard rows.filter({ if case .source = $0.scope { true } else { false } }).count >= 2 else {
            sources = nil
            return
        }
        if let first = Self.sourceWithUnread(in: rows, after: -1, forward: true) { sources?.list.selected = first }
    }

    /// The row of the next (or previous) source, not a folder, with unread stories.
    static func sourceWithUnread(in rows: [SourceList.Row], after row: Int, forward: Bool) -> Int? {
        let candidates = forward ? Array(rows.indices.dropFirst(max(0, row + 1))) : Array(rows.indices.prefix(max(0, row)).reversed())
        return candidates.first { index in
            if case .source = rows[index].scope { rows[index].unread > 0 } else { false }
        }
    }

    /// `A` on a row of the sources view: every story of that source (or folder, or all of
    /// them) marked read, with `U` to take it back, as `A` does in its list.
    mutating func markSourceRead(_ row: SourceList.Row) -> [Effect] {
        guard let marked = markRead(rows: unreadRows(of: rows(in: row.scope))) else {
            message = StatusMessage("Every story in \(row.scope.title) is read already")
            return []
        }
        recountSources()
        message = StatusMessage("Marked \(marked.count) \(marked.count == 1 ? "story" : "stories") in \(row.scope.title) read (U undoes)")
        return [.setRead(marked, true)]
    }

    /// A command while the sources view is shown; nil when it means what it always does.
    mutating func performInSources(_ command: Command) -> [Effect]? {
        guard var view = sources else { return nil }
        let rows = sourceRows
        switch command {
        case .moveUp: view.list.selected = max(0, view.list.selected - 1)
        case .moveDown: view.list.selected = min(rows.count - 1, view.list.selected + 1)
        case .top: view.list.selected = 0
        case .bottom: view.list.selected = rows.count - 1
        case .pageUp: view.list.selected = max(0, view.list.selected - max(1, screen.height - 3))
        case .pageDown, .scrollPage: view.list.selected = min(rows.count - 1, view.list.selected + max(1, screen.height - 3))
        case .sortSources:
            let scopeSelected = rows.indices.contains(view.list.selected) ? rows[view.list.selected].scope : nil
            view.order = view.order == .newestFirst ? .byTitle : .newestFirst
            view.rows = countSources(order: view.order)
            sources = view
            if let scopeSelected, let row = sourceRows.firstIndex(where: { $0.scope == scopeSelected }) { view.list.selected = row }
            message = StatusMessage(view.order == .newestFirst ? "Sources: newest first" : "Sources: by title")
        case .open:
            guard rows.indices.contains(view.list.selected) else { return [] }
            sources = nil
            show(rows[view.list.selected].scope)
            focus = .list
            reader = nil
            return selectionChanged()
        case .nextUnread, .previousUnread:
            // As in newsboat's feed list: the cursor goes to the next source with news.
            let forward = command == .nextUnread
            guard let row = Self.sourceWithUnread(in: rows, after: view.list.selected, forward: forward) else {
                message = StatusMessage(forward ? "No more sources with unread stories" : "No source with unread stories above")
                return []
            }
            view.list.selected = row
        case .markAllRead:
            guard rows.indices.contains(view.list.selected) else { return [] }
            return markSourceRead(rows[view.list.selected])
        case .startFilter:
            // `/` searches the whole library, from here as from the list.
            sources = nil
            if scope != .all { show(.all) }
            return nil
        case .back, .showSources:
            sources = nil
            return []
        case .help, .quit, .nextTheme, .redraw, .refreshFeeds, .undo, .toggleHideRead:
            return nil
        default:
            return []
        }
        view.list.offset = ListViewport.offset(count: rows.count, height: max(1, screen.height - 2),
                                               selected: view.list.selected, offset: view.list.offset)
        sources = view
        return []
    }
}
