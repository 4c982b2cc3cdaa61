import BylineCore

/// A loaded library: its stories, newest first, and the files that are not stories.
public struct LibraryContents: Sendable {
    /// The stories, read in place from the index (see `IndexedListing`).
    public var listing: IndexedListing
    public var problems: [LibraryProblem]
    public var report: LoadReport
    /// The index the folder was compared with, and what differed from it: the stories
    /// parsed because their files were new or changed, and those whose files are gone.
    let comparedWith: IndexedListing?
    let changes: ListingChanges

    public init(listing: IndexedListing, problems: [LibraryProblem], report: LoadReport) {
        self.init(listing: listing, problems: problems, report: report, comparedWith: nil)
    }

    init(listing: IndexedListing, problems: [LibraryProblem], report: LoadReport, comparedWith: IndexedListing?,
         changes: ListingChanges = ListingChanges()) {
        self.listing = listing
        self.problems = problems
        self.report = report
        self.comparedWith = comparedWith
        self.changes = changes
    }

    /// Every story decoded, newest first: for small libraries and tests. The reader and
    /// `byline list` read the listing row by row instead.
    public var entries: [LibraryEntry] { (0..<listing.count).map(listing.entry(at:)) }
}

/// How a load went: what the index saved and what had to be read again.
public struct LoadReport: Equatable, Sendable {
    /// What became of the index found at start-up.
    public enum IndexState: Equatable, Sendable {
        /// Found and used.
        case used
        /// None yet: every file was read.
        case missing
        /// Unreadable, from another version, or failing its checksum: rebuilt from the files.
        case rebuilt(reason: String)
    }

    public var index: IndexState
    /// Files read and parsed because they were new or changed (or the index was unusable).
    public var parsed: Int
    /// Files taken from the index unread.
    public var reused: Int
    /// Index records whose files are gone.
    public var dropped: Int
    /// Set when the updated index could not be saved; the next start-up reads more files.
    public var saveProblem: String?

    /// Whether the folder differed from what the index said.
    public var foundChanges: Bool { parsed > 0 || dropped > 0 || index != .used }

    public init(index: IndexState, parsed: Int = 0, reused: Int = 0, dropped: Int = 0, saveProblem: String? = nil) {
        self.index = index
        self.parsed = parsed
        self.reused = reused
        self.dropped = dropped
        self.saveProblem = saveProblem
    }
}
