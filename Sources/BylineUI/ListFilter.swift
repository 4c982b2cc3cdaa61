import BylineCore

/// The `/` filter: keeps stories whose headline holds every word typed, in any case and
/// regardless of punctuation.
public struct ListFilter: Equatable, Sendable {
    public var query: String
    /// Still typing (the status line shows the prompt) or accepted.
    public var isEditing: Bool
    /// The words typed, reduced as title keys are.
    public private(set) var words: [String]

    public init(query: String = "", isEditing: Bool = true) {
        self.query = query
        self.isEditing = isEditing
        self.words = TitleKey(query).value.split(separator: " ").map(String.init)
    }

    public var isEmpty: Bool { words.isEmpty }

    public mutating func type(_ c: Character) { self = ListFilter(query: query + String(c), isEditing: isEditing) }

    public mutating func deleteBackward() {
        guard !query.isEmpty else { return }
        self = ListFilter(query: String(query.dropLast()), isEditing: isEditing)
    }

    public func matches(_ story: StorySummary) -> Bool {
        matches(headlineKey: story.titleKey)
    }

    /// Matches a headline already reduced by `TitleKey`.
    public func matches(headlineKey: String) -> Bool {
        words.allSatisfy { headlineKey.contains($0) }
    }
}
