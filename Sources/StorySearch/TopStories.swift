/// Picking a ranked page out of a whole library's scores without sorting them all.
extension SearchLibrary {
    /// The best `limit` of the stories still in the running on `boards` (see
    /// `ScoreBoard.keepOnly`), in rank order (`precedes`), and how many are.
    ///
    /// One pass finds the score the `limit`-th best story has (a heap of scores alone);
    /// a second takes every story above it, and as many as fit of those exactly at it, in
    /// rank order. Only those few are ever compared by date and path, so the page is the
    /// one a sort of every match would begin with, at the cost of two passes.
    func top(_ limit: Int, of boards: [ScoreBoard?], facts: [StoryFacts]) -> (hits: [SearchHit], total: Int) {
        guard limit > 0 else { return ([], 0) }
        var lowest = MinimumHeap(capacity: limit)
        var total = 0
        for board in boards {
            guard let board else { continue }
            let scores = board.scores
            total += board.running.count
            for story in board.running {
                let score = scores[Int(story)]
                if score > lowest.least { lowest.offer(score) }
            }
        }
        // With fewer matches than wanted, every one is wanted.
        let threshold = lowest.least
        var above: [Candidate] = []
        var at: [Candidate] = []
        let buffer = ReadBuffer(capacity: 64)
        for (segment, board) in boards.enumerated() {
            guard let board else { continue }
            let scores = board.scores
            var stories: [Int] = []
            for story in board.running where scores[Int(story)] >= threshold { stories.append(Int(story)) }
            // Only these few are ever ordered by date: theirs alone are read (see `StoryFacts`).
            let dates = facts[segment].published(stories, buffer: buffer)
            for (story, date) in zip(stories, dates) {
                let score = scores[story]
                let candidate = Candidate(hit: SearchHit(ref: StoryRef(segment: segment, story: story), score: Double(score)), date: date)
                if score > threshold { above.append(candidate) } else { at.append(candidate) }
            }
        }
        let order = { (a: Candidate, b: Candidate) in self.precedes(a, b) }
        if above.count + at.count > limit {
            at.sort(by: order)
            at.removeLast(above.count + at.count - limit)
        }
        return ((above + at).sorted(by: order).map(\.hit), total)
    }

    /// A story in the running with its date, so ordering reads neither again.
    struct Candidate {
        var hit: SearchHit
        /// Seconds since 1970, NaN when undated.
        var date: Double
    }

    /// Higher score first; on a tie the newer story (undated last), then the path, so the
    /// order is total and stable.
    func precedes(_ a: Candidate, _ b: Candidate) -> Bool {
        if a.hit.score != b.hit.score { return a.hit.score > b.hit.score }
        if a.date.isNaN != b.date.isNaN { return b.date.isNaN }
        if !a.date.isNaN && a.date != b.date { return a.date > b.date }
        let (x, y) = (a.hit.ref, b.hit.ref)
        // A segment's stories are numbered in the order of their paths.
        if x.segment == y.segment { return x.story < y.story }
        return SearchSegment.compare(segments[x.segment].pathBytes(x.story), segments[y.segment].pathBytes(y.story)) < 0
    }
}

/// The `capacity` highest scores offered so far, the least of them on top.
struct MinimumHeap {
    private var scores: [Float] = []
    let capacity: Int
    /// The least score kept once `capacity` are; until then, one below any score, so
    /// every score offered is kept.
    private(set) var least = -Float.greatestFiniteMagnitude

    init(capacity: Int) {
        self.capacity = capacity
        scores.reserveCapacity(min(capacity, 1 << 16))
    }

    /// Keeps `score` if it is among the `capacity` highest offered so far.
    mutating func offer(_ score: Float) {
        if scores.count < capacity {
            scores.append(score)
            scores.withUnsafeMutableBufferPointer { scores in
                var child = scores.count - 1
                while child > 0 {
                    let parent = (child - 1) / 2
                    guard score < scores[parent] else { break }
                    scores[child] = scores[parent]
                    child = parent
                }
                scores[child] = score
            }
            if scores.count == capacity { least = scores[0] }
        } else if score > scores[0] {
            // The least goes; `score` sinks from the top to where it belongs.
            scores.withUnsafeMutableBufferPointer { scores in
                let count = scores.count
                var hole = 0
                while true {
                    let left = hole * 2 + 1
                    guard left < count else { break }
                    let right = left + 1
                    let smaller = right < count && scores[right] < scores[left] ? right : left
                    guard scores[smaller] < score else { break }
                    scores[hole] = scores[smaller]
                    hole = smaller
                }
                scores[hole] = score
            }
            least = scores[0]
        }
    }
}
