import BylineCore

/// How Byline names the story files it writes, and how it knows a file is one of its own.
///
/// Byline writes only into the library's `fetched/` folder, and only files named with
/// sixteen lower-case hex digits and `.txt` (`3f2a9c0d1e4b5a67.txt`), the stable hash of the
/// story's URL (else its ID, else its title). It overwrites only such a file in that
/// folder: a file a person put in the library, under any other name or folder, is never
/// modified, moved or deleted.
public enum StoryFileName {
    /// The folder, inside the library, that holds the files Byline writes.
    public static let folder = "fetched"

    /// The file name for a story: the same story (same URL) always gets the same name, so
    /// fetching it again replaces it rather than adding a copy.
    public static func forStory(_ story: Story) -> String {
        let key = story.url ?? story.id ?? story.title
        return StableHash.hex(StableHash.of(key)) + ".txt"
    }

    /// Whether a plain file name follows Byline's pattern.
    public static func isBylineName(_ name: String) -> Bool {
        let utf8 = Array(name.utf8)
        guard utf8.count == 20, name.hasSuffix(".txt") else { return false }
        return utf8.prefix(16).allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
