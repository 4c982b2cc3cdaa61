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

    func contains(_ story: StorySummary, starred: Set<StoryID>, folders: [String: String]) -> Bool {
        switch self {
        case .all: true
        case .starred: starred.contains(story.id)
        case .source(let name): Self.sourceName(of: story) == name
        case .folder(let name):
            folders[Self.sourceName(of: story)] == name
        }
    }
}
