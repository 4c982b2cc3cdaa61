/// Why a file could not be read as a story. Shown to the reader in one line next to the
/// file's name; the file itself is left untouched.
public enum StoryFileProblem: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    case empty
    case noText
    case containsNUL(offset: Int)
    case invalidUTF8(offset: Int)
    case unreadable(String)

    public var description: String {
        switch self {
        case .empty: "the file is empty"
        case .noText: "the file holds no text, only blank lines"
        case .containsNUL(let offset): "a NUL byte at byte \(offset): this looks like a binary file, not a story"
        case .invalidUTF8(let offset): "not valid UTF-8 at byte \(offset)"
        case .unreadable(let reason): "cannot be read: \(reason)"
        }
    }
}
