import BylineCore

/// A story file anywhere on disk (as `byline show FILE` opens it), read with the same
/// limit as the library's files: a 1 GB file is refused, not read into memory.
public enum StoryFileAtPath {
    public static func read(_ path: String) -> Result<Story, StoryFileProblem> {
        switch FileBytes.contents(of: path) {
        case .failure(.missing): return .failure(.unreadable("no such file"))
        case .failure(.failed(let reason)): return .failure(.unreadable(reason))
        case .success(let bytes): return StoryFileParser.parse(bytes)
        }
    }
}
