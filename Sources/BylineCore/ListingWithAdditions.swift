/// A listing with a few stories added in their places (a story fetched with `f` or by
/// following a link), over a base listing left as it is.
///
/// A row is found by walking the additions, so this is for the handful a session saves;
/// the next reload of the library brings a fresh listing that holds them itself.
final class ListingWithAdditions: StoryListing {
    private let base: any StoryListing
    /// In list order, each with the base row it goes before.
    private let added: [(summary: StorySummary, before: Int)]
    /// Base rows replaced by an addition with the same id, ascending.
    private let hidden: [Int]

    init(base: any StoryListing, added: [(summary: StorySummary, before: Int)] = [], hidden: [Int] = []) {
        self.base = base
        self.added = added
        self.hidden = hidden
    }

    func adding(_ summary: StorySummary) -> ListingWithAdditions {
        var added = self.added.filter { $0.summary.id != summary.id }
        var hidden = self.hidden
        if let row = base.row(of: summary.id), !hidden.contains(row) {
            hidden.append(row)
            hidden.sort()
        }
        let before = insertionRow(for: summary)
        let at = added.firstIndex { $0.before > before || ($0.before == before && StorySummary.newestFirst(summary, $0.summary)) }
        added.insert((summary, before), at: at ?? added.endIndex)
        return ListingWithAdditions(base: base, added: added, hidden: hidden)
    }

    /// The first base row `summary` sorts before: a binary search, since the base is in order.
    private func insertionRow(for summary: StorySummary) -> Int {
        var low = 0, high = base.count
        while low < high {
            let middle = (low + high) / 2
            if StorySummary.newestFirst(base.summary(at: middle), summary) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    var count: Int { base.count + added.count - hidden.count }
    var hasDates: Bool { base.hasDates || added.contains { $0.summary.published != nil } }

    private enum Place {
        case base(Int)
        case added(Int)
    }

    /// Where row `row` of this listing comes from. Additions go before their base row;
    /// a hidden base row takes no place.
    private func place(of row: Int) -> Place {
        var shift = 0  // this listing's row minus the base row, so far
        var nextAdded = 0, nextHidden = 0
        while nextAdded < added.count || nextHidden < hidden.count {
            let addedAt = nextAdded < added.count ? added[nextAdded].before : Int.max
            let hiddenAt = nextHidden < hidden.count ? hidden[nextHidden] : Int.max
            if addedAt <= hiddenAt {
                let position = addedAt + shift
                if row < position { return .base(row - shift) }
                if row == position { return .added(nextAdded) }
                shift += 1
                nextAdded += 1
            } else {
                if row < hiddenAt + shift { return .base(row - shift) }
                shift -= 1
                nextHidden += 1
            }
        }
        return .base(row - shift)
    }

    /// This listing's row for base row `row` (not hidden).
    private func row(forBase row: Int) -> Int {
        row + added.count(where: { $0.before <= row }) - hidden.count(where: { $0 < row })
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

    func row(of id: StoryID) -> Int? {
        if let index = added.firstIndex(where: { $0.summary.id == id }) {
            return added[index].before + index - hidden.count(where: { $0 < added[index].before })
        }
        guard let row = base.row(of: id), !hidden.contains(row) else { return nil }
        return self.row(forBase: row)
    }

    func rows(whereTitleKeyContains words: [String]) -> [Int] {
        var rows = base.rows(whereTitleKeyContains: words).filter { !hidden.contains($0) }.map(row(forBase:))
        for (index, addition) in added.enumerated() where words.allSatisfy({ addition.summary.titleKey.contains($0) }) {
            rows.append(addition.before + index - hidden.count(where: { $0 < addition.before }))
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
        // A hidden row's id is an addition's, so the base's answer stands either way.
        RelatedLinkIndex(added.map(\.summary)).resolve(link) ?? base.resolve(link)
    }
}
