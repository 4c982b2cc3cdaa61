/// What changed in a library since a listing of it was made: stories whose files are
/// new, stories whose files changed, and stories whose files are gone.
///
/// The background check sends the reader this instead of a new listing, so what did not
/// change is neither decoded nor copied; `update` lays it over the listing it is from
/// (`StoryListing.applying(_:)`).
public struct ListingChanges: Equatable, Sendable {
    public var added: [StorySummary]
    /// Stories listed before whose files changed (a fetch rewrote an updated item).
    public var changed: [StorySummary]
    public var removed: [StoryID]

    public init(added: [StorySummary] = [], changed: [StorySummary] = [], removed: [StoryID] = []) {
        self.added = added
        self.changed = changed
        self.removed = removed
    }

    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }
    /// How many stories the changes name.
    public var count: Int { added.count + changed.count + removed.count }
    /// Every story whose file is new, changed or gone: what the reader shows of them is stale.
    public var touched: Set<StoryID> { Set(added.map(\.id) + changed.map(\.id) + removed) }
}
