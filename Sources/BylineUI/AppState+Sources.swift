import BylineCore
import TerminalKit

/// The sources view: every source with its counts; Enter lists its stories, back returns.
extension AppState {
    /// The rows the view shows now.
    public var sourceRows: [SourceList.Row] {
        sources?.rows ?? countSources(order: .newestFirst)
    }

    func countSources(order: SourceList.Order) -> [SourceList.Row] {
        SourceList.make(stories, read: read, starred: starred, order: order, folders: sourceFolders).rows
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
        if let row = sourceRows.firstIndex(where: { $0.scope == scope }) { view.list.selected = row }
        sources = view
        return []
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
