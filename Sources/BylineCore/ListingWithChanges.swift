import Foundation
/// A listing with changes laid over it (`ListingChanges`: stories the background check
/// found new, changed or gone, a story fetched with `f` or by following a link), over a
/// base listing left as it is.
///
/// The base is read in place and never copied: this holds only the changed stories,
/// each with the base row it goes before, and the base rows it hides. Every row lookup
/// is a binary search over those, so the cost of a row follows the number of changes
/// only logarithmically, and memory follows the changes, not the library.
final class ListingWithChanges: StoryListing {
    let base: any StoryListing
    /// What was laid over `base`, kept so later changes can be laid over it too.
    private let changes: ListingChanges
    /// Stories new or changed, in list order, each with the base row it goes before.
    private let added: [(summary: StorySummary, before: Int)]
    /// This listing's row of each of `added`, ascending.
    private let positions: [Int]
    private let addedIndex: [StoryID: Int]
    /// Base rows not shown (removed, or replaced by an addition with the same id), ascending.
    private let hidden: [Int]
    /// Links resolve against the additions before the base.
    private let links: RelatedLinkIndex

    /// The stories of `base` with `changes` made: removals are applied after additions,
    /// and a later addition of a story replaces an earlier one.
    init(base: any StoryListing, changes: ListingChanges) {
        self.base = base
        let removed = Set(changes.removed)
        var seen = Set<StoryID>()
        // The last word on each story wins; a story both saved and removed is gone.
        let saved = (changes.added + changes.changed).reversed().filter { !removed.contains($0.id) && seen.insert($0.id).inserted }
        var hiddenRows = Set<Int>()
        for id in changes.removed + saved.map(\.id) {
            if let row = base.row(of: id) { hiddenRows.insert(row) }
        }
        hidden = hiddenRows.sorted()
        // Each binary search reads rows all over the base: their pages go back after each.
        let added = saved.map { summary -> (summary: StorySummary, before: Int) in
            defer { base.releasePages() }
            return (summary, Self.insertionRow(for: summary, in: base))
        }.sorted {
            $0.before != $1.before ? $0.before < $1.before : StorySummary.newestFirst($0.summary, $1.summary)
        }
        self.added = added
        let hidden = hidden
        positions = added.enumerated().map { index, addition in
            addition.before + index - Self.countBelow(addition.before, in: hidden)
        }
        addedIndex = Dictionary(added.enumerated().map { ($0.element.summary.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
        links = RelatedLinkIndex(added.map(\.summary))
        // Kept in the form they were asked in, for the next `applying`.
        self.changes = ListingChanges(added: saved, removed: changes.removed.filter { base.row(of: $0) != nil })
    }

    /// These changes and then `more`: a story `more` saves or removes takes the place of
    /// what the earlier changes said of it.
    func applying(_ more: ListingChanges) -> ListingWithChanges {
        let replaced = Set((more.added + more.changed).map(\.id) + more.removed)
        let kept = ListingChanges(added: changes.added.filter { !replaced.contains($0.id) },
                                  removed: changes.removed.filter { !replaced.contains($0) })
        return ListingWithChanges(base: base, changes: ListingChanges(added: kept.added + more.added + more.changed,
                                                                      removed: kept.removed + more.removed))
    }

    /// The first base row `summary` sorts before: a binary search, since the base is in
    /// order. By date alone where the dates differ: decoding every row the search visits
    /// (a hundred additions visit 1,700 rows) read details pages all over the index and
    /// added some 25 MB to the reader's peak memory at 100,000 stories.
    private static func insertionRow(for summary: StorySummary, in base: any StoryListing) -> Int {
        firstIndex(in: 0..<base.count) { row in
            switch (base.published(at: row), summary.published) {
            case let (x?, y?) where x != y: return x < y
            case (.some, nil): return false
            case (nil, .some): return true
            default: return !StorySummary.newestFirst(base.summary(at: row), summary)
            }
        }
    }

    /// The first of `range` for which `isAfter` holds, where it holds from some point on.
    private static func firstIndex(in range: Range<Int>, where isAfter: (Int) -> Bool) -> Int {
        var low = range.lowerBound, high = range.upperBound
        while low < high {
            let middle = (low + high) / 2
            if isAfter(middle) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// How many of `sorted` are below `value`.
    private static func countBelow(_ value: Int, in sorted: [Int]) -> Int {
        firstIndex(in: 0..<sorted.count) { sorted[$0] >= value }
    }

    private func isHidden(_ baseRow: Int) -> Bool {
        let at = Self.countBelow(baseRow, in: hidden)
        return at < hidden.count && hidden[at] == baseRow
    }

    var count: Int { base.count + added.count - hidden.count }
    var hasDates: Bool { base.hasDates || added.contains { $0.summary.published != nil } }

    private enum Place {
        case base(Int)
        case added(Int)
    }

    /// Where row `row` of this listing comes from.
    private func place(of row: Int) -> Place {
        let additionsBefore = Self.firstIndex(in: 0..<positions.count) { positions[$0] >= row }
        if additionsBefore < positions.count && positions[additionsBefore] == row { return .added(additionsBefore) }
        // The row is the `shown`-th base row not hidden; `hidden[i] - i` counts the shown
        // base rows before hidden row i, so the hidden rows before it are those with a
        // count of at most `shown`.
        let shown = row - additionsBefore
        let hiddenBefore = Self.firstIndex(in: 0..<hidden.count) { hidden[$0] - $0 > shown }
        return .base(shown + hiddenBefore)
    }

    /// This listing's row for base row `row` (not hidden): additions placed before it go first.
    private func row(forBase row: Int) -> Int {
        let additionsBefore = Self.firstIndex(in: 0..<added.count) { added[$0].before > row }
        return row - Self.countBelow(row, in: hidden) + additionsBefore
    }

    /// `rows` of this listing as rows of the base and the added stories among them, by
    /// id: what a save of marks by row makes of them (see `StoryRows.onBase`).
    func onBase(_ rows: RowSet) -> (base: RowSet, added: [StoryID]) {
        var baseRows = RowSet(rows: base.count)
        var addedIDs: [StoryID] = []
        rows.forEach { row in
            guard row < count else { return }
            switch place(of: row) {
            case .base(let row): baseRows.insert(row)
            case .added(let index): addedIDs.append(added[index].summary.id)
            }
        }
        return (baseRows, addedIDs)
    }

    func summary(at row: Int) -> StorySummary {
        switch place(of: row) {
        case .base(let row): base.summary(at: row)
        case .added(let index): added[index].summary
        }
    }

    func id(at row: Int) -> StoryID {
        switch place(of: row) {
        case .base(let row): base.id(at: row)
        case .added(let index): added[index].summary.id
        }
    }

    func releasePages() { base.releasePages() }

    func published(at row: Int) -> Date? {
        switch place(of: row) {
        case .base(let row): base.published(at: row)
        case .added(let index): added[index].summary.published
        }
    }

    /// From the base where the row is the base's: the index decodes a row's source alone,
    /// where the whole summary would be decoded otherwise. The sources' numbers read every
    /// row's source after each check that found changes: decoding 100,000 summaries
    /// there added some 20 MB to the reader's peak memory.
    func source(at row: Int) -> (source: String?, published: Date?) {
        switch place(of: row) {
        case .base(let row): base.source(at: row)
        case .added(let index): (added[index].summary.source, added[index].summary.published)
        }
    }

    /// From the base's own bytes where the row is the base's.
    func withPath<Result>(at row: Int, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        switch place(of: row) {
        case .base(let row): return try base.withPath(at: row, body)
        case .added(let index):
            var path = added[index].summary.id.path
            return try path.withUTF8 { try body(UnsafeRawBufferPointer($0)) }
        }
    }

    func row(of id: StoryID) -> Int? {
        if let index = addedIndex[id] { return positions[index] }
        guard let row = base.row(of: id), !isHidden(row) else { return nil }
        return self.row(forBase: row)
    }

    func rows(whereTitleKeyContains words: [String]) -> [Int] {
        var rows = base.rows(whereTitleKeyContains: words).filter { !isHidden($0) }.map(row(forBase:))
        for (index, addition) in added.enumerated() where words.allSatisfy({ addition.summary.titleKey.contains($0) }) {
            rows.append(positions[index])
        }
        return rows.sorted()
    }

    /// The base counts its own rows (quickly, when it is the index), the additions are added.
    func tallySources(read: Set<StoryID>, starred: Set<StoryID>, skipping: [Int]) -> SourceTallies {
        var baseSkipped = hidden, addedSkipped = Set<Int>()
        for row in skipping {
            switch place(of: row) {
            case .base(let row): baseSkipped.append(row)
            case .added(let index): addedSkipped.insert(index)
            }
        }
        var tallies = base.tallySources(read: read, starred: starred, skipping: baseSkipped.sorted())
        for (index, addition) in added.enumerated() where !addedSkipped.contains(index) {
            let story = addition.summary
            tallies.add(source: SourceTallies.name(source: story.source, id: story.id), unread: !read.contains(story.id),
                        starred: starred.contains(story.id), published: story.published?.timeIntervalSince1970)
        }
        return tallies
    }

    func resolve(_ link: RelatedLink) -> StoryID? {
        if let id = links.resolve(link) { return id }
        // A story the changes removed is not in the library any more.
        guard let id = base.resolve(link), let row = base.row(of: id), !isHidden(row) else { return nil }
        return id
    }
}
