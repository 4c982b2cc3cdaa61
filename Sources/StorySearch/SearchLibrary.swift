import Foundation

/// The library's search index as a query sees it: a base segment and the recent segment
/// that amends it (stories saved since, and base stories they replace or that are gone).
public struct SearchLibrary: @unchecked Sendable {
    public let segments: [SearchSegment]
    /// Per segment, whether each story is left out (replaced in a later segment or removed).
    let removed: [[Bool]]
    /// The same, as lists of story numbers.
    let removedStories: [[UInt32]]
    public let liveCount: Int
    let scoring: BM25
    private let factsCache = StoryFactsCache()
    /// Score boards a query uses and gives back for the next (see `ScoreBoard`).
    let boardsKept = ScoreBoards()
    /// The rows of the listing last searched in (see `rows(in:)`).
    let rowsKept = ListingRowsCache()
    /// The buffer the last query read postings into (see `KeptReadBuffer`).
    let bufferKept = KeptReadBuffer()

    /// - Parameter segments: the base first; a later segment's `deleted` list names the
    ///   base's stories it replaces.
    public init(segments: [SearchSegment]) {
        self.segments = segments
        var removed = segments.map { [Bool](repeating: false, count: $0.storyCount) }
        // Only base stories are removed, each named by a later segment: from their lists
        // rather than a pass over every story, which a one-shot command would pay for.
        var gone: [UInt32] = []
        for later in segments.dropFirst() {
            for story in later.deleted where Int(story) < removed[0].count && !removed[0][Int(story)] {
                removed[0][Int(story)] = true
                gone.append(story)
            }
        }
        self.removed = removed
        removedStories = segments.indices.map { $0 == 0 ? gone.sorted() : [] }
        liveCount = segments.reduce(0) { $0 + $1.storyCount } - gone.count
        scoring = BM25(stories: liveCount, totalWords: segments.reduce(0) { $0 + $1.totalWords })
    }

    /// The numbers of the stories marked true.
    static func numbers(_ marked: [Bool]) -> [UInt32] {
        marked.indices.compactMap { marked[$0] ? UInt32($0) : nil }
    }

    public static let empty = SearchLibrary(segments: [])

    /// Per segment, what ranking needs of each story: read at the first query, then kept.
    var facts: [StoryFacts] {
        factsCache.get { segments.map { StoryFacts($0, scoring: scoring) } }
    }

    /// A story of the index: which segment, which story in it.
    public struct StoryRef: Hashable, Sendable {
        public var segment: Int
        public var story: Int
    }

    public func story(_ ref: StoryRef) -> SearchSegment.Story { segments[ref.segment].story(ref.story) }

    /// The story at `path`, if the index holds it (the latest segment's copy wins).
    public func ref(path: String) -> StoryRef? {
        for segment in segments.indices.reversed() {
            if let story = segments[segment].storyNumber(path: path), !removed[segment][story] {
                return StoryRef(segment: segment, story: story)
            }
        }
        return nil
    }

    public func isLive(_ ref: StoryRef) -> Bool { !removed[ref.segment][ref.story] }

    /// The paths of the stories a search found: read each on its own (see
    /// `SegmentReader`), since a page of results lies all over the story table.
    public func paths(of hits: [SearchHit]) -> [String] {
        let buffer = ReadBuffer(capacity: 4_096)
        // Many paths: where each lies is read for every story at once (see `StoryFacts`).
        let tables = facts.map { hits.count > StoryFacts.fewStories ? $0.table() : $0.tableIfRead }
        return hits.map { segments[$0.ref.segment].path($0.ref.story, table: tables[$0.ref.segment], readingInto: buffer) }
    }

    /// Gives back the memory queries keep for the next (their read buffer).
    public func dropKeptBuffer() { bufferKept.drop() }

    /// Stories holding a term, across segments.
    func holding(_ term: UnsafeRawBufferPointer) -> Int {
        segments.reduce(0) { total, segment in total + (segment.termNumber(term).map(segment.storiesHolding) ?? 0) }
    }

    /// Every story in the index, each with its path and stamp: what a check against the
    /// library folder compares.
    public func forEachStory(_ body: (StoryRef) -> Void) {
        for segment in segments.indices {
            for story in 0..<segments[segment].storyCount where !removed[segment][story] {
                body(StoryRef(segment: segment, story: story))
            }
        }
    }
}
