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

    /// The rows for a listing, read a row at a time rather than held.
    /// A 100,000-story library is counted from each row's id, source and date alone.
    public static func make(_ stories: StoryRows, read: Set<StoryID>, starred: Set<StoryID>, order: Order,
                            folders: [String: String] = [:]) -> SourceList {
        make((0..<stories.count).lazy.map { row in
            let (source, published) = stories.source(at: row)
            return Counted(id: stories.id(at: row), source: source, published: published)
        }, read: read, starred: starred, order: order, folders: folders)
    }

    public static func make(_ stories: some Sequence<StorySummary>, read: Set<StoryID>, starred: Set<StoryID>,
                            order: Order, folders: [String: String] = [:]) -> SourceList {
        make(stories.lazy.map { Counted(id: $0.id, source: $0.source, published: $0.published) }, read: read,
             starred: starred, order: order, folders: folders)
    }

    /// What counting needs of one story.
    struct Counted {
        var id: StoryID
        var source: String?
        var published: Date?
    }

    static func make(_ stories: some Sequence<Counted>, read: Set<StoryID>, starred: Set<StoryID>,
                     order: Order, folders: [String: String]) -> SourceList {
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
            let name = StoryScope.sourceName(source: story.source, id: story.id)
            var row = sources[name] ?? Row(scope: .source(name), unread: 0, total: 0)
            row.total += 1
            row.unread += unread
            if let date = story.published, date > (row.newest ?? .distantPast) { row.newest = date }
            sources[name] = row
        }
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
        for row in sources.values {
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
