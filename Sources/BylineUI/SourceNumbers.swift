import BylineCore

/// Each row's source, numbered, with each source's total and newest story: what the
/// sources view counts from once it has been made.
///
/// Counting a library's sources walks every row's `Source:` in the index (some 40 ms at
/// 100,000 stories, all of the index's pages touched); this walk is made once per listing,
/// behind the screen, and `S` then counts unread stories from the read rows' bits and the
/// starred stories alone.
public struct SourceNumbers: Sendable {
    /// The listing counted: the numbers name its rows.
    public let stories: StoryRows
    private let names: [String]
    /// Per row, its source's place in `names`.
    private let numbers: [Int32]
    /// Per source, in `names`' order, every story counted as unread.
    private let totals: [StoryTally]
    private let all: StoryTally

    /// Rows between giving back the index pages read (as the listing's own passes do):
    /// some 300 KB of the index at once, beside the reader's other start-up passes.
    private static let rowsBetweenReleases = 1024

    public init(_ stories: StoryRows) {
        var names: [String] = [], numbers: [Int32] = [], totals: [StoryTally] = []
        var byName: [String: Int32] = [:]
        var all = StoryTally()
        numbers.reserveCapacity(stories.count)
        for row in 0..<stories.count {
            let (source, published) = stories.source(at: row)
            let name = SourceTallies.trimmedSource(source) ?? SourceTallies.name(source: nil, id: stories.id(at: row))
            let number: Int32
            if let known = byName[name] {
                number = known
            } else {
                number = Int32(names.count)
                byName[name] = number
                names.append(name)
                totals.append(StoryTally())
            }
            numbers.append(number)
            totals[Int(number)].add(unread: true, published: published?.timeIntervalSince1970)
            all.add(unread: true, published: published?.timeIntervalSince1970)
            if row % Self.rowsBetweenReleases == Self.rowsBetweenReleases - 1 { stories.releasePages() }
        }
        stories.releasePages()
        self.stories = stories
        self.names = names
        self.numbers = numbers
        self.totals = totals
        self.all = all
    }

    /// Whether these are the numbers of `listing`'s rows.
    func number(_ listing: StoryRows) -> Bool { sameListing(stories.listing, listing.listing) }

    /// The sources' counts with the marks given: the read stories by row, the starred by id.
    func tallies(read: ReadRows, starred: Set<StoryID>) -> SourceTallies {
        var readBySource = [Int](repeating: 0, count: names.count)
        read.forEach { row in
            if row < numbers.count { readBySource[Int(numbers[row])] += 1 }
        }
        var tallies = SourceTallies()
        tallies.all = all
        tallies.all.unread = all.total - readBySource.reduce(0, +)
        for (number, name) in names.enumerated() {
            var tally = totals[number]
            tally.unread = tally.total - readBySource[number]
            tallies.bySource[name] = tally
        }
        for id in starred {
            guard let row = stories.row(of: id) else { continue }
            tallies.starred.add(unread: !read.contains(row), published: stories.source(at: row).published?.timeIntervalSince1970)
        }
        return tallies
    }
}
