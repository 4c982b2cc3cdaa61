/// Names a story within its library: the story file's path relative to the library folder.
///
/// Paths are stable across runs, cheap to compare, and need no reading of the file.
public struct StoryID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let path: String
    public init(_ path: String) { self.path = path }
    public var description: String { path }
    public static func < (a: StoryID, b: StoryID) -> Bool { a.path < b.path }
}
