import BylineCore

/// The `/` search: what has been typed and, once the search comes back, the stories it
/// found, best first. Searching runs in the background (`Effect.search`), so typing never
/// waits for it; until the first answer the list stays as it was.
public struct ListFilter: Equatable, Sendable {
    public var query: String
    /// Still typing (the status line shows the prompt) or accepted.
    public var isEditing: Bool
    /// The latest answer taken; nil while the first is on its way.
    public var found: SearchFound?

    public init(query: String = "", isEditing: Bool = true, found: SearchFound? = nil) {
        self.query = query
        self.isEditing = isEditing
        self.found = found
    }

    /// Nothing to search for yet (spaces and punctuation only).
    public var isEmpty: Bool { !query.contains { $0.isLetter || $0.isNumber } }

    public mutating func type(_ c: Character) { query.append(c) }

    public mutating func deleteBackward() {
        guard !query.isEmpty else { return }
        query.removeLast()
    }
}
