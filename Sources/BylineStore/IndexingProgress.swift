/// Which counts of files read are told while several threads index a library: about a
/// hundred reports whatever its size, each further on than the one before, and the whole
/// told last and once.
///
/// Threads finish their batches in any order, and a thread that finished earlier may ask
/// later: a report that would go back, or repeat, is not told. The whole is never told
/// here, since a thread finishing the last batch may still be behind another's report:
/// the caller tells it with `finish()` once every thread is done, so "100%" is the last
/// thing said before the library shows.
struct IndexingProgress: Equatable {
    let total: Int
    /// The most files read told so far.
    private(set) var told = 0

    init(total: Int) { self.total = total }

    /// Whether `finished` files read is worth telling now: a hundredth further than the
    /// last report, and short of the whole.
    mutating func shouldTell(_ finished: Int) -> Bool {
        guard finished < total, finished > told, finished * 100 / total > told * 100 / total else { return false }
        told = finished
        return true
    }

    /// Whether the whole is still to be told, once every file is read; it is then told.
    mutating func finish() -> Bool {
        guard total > 0, told < total else { return false }
        told = total
        return true
    }
}
