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
/// zeroes a segment's worth of scores.
struct ScoreBoard {
    private(set) var scores: [Float]
    private(set) var matched: [UInt8]
    /// The stories word 0 reached, in the order reached: every story whose entries changed.
    private(set) var reached: [UInt32] = []
    /// After `keepOnly`: the stories in the running.
    private(set) var running: [UInt32] = []

    init(stories: Int) {
        scores = [Float](repeating: 0, count: stories)
        matched = [UInt8](repeating: 0, count: stories)
    }

    var storyCount: Int { scores.count }

    /// Adds one term's postings as standing for word number `word` (from 0), each story
    /// scored with `weight` (see `BM25.weight`) and its length from `lengths`.
    ///
    /// Decodes `PostingList` bytes in place; damaged bytes end the list early, as
    /// `PostingList.Reader` does, so they can cost results but never name a wrong story.
    mutating func add(_ postings: UnsafeRawBufferPointer, word: UInt8, weight: Float, lengths: [Float]) {
        guard let base = postings.baseAddress, lengths.count == scores.count else { return }
        let end = postings.count
        let storyCount = UInt32(truncatingIfNeeded: scores.count)
        var reached = self.reached
        self.reached = []
        defer { self.reached = reached }
        lengths.withUnsafeBufferPointer { lengths in
            scores.withUnsafeMutableBufferPointer { scores in
                matched.withUnsafeMutableBufferPointer { matched in
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
                        if held == 0 { reached.append(next) }
                        matched[index] = word &+ 1
                        scores[index] += BM25.score(weight: weight, count: count, length: lengths[index])
                    }
                }
            }
        }
    }

    /// Leaves in the running only the stories that held all `words` and are not
    /// `excluded` (replaced in a later segment, or not in the reader's list).
    mutating func keepOnly(holding words: UInt8, unless excluded: [Bool]) {
        guard excluded.count == scores.count else { return }
        var running = self.running
        self.running = []
        defer { self.running = running }
        running.removeAll(keepingCapacity: true)
        matched.withUnsafeBufferPointer { matched in
            excluded.withUnsafeBufferPointer { excluded in
                for story in reached where matched[Int(story)] == words && !excluded[Int(story)] {
                    running.append(story)
                }
            }
        }
    }

    /// Takes `story` out of the running.
    mutating func drop(_ story: Int) {
        running.removeAll { $0 == story }
    }

    /// Back to no word added, as a new board, going through only the stories reached.
    mutating func clear() {
        scores.withUnsafeMutableBufferPointer { scores in
            matched.withUnsafeMutableBufferPointer { matched in
                for story in reached {
                    scores[Int(story)] = 0
                    matched[Int(story)] = 0
                }
            }
        }
        reached.removeAll(keepingCapacity: true)
        running.removeAll(keepingCapacity: true)
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
    private var kept: [Int: ScoreBoard] = [:]

    /// A cleared board for segment `segment` of `stories` stories.
    func take(_ segment: Int, stories: Int) -> ScoreBoard {
        lock.lock()
        let board = kept.removeValue(forKey: segment)
        lock.unlock()
        if let board, board.storyCount == stories { return board }
        return ScoreBoard(stories: stories)
    }

    /// Gives boards back for the next query, clearing them first.
    func give(_ boards: [ScoreBoard?]) {
        for (segment, board) in boards.enumerated() {
            guard var board else { continue }
            board.clear()
            lock.lock()
            kept[segment] = board
            lock.unlock()
        }
    }
}
