import BylineCore

extension IndexedListing {
    /// How this listing differs from `base`, an earlier index of the same library: the
    /// stories it adds, those whose file stamps differ, and those it no longer has.
    ///
    /// Compares paths and stamps as bytes, row by row, decoding only the rows that
    /// differ. This listing is read in order and its pages given back as it goes; `base`
    /// is looked up through its file (`IndexProbe`), so memory stays flat over 100,000 rows.
    func changes(since base: IndexedListing) -> ListingChanges {
        if self === base { return ListingChanges() }
        var changes = ListingChanges()
        var stillListed = [Bool](repeating: false, count: base.count)
        var probe = IndexProbe(base)
        for row in 0..<count {
            if row % Self.rowsBetweenReleases == 0 { releasePages() }
            if let (baseRow, baseStamp) = probe.find(pathBytes(at: row)) {
                stillListed[baseRow] = true
                if baseStamp != stamp(at: row) { changes.changed.append(summary(at: row)) }
            } else {
                changes.added.append(summary(at: row))
            }
        }
        changes.removed = stillListed.indices.filter { !stillListed[$0] }.map(base.id(at:))
        releasePages()
        return changes
    }

    /// How many rows a pass over every row in order reads before giving their pages
    /// back: some 100 KB of rows and paths, 300 KB with their details. A pass runs beside
    /// the screen (the folder check, the sources' numbers, the search index check, often
    /// at once at start), and what each holds between releases adds to the reader's peak:
    /// 4,096 rows held 1.8 MiB of the index at once at 100,000 stories.
    static let rowsBetweenReleases = 1024
}
