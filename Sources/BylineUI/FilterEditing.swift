import TerminalKit

/// Keys while the `/` search prompt is open: each edit asks for a new search, and the
/// list shows the answer when it comes (see `AppState.searched`).
func editFilter(_ key: Key, _ state: inout AppState) -> [Effect] {
    guard var filter = state.filter else { return [] }
    switch key {
    case .escape:
        state.clearFilter()
        return state.selectionChanged()
    case .enter:
        filter.isEditing = false
        state.filter = filter.isEmpty ? nil : filter
        if state.filter == nil { state.applyFilter(keeping: state.selectedStory?.id) }
        return []
    case .backspace:
        if filter.query.isEmpty {
            state.clearFilter()
            return state.selectionChanged()
        }
        filter.deleteBackward()
        state.filter = filter
        return state.askToSearch()
    case .character(let c):
        filter.type(c)
        state.filter = filter
        return state.askToSearch()
    case .up: return state.moveSelection(by: -1)
    case .down: return state.moveSelection(by: 1)
    default:
        return []
    }
}

extension AppState {
    /// Asks for the current query to be searched; an empty one shows every story again.
    mutating func askToSearch() -> [Effect] {
        searchRequests += 1
        guard let filter, !filter.isEmpty else {
            self.filter?.found = nil
            applyFilter(keeping: selectedStory?.id)
            return selectionChanged()
        }
        return [.search(SearchRequest(number: searchRequests, query: filter.query, listing: listingVersion))]
    }

    /// A search came back: shown if it answers the latest query about this listing.
    mutating func searched(_ request: SearchRequest, _ result: Result<SearchFound, FailureReason>) -> [Effect] {
        guard request.number == searchRequests, filter != nil else { return [] }
        // The stories changed under the search (a fetch saved one): ask again.
        guard request.listing == listingVersion else { return askToSearch() }
        switch result {
        case .failure(let reason):
            message = StatusMessage("Search failed: \(reason)", isError: true)
            return []
        case .success(let found):
            filter?.found = found
            // A new answer puts the cursor on the best match.
            list.selected = 0
            list.offset = 0
            applyFilter()
            return selectionChanged()
        }
    }
}
