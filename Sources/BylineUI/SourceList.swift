import BylineCore
import Foundation

/// The sources view's rows: "All stories", "Starred", then each source with its unread
/// and total counts, newest first or by title.
///
/// Counted from the listing's summaries, which are in memory already (the index gives
/// them): no story file is read to draw this view.
public struct SourceList: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public var scope: StoryScope
        public var unread: Int
        public var total: Int
        public var newest: Date?
    }

    public enum Order: Equatable, Sendable { case newestFirst, byTitle }

    public var rows: [Row]

    public static func make(_ stories: [StorySummary], read: Set<StoryID>, starred: Set<StoryID>, order: Order) -> SourceList {
        var all = Row(scope: .all, unread: 0, total: 0)
        var star = Row(scope: .starred, unread: 0, total: 0)
        var sources: [String: Row] = [:]
        for story in stories {
            let unread = read.contains(story.id) ? 0 : 1
            all.total += 1
            all.unread += unread
            if starred.contains(story.id) {
                star.total += 1
                star.unread += unread
            }
            let name = StoryScope.sourceName(of: story)
            var row = sources[name] ?? Row(scope: .source(name), unread: 0, total: 0)
            row.total += 1
            row.unread += unread
            if let date = story.published, date > (row.newest ?? .distantPast) { row.newest = date }
            sources[name] = row
        }
        let sorted = sources.values.sorted { a, b in
            switch order {
            case .newestFirst:
                if a.newest != b.newest { return (a.newest ?? .distantPast) > (b.newest ?? .distantPast) }
            case .byTitle: break
            }
            return a.scope.title.localizedStandardCompare(b.scope.title) == .orderedAscending
        }
        return SourceList(rows: [all, star] + sorted)
    }
}

/// The sources view on screen: which row is selected and how the rows are ordered.
public struct SourcesView: Equatable, Sendable {
    public var order: SourceList.Order = .newestFirst
    public var list = ListState()
    public init() {}
}
