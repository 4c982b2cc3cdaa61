import BylineCore
import TerminalKit

/// Draws the whole state into a grid of cells. The terminal copies the grid to the screen;
/// tests read it as lines.
public func render(_ state: AppState) -> CellGrid {
    let theme = state.theme
    var grid = CellGrid(width: state.screen.width, height: state.screen.height, style: theme[.body])
    let layout = state.layout

    if let header = layout.header { drawHeader(state, header, &grid) }
    if let list = layout.list { drawList(state, list, &grid) }
    if let divider = layout.divider { drawDivider(divider, theme, &grid) }
    if let text = layout.readerText, let reader = layout.reader {
        grid.fill(reader, style: theme[.body])
        // Preformatted lines are cut at the pane's edge, not at the measure.
        drawReader(state, text, paneEnd: reader.x + reader.width - (reader.width >= 24 ? 1 : 0), &grid)
    }
    if let sources = state.sources { SourcesScreen.draw(state, sources, &grid) }
    if let status = layout.status { StatusLine.draw(state, status, &grid) }
    if state.showingHelp { HelpScreen.draw(state, &grid) }
    return grid
}

private func drawHeader(_ state: AppState, _ rect: Rect, _ grid: inout CellGrid) {
    let style = state.theme[.header]
    grid.fill(rect, style: style)
    let title: String
    let counts: String
    if state.sources != nil {
        let sources = state.sourceRows.count - 2
        title = " Byline — Sources"
        counts = "\(sources) \(sources == 1 ? "source" : "sources") · \(state.unreadCount) unread "
    } else if let filter = state.filter, !filter.isEmpty {
        title = " Byline — search “\(filter.query)”"
        if let found = filter.found {
            let total = found.isEstimate ? "about \(found.total)" : "\(found.total)"
            counts = "\(total) of \(state.stories.count) stories "
        } else {
            counts = "searching… "
        }
    } else {
        title = " Byline — \(state.scope.title)" + (state.hidingRead ? " (read hidden)" : "")
        let stories = state.inScope.count == 1 ? "1 story" : "\(state.inScope.count) stories"
        counts = "\(state.scopeUnread) unread · \(stories) "
    }
    let countsWidth = DisplayWidth.of(counts)
    let room = rect.width - countsWidth - 1
    if room >= 8 {
        grid.write(TextWrapper.truncate(title, width: room), x: rect.x, y: rect.y, style: style)
        grid.write(counts, x: rect.x + rect.width - countsWidth, y: rect.y, style: style)
    } else {
        grid.write(TextWrapper.truncate(title, width: rect.width), x: rect.x, y: rect.y, style: style)
    }
}

private func drawList(_ state: AppState, _ rect: Rect, _ grid: inout CellGrid) {
    grid.fill(rect, style: state.theme[.listRow])
    if state.visible.isEmpty {
        let text = state.filter != nil ? " No story has those words."
            : state.hidingRead && !state.inScope.isEmpty ? " No unread stories here (H shows the read ones)."
            : state.scope == .starred ? " No starred stories yet (s stars one)."
            : " No stories in this library yet."
        grid.write(TextWrapper.truncate(text, width: rect.width), x: rect.x, y: rect.y, style: state.theme[.meta])
        return
    }
    let selectedVisible = state.focus == .list || state.layout.arrangement != .single
    for line in 0..<rect.height {
        let row = state.list.offset + line
        guard row < state.visible.count else { break }
        let selected = selectedVisible && row == state.list.selected
        let listingRow = state.visible[row]
        let spans = StoryListRows.row(state.stories.summary(at: listingRow), listingRow: listingRow, width: rect.width, state: state,
                                      selected: selected)
        if selected { grid.fill(Rect(x: rect.x, y: rect.y + line, width: rect.width, height: 1), style: state.theme[.selectedRow]) }
        grid.write(spans, x: rect.x, y: rect.y + line, maxWidth: rect.width)
    }
}

private func drawDivider(_ rect: Rect, _ theme: Theme, _ grid: inout CellGrid) {
    let vertical = rect.width == 1
    for y in rect.y..<(rect.y + rect.height) {
        for x in rect.x..<(rect.x + rect.width) {
            grid.write(vertical ? "│" : "─", x: x, y: y, style: theme[.divider])
        }
    }
}

private func drawReader(_ state: AppState, _ rect: Rect, paneEnd: Int, _ grid: inout CellGrid) {
    guard let reader = state.reader, let page = state.readerPage else {
        let open = state.keyMap.keyName(for: .open)
        let hint = state.stories.isEmpty ? "" : open.map { "Select a story and press \($0) to read it." } ?? ""
        grid.write(TextWrapper.truncate(hint, width: rect.width), x: rect.x, y: rect.y, style: state.theme[.meta])
        return
    }
    TextPane(lines: page.lines, offset: reader.scroll, unwrapped: page.unwrapped)
        .draw(in: rect, on: &grid, background: state.theme[.body], unwrappedWidth: max(rect.width, paneEnd - rect.x))
}
