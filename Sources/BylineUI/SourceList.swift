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

    /// The rows for a listing, counted by the listing in one pass (see `SourceTallies`):
    /// from the index's bytes, no story's summary is decoded.
    public static func make(_ stories: StoryRows, read: Set<StoryID>, starred: Set<StoryID>, order: Order,
                            folders: [String: String] = [:]) -> SourceList {
        make(stories.tallySources(read: read, starred: starred), order: order, folders: folders)
    }

    public static func make(_ stories: some Sequence<StorySummary>, read: Set<StoryID>, starred: Set<StoryID>,
                            order: Order, folders: [String: String] = [:]) -> SourceList {
        var tallies = SourceTallies()
        for story in stories {
            tallies.add(source: StoryScope.sourceName(of: story), unread: !read.contains(story.id),
                        starred: starred.contains(story.id), published: story.published?.timeIntervalSince1970)
        }
        return make(tallies, order: order, folders: folders)
    }

    static func make(_ tallies: SourceTallies, order: Order, folders: [String: String]) -> SourceList {
        func row(_ scope: StoryScope, _ tally: StoryTally) -> Row {
            Row(scope: scope, unread: tally.unread, total: tally.total, newest: tally.newest.map(Date.init(timeIntervalSince1970:)))
        }
        // "All stories" and "Starred" stay on top: they carry no date to sort by.
        var all = row(.all, tallies.all), star = row(.starred, tallies.starred)
        all.newest = nil
        star.newest = nil
        let sources = tallies.bySource.map { row(.source($0.key), $0.value) }
        func sorted(_ rows: some Collection<Row>) -> [Row] {
            rows.sorted { a, b in
                switch order {
                case .newestFirst:
                    if a.newest != b.newest { return (a.newest ?? .distantPast) > (b.newest ?? .distantPast) }
                case .byTitle: break
                }
                return a.scope.title.localizedStandardCompare(b.scope.title) == .orderedAscending
            }
        }
        // Sources filed in a folder are listed under it, after a row with the folder's counts.
        var folderRows: [String: Row] = [:]
        var filed: [String: [Row]] = [:]
        var top: [Row] = []
        for row in sources {
            guard case .source(let name) = row.scope, let folder = folders[name] else {
                top.append(row)
                continue
            }
            filed[folder, default: []].append(row)
            var summary = folderRows[folder] ?? Row(scope: .folder(folder), unread: 0, total: 0)
            summary.unread += row.unread
            summary.total += row.total
            if let date = row.newest, date > (summary.newest ?? .distantPast) { summary.newest = date }
            folderRows[folder] = summary
        }
        var rows = [all, star]
        for row in sorted(top + Array(folderRows.values)) {
            rows.append(row)
            if case .folder(let folder) = row.scope { rows += sorted(filed[folder] ?? []) }
        }
        return SourceList(rows: rows)
    }
}

/// The sources view on screen: which row is selected and how the rows are ordered.
public struct SourcesView: Equatable, Sendable {
    public var order: SourceList.Order = .newestFirst
    public var list = ListState()
    /// The rows, counted when the view opens or what they count changes, not per frame:
    /// counting walks every story's summary.
    public var rows: [SourceList.Row] = []
    public init() {}
}
