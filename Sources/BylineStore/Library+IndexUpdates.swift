import BylineCore

extension Library {
    /// Adds saved stories to the index and drops removed ones, as they are written, so
    /// the next start-up finds the index current and never reads the folder first.
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
        recorded(saved: entries, removed: removed)
    }

    /// The one place that hears of every story the index gains, changes or loses: from
    /// a load that found changes, and from every writer (`save`, and through it fetch,
    /// `f` and following a link). Indexes kept beside the story index (the search
    /// index) update themselves here, so they never fall behind it.
    ///
    /// - Parameters:
    ///   - saved: stories new or changed, as now indexed.
    ///   - removed: stories whose files are gone.
    func recorded(saved: [LibraryEntry], removed: [StoryID]) {
        // The story index itself is written by the callers; nothing else is kept yet.
    }
}
