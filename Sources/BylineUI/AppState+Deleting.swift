import BylineCore

/// `d`: a story Byline saved is deleted (undoable this session); the reader's own file
/// is never deleted, only hidden from the list.
extension AppState {
    mutating func storyDeleted(_ id: StoryID, _ result: Result<Deletion, FailureReason>) -> [Effect] {
        switch result {
        case .failure(let reason):
            message = StatusMessage("Not deleted: \(reason)", isError: true)
            return []
        case .success(let deletion):
            let title = summary(for: id)?.title ?? id.path
            let row = visibleRow(of: id) ?? list.selected
            hidden.insert(id)
            undoable = .deleted(id, deletion, summary(for: id))
            applyFilter()
            list.selected = min(row, max(0, visible.count - 1))
            message = StatusMessage(deletion == .fileDeleted ? "Deleted “\(title)” (U undoes)"
                : "“\(title)” is your own file, so it is not deleted: hidden for this session (U shows it)")
            if reader?.id == id {
                history = []
                reader = nil
                focus = .list
            }
            return selectionChanged()
        }
    }
}
