/// What fetching the feeds (`R`) did, as the feed library reports it.
public struct FeedsReport: Equatable, Sendable {
    /// The closing line the `fetch` command prints too ("2 feeds: 5 new stories, …").
    public var summary: String
    /// One line per feed that failed, with its reason.
    public var failures: [String]

    public init(summary: String, failures: [String] = []) {
        self.summary = summary
        self.failures = failures
    }

    /// The status line's words: the summary, and the first failure when there is one.
    var sentence: String {
        summary + (failures.first.map { " — " + $0 } ?? "")
    }
}

/// Why fetching the feeds did not start or did not finish.
public enum RefreshProblem: Error, Equatable, Sendable {
    case subscriptionsUnreadable(file: String, FailureReason)
    case noFeeds
    case cannotFetch(into: String, FailureReason)
    /// The sync with the feed server stopped; the reason names the server.
    case syncFailed(FailureReason)

    var sentence: String {
        switch self {
        case .syncFailed(let reason): "Sync failed: \(reason)"
        case .subscriptionsUnreadable(let file, let reason): "Cannot read \(file): \(reason)"
        case .noFeeds: "No feeds yet: subscribe with `byline add URL`"
        case .cannotFetch(let folder, let reason): "Cannot fetch into \(folder): \(reason)"
        }
    }
}

/// Feeds being fetched: the status line's counter, and the report waiting for the
/// library to be read again.
public struct RefreshProgress: Equatable, Sendable {
    public var done: Int
    public var total: Int
    /// The fetch is over and the library is being read again (read number `read`): the
    /// report shows with the new listing, so the line that counts the new stories and
    /// the stories themselves appear together.
    public var report: FeedsReport?
    public var read: Int?
    /// Set while `R` syncs with the feed server rather than fetching the feeds.
    public var sync: SyncStage?

    public init(done: Int, total: Int) {
        self.done = done
        self.total = total
    }
}

/// How far a sync with the feed server has got, for the status line.
public enum SyncStage: Equatable, Sendable {
    case loggingIn
    case feeds
    case sendingMarks
    /// New stories saved so far.
    case stories(Int)
    case receivingMarks

    var words: String {
        switch self {
        case .loggingIn: "Syncing: logging in…"
        case .feeds: "Syncing feeds…"
        case .sendingMarks: "Syncing: sending marks…"
        case .stories(let count): "Syncing: \(count) new \(count == 1 ? "story" : "stories")"
        case .receivingMarks: "Syncing: reading marks…"
        }
    }
}
