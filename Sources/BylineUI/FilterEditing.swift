import TerminalKit

/// Keys while the `/` filter's prompt is open: they edit the filter, and the list narrows
/// or widens as they type.
func editFilter(_ key: Key, _ state: inout AppState) -> [Effect] {
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
        let id = state.selectedStory?.id
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
