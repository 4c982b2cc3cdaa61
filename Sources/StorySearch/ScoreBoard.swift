import Foundation

/// A query's running scores over one segment: per story, its BM25 score so far and how
/// many of the query's words it has been found to hold.
///
/// Words are added one at a time, each through the terms that stand for it (a prefix
/// stands for several): a story counts for word `n` only when it held every word before,
/// so later (commoner) words add only to stories still in the running. Once all are
/// added, `keepOnly` lists the stories that match, and `SearchLibrary.top` picks the best
/// of them.
///
/// Only the stories the first word reached can match, and only their entries change: they
/// are listed as they are reached, so keeping, ranking and clearing the board go through
/// them rather than through every story of the segment. A board is cleared that way and
/// used again by the next query (see `ScoreBoards`), so a query neither allocates nor
/// zeroes a segment's worth of scores. Held in memory of its own, read and written without
/// bounds checks: every index is a story number below `storyCount`, checked as postings
/// are decoded.
final class ScoreBoard {
    let storyCount: Int
    /// Per story, its score so far.
    let scores: UnsafeMutablePointer<Float>
    /// Per story, how many of the query's words it was found to hold.
    private let matched: UnsafeMutablePointer<UInt8>
    /// The stories word 0 reached, in the order reached (each once); after `keepOnly`,
    /// only those still in the running.
    private let listed: UnsafeMutablePointer<UInt32>
    private var listedCount = 0

    init(stories: Int) {
        storyCount = max(0, stories)
        scores = Self.zeros(max(1, storyCount), of: Float.self)
        matched = Self.zeros(max(1, storyCount), of: UInt8.self)
        guard let listed = malloc(max(1, storyCount) * MemoryLayout<UInt32>.stride) else { fatalError("out of memory") }
        self.listed = listed.bindMemory(to: UInt32.self, capacity: max(1, storyCount))
    }

    /// `count` zeros, in memory the system hands over untouched (`calloc`): a board's
    /// pages that no story of a query lies on are never faulted in nor cleared, which is
    /// most of a new board's cost in a one-shot `byline similar` or `byline search`.
    private static func zeros<T>(_ count: Int, of: T.Type) -> UnsafeMutablePointer<T> {
        guard let memory = calloc(count, MemoryLayout<T>.stride) else { fatalError("out of memory") }
        return memory.bindMemory(to: T.self, capacity: count)
    }

    deinit {
        free(scores)
        free(matched)
        free(listed)
    }

    /// After `keepOnly`: the stories in the running.
    var running: UnsafeBufferPointer<UInt32> { UnsafeBufferPointer(start: listed, count: listedCount) }

    /// Adds one term's postings as standing for word number `word` (from 0), each story
    /// scored with `weight` (see `BM25.weight`) and its length from `lengths`.
    ///
    /// Decodes `PostingList` bytes in place; damaged bytes end the list early, as
    /// `PostingList.Reader` does, so they can cost results but never name a wrong story.
    func add(_ postings: UnsafeRawBufferPointer, word: UInt8, weight: Float, lengths: [Float]) {
        guard let base = postings.baseAddress, lengths.count == storyCount else { return }
        let end = postings.count
        let storyCount = UInt32(truncatingIfNeeded: self.storyCount)
        let (scores, matched, listed) = (self.scores, self.matched, self.listed)
        var reached = listedCount
        defer { listedCount = reached }
        lengths.withUnsafeBufferPointer { lengths in
            var offset = 0
            var story: UInt32 = 0
            // The least the next story may be: stories ascend.
            var least: UInt32 = 0
            while offset < end {
                guard let gap = Self.number(base, &offset, end), let count = Self.number(base, &offset, end) else { return }
                let (next, overflow) = (least == 0 ? 0 : story).addingReportingOverflow(gap)
                guard !overflow, next >= least, next < storyCount else { return }
                story = next
                least = next + 1
                let index = Int(next)
                let held = matched[index]
                guard held == word || held == word &+ 1 else { continue }
                if held == 0 {
                    listed[reached] = next
                    reached += 1
                }
                matched[index] = word &+ 1
                scores[index] += BM25.score(weight: weight, count: count, length: lengths[index])
            }
        }
    }

    /// Leaves in the running only the stories that held all `words` and are not
    /// `excluded` (replaced in a later segment, or not in the reader's list); the others
    /// are cleared at once.
    func keepOnly(holding words: UInt8, unless excluded: [Bool]) {
        guard excluded.count == storyCount else { return clear() }
        var kept = 0
        excluded.withUnsafeBufferPointer { excluded in
            for position in 0..<listedCount {
                let story = Int(listed[position])
                if matched[story] == words && !excluded[story] {
                    listed[kept] = UInt32(story)
                    kept += 1
                } else {
                    scores[story] = 0
                    matched[story] = 0
                }
            }
        }
        listedCount = kept
    }

    /// Puts `story` in the running as holding one word, with `score` (see `QuickSearch`).
    func set(_ story: Int, score: Float) {
        guard story >= 0, story < storyCount else { return }
        if matched[story] == 0 {
            listed[listedCount] = UInt32(story)
            listedCount += 1
        }
        matched[story] = 1
        scores[story] = score
    }

    /// Takes `story` out of the running.
    func drop(_ story: Int) {
        guard let position = running.firstIndex(of: UInt32(truncatingIfNeeded: story)) else { return }
        scores[story] = 0
        matched[story] = 0
        listed[position] = listed[listedCount - 1]
        listedCount -= 1
    }

    /// Back to no word added, as a new board, going through only the stories listed.
    func clear() {
        for position in 0..<listedCount {
            let story = Int(listed[position])
            scores[story] = 0
            matched[story] = 0
        }
        listedCount = 0
    }

    /// One seven-bits-a-byte number at `offset`, which it moves past; nil when the bytes
    /// end inside it or it does not fit 32 bits.
    @inline(__always)
    private static func number(_ base: UnsafeRawPointer, _ offset: inout Int, _ end: Int) -> UInt32? {
        guard offset < end else { return nil }
        let byte = base.load(fromByteOffset: offset, as: UInt8.self)
        offset += 1
        if byte < 0x80 { return UInt32(byte) }
        var value = UInt32(byte & 0x7F)
        var shift: UInt32 = 7
        while offset < end, shift < 32 {
            let byte = base.load(fromByteOffset: offset, as: UInt8.self)
            offset += 1
            value |= UInt32(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }
}

/// Score boards kept between queries, one a segment: a query takes them and gives them
/// back cleared. Two queries at once (the search and "More on this" threads) each get
/// boards of their own: the second makes new ones.
final class ScoreBoards: @unchecked Sendable {
    private let lock = NSLock()
    /// By segment number; an array rather than a dictionary, whose first use in a process
    /// costs a search of the runtime's conformance tables longer than a query.
    private var kept: [ScoreBoard?] = []

    /// A cleared board for segment `segment` of `stories` stories.
    func take(_ segment: Int, stories: Int) -> ScoreBoard {
        lock.lock()
        let board = segment < kept.count ? kept[segment] : nil
        if segment < kept.count { kept[segment] = nil }
        lock.unlock()
        if let board, board.storyCount == stories { return board }
        return ScoreBoard(stories: stories)
    }

    /// Gives boards back for the next query, clearing them first.
    func give(_ boards: [ScoreBoard?]) {
        for (segment, board) in boards.enumerated() {
            guard let board else { continue }
            board.clear()
            lock.lock()
            while kept.count <= segment { kept.append(nil) }
            kept[segment] = board
            lock.unlock()
        }
    }
}
