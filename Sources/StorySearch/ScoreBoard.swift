/// A query's running scores over one segment: per story, its BM25 score so far and how
/// many of the query's words it has been found to hold.
///
/// Words are added one at a time, each through the terms that stand for it (a prefix
/// stands for several): a story counts for word `n` only when it held every word before,
/// so later (commoner) words add only to stories still in the running. Once all are
/// added, `keepOnly` marks the stories that do not match, and `SearchLibrary.top` picks
/// the best of the rest.
struct ScoreBoard {
    private(set) var scores: [Float]
    private(set) var matched: [UInt8]

    init(stories: Int) {
        scores = [Float](repeating: 0, count: stories)
        matched = [UInt8](repeating: 0, count: stories)
    }

    /// Adds one term's postings as standing for word number `word` (from 0), each story
    /// scored with `weight` (see `BM25.weight`) and its length from `lengths`.
    ///
    /// Decodes `PostingList` bytes in place; damaged bytes end the list early, as
    /// `PostingList.Reader` does, so they can cost results but never name a wrong story.
    mutating func add(_ postings: UnsafeRawBufferPointer, word: UInt8, weight: Float, lengths: [Float]) {
        guard let base = postings.baseAddress, lengths.count == scores.count else { return }
        let end = postings.count
        let storyCount = UInt32(truncatingIfNeeded: scores.count)
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
                        matched[index] = word &+ 1
                        scores[index] += BM25.score(weight: weight, count: count, length: lengths[index])
                    }
                }
            }
        }
    }

    /// Leaves in the running only the stories that held all `words` and are not
    /// `removed` (replaced in a later segment): the others score minus infinity.
    mutating func keepOnly(holding words: UInt8, unless removed: [Bool]) {
        guard removed.count == scores.count else { return }
        matched.withUnsafeBufferPointer { matched in
            removed.withUnsafeBufferPointer { removed in
                scores.withUnsafeMutableBufferPointer { scores in
                    for story in scores.indices where matched[story] != words || removed[story] {
                        scores[story] = -.infinity
                    }
                }
            }
        }
    }

    /// Takes `story` out of the running.
    mutating func drop(_ story: Int) {
        if scores.indices.contains(story) { scores[story] = -.infinity }
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
