/// A listing held as summaries in memory: for the bundled seeds, small libraries and tests.
public final class SummaryListing: StoryListing {
    public let summaries: [StorySummary]
    public let hasDates: Bool
    private let rows: [StoryID: Int]
    private let links: RelatedLinkIndex

    /// - Parameter summaries: in list order (newest first).
    public init(_ summaries: [StorySummary]) {
        self.summaries = summaries
        hasDates = summaries.contains { $0.published != nil }
        var rows: [StoryID: Int] = [:]
        for (row, summary) in summaries.enumerated() where rows[summary.id] == nil { rows[summary.id] = row }
        self.rows = rows
        links = RelatedLinkIndex(summaries)
    }

    public var count: Int { summaries.count }
    public func summary(at row: Int) -> StorySummary { summaries[row] }
    public func id(at row: Int) -> StoryID { summaries[row].id }
    public func row(of id: StoryID) -> Int? { rows[id] }
    public func resolve(_ link: RelatedLink) -> StoryID? { links.resolve(link) }

    public func rows(whereTitleKeyContains words: [String]) -> [Int] {
        summaries.indices.filter { row in words.allSatisfy { summaries[row].titleKey.contains($0) } }
    }
}
