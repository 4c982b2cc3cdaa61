import BylineCore

extension IndexedListing {
    /// How this listing differs from `base`, an earlier index of the same library: the
    /// stories it adds, those whose file stamps differ, and those it no longer has.
    ///
    /// Compares paths and stamps as bytes, row by row, decoding only the rows that
    /// differ, and gives back the pages it read as it goes, so memory stays flat over
    /// 100,000 rows.
    func changes(since base: IndexedListing) -> ListingChanges {
        if self === base { return ListingChanges() }
        var changes = ListingChanges()
        var stillListed = [Bool](repeating: false, count: base.count)
        for row in 0..<count {
            if row % Self.rowsBetweenReleases == 0 {
                releasePages()
                base.releasePages()
            }
            if let baseRow = base.row(ofPath: pathBytes(at: row)) {
                stillListed[baseRow] = true
                if base.stamp(at: baseRow) != stamp(at: row) { changes.changed.append(summary(at: row)) }
            } else {
                changes.added.append(summary(at: row))
            }
        }
        changes.removed = stillListed.indices.filter { !stillListed[$0] }.map(base.id(at:))
        releasePages()
        base.releasePages()
        return changes
    }

    /// How many rows a pass over every row reads before giving their pages back: a row
    /// looked up by path touches a page of the lookup table, of the rows and of the
    /// paths, so 256 of them hold some 3 MB.
    static let rowsBetweenReleases = 256
}
