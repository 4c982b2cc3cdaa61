import BylineCore

extension Library {
    /// Adds saved stories to the index and drops removed ones, as they are written, so
    /// the next start-up finds the index current and never reads the folder first.
    ///
    /// Every writer comes through here: `save` (and through it fetch, sync, `f` and
    /// following a link), `remove` (`d`, retention after fetch, `byline clean`) and
    /// `restore` (`U`). The search index follows the same writers (`SearchIndex.record`).
    ///
    /// The caller holds the writers' lock. Without a usable index, one is started with
    /// these stories: the next `load()` adds the folder's other files to it.
    func updateIndex(saving entries: [LibraryEntry], removing removed: [StoryID] = []) throws(LibraryError) {
        let old = IndexedListing.open(indexPath).listing
        let changed: [StoryID] = entries.map(\.id) + removed
        let changedPaths = Set(changed.map(\.path))
        var dropping = Set<Int>()
        if let old {
            for id in changed { if let row = old.row(of: id) { dropping.insert(row) } }
        }
        let problems = (old?.problems ?? []).filter { !changedPaths.contains($0.id.path) }
        _ = try writeIndex(IndexWriter.merging(old, dropping: dropping, adding: entries, problems: problems))
    }
}
