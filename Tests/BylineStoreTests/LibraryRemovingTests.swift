import BylineCore
import BylineStore
import Foundation
import Testing

/// `d` and retention remove stories through `Library.remove`: only a file Byline saved
/// can go, a file the reader wrote is refused and left as it was.
@Suite struct LibraryRemovingTests {
    func library() throws -> (Library, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-removing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("fetched"), withIntermediateDirectories: true)
        for path in ["fetched/00000000000000aa.txt", "mine.txt", "fetched/my-notes.txt"] {
            try "Title: \(path)\n\nBody.\n".write(to: folder.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
        return (Library(folder: folder), folder)
    }

    @Test func aFileTheReaderWroteIsNeverRemovedEvenInsideFetched() throws {
        let (library, folder) = try library()
        defer { try? FileManager.default.removeItem(at: folder) }
        for path in ["mine.txt", "fetched/my-notes.txt"] {
            #expect(!Library.isSavedByByline(StoryID(path)))
            for keep in [true, false] {
                #expect(throws: LibraryError.self) { try library.remove(StoryID(path), keepForUndo: keep) }
            }
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path), "\(path) stays")
        }
    }

    @Test func aSavedStoryWaitsForUndoThenComesBack() throws {
        let (library, folder) = try library()
        defer { try? FileManager.default.removeItem(at: folder) }
        let id = StoryID("fetched/00000000000000aa.txt")
        let file = folder.appendingPathComponent(id.path)
        try library.remove(id, keepForUndo: true)
        #expect(!FileManager.default.fileExists(atPath: file.path))
        try library.restore(id)
        #expect(try String(contentsOf: file, encoding: .utf8) == "Title: fetched/00000000000000aa.txt\n\nBody.\n")
    }
}
