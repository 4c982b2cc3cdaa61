import BylineCore

extension Library {
    /// Reads the folder as `load(reusing:)` does, and says what changed since `shown`, a
    /// listing of this library's index that the reader has: what it needs to lay over
    /// `shown` to show the folder as it is now.
    ///
    /// When the index is still the one `shown` was read from, that is what the folder
    /// scan found, and nothing else is read. When another writer (a fetch, the reader's
    /// own `f`, an earlier check) replaced the index since, the new index is compared with
    /// `shown` row by row, by path and file stamp, which decodes only the rows that differ.
    public func changes(since shown: IndexedListing) throws(LibraryError) -> (contents: LibraryContents, changes: ListingChanges) {
        let contents = try load(reusing: shown)
        if contents.comparedWith === shown { return (contents, contents.changes) }
        return (contents, contents.listing.changes(since: shown))
    }
}
