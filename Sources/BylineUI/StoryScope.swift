import BylineCore

/// Which stories the list shows: the whole library, the starred ones, or one source's.
public enum StoryScope: Hashable, Sendable {
    case all
    case starred
    /// The stories of one feed or source (`Source:`), or of one folder for files with none.
    case source(String)
    /// The stories of the sources filed in one folder (OPML's outlines); a folder within it
    /// has a row of its own.
    case folder(String)

    public var title: String {
        switch self {
        case .all: "All stories"
        case .starred: "Starred"
        case .source(let name): name
        case .folder(let name): name + " /"
        }
    }

    /// The group a story belongs to in the sources view: its source, else its folder,
    /// else the library's top folder.
    public static func sourceName(of story: StorySummary) -> String {
        sourceName(source: story.source, id: story.id)
    }

    static func sourceName(source: String?, id: StoryID) -> String {
        SourceTallies.name(source: source, id: id)
    }

    /// The rows of `stories` in the scope, ascending, `hidden` stories left out. Reads
    /// each row's source at most (and its id when it has none), never its whole summary;
    /// the starred are looked up by id.
    func rows(of stories: StoryRows, starred: Set<StoryID>, folders: [String: String], hidden: Set<StoryID>) -> [Int] {
        let hiddenRows = Set(hidden.compactMap(stories.row(of:)))
        func sourceName(at row: Int) -> String {
            SourceTallies.trimmedSource(stories.source(at: row).source) ?? Self.sourceName(source: nil, id: stories.id(at: row))
        }
        func rows(where keep: (Int) -> Bool) -> [Int] {
            (0..<stories.count).filter { !hiddenRows.contains($0) && keep($0) }
        }
        switch self {
        case .all: return rows { _ in true }
        case .starred: return starred.compactMap(stories.row(of:)).filter { !hiddenRows.contains($0) }.sorted()
        case .source(let name): return rows { sourceName(at: $0) == name }
        case .folder(let folder): return rows { folders[sourceName(at: $0)] == folder }
        }
    }
}
