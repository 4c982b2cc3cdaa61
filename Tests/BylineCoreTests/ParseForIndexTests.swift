import BylineCore
import Foundation
import Testing

/// Indexing scans a story file's lines as bytes; what it finds must be what the full
/// parse finds, or the list would show one thing and the story another.
@Suite struct ParseForIndexTests {
    func summaries(_ text: String) -> (StorySummary?, StorySummary?) {
        let bytes = Array(text.utf8)
        let id = StoryID("a.txt")
        let fast = try? StoryFileParser.parseForIndex(bytes).get()
        let full = try? StoryFileParser.parse(bytes).get()
        return (fast.map { StorySummary(id: id, story: $0) }, full.map { StorySummary(id: id, story: $0) })
    }

    @Test(arguments: [
        "Title: T\nSource: S\nRelated: https://x.org/1 One\n\nText.\n\nREAD MORE: Two\n\nread more : [Three](https://x.org/3)\n",
        "Title: T\n\nText.\nREAD MORE: not alone\n\n  Read More: Indented\n\nSource: Closing\n",
        "Title: T\r\nKicker: K\r\n\r\nText.\r\n\r\nREAD MORE: Windows\r\n",
        "\u{FEFF}Title: T\n\nText.\n\nREAD MORE: After a BOM\n",
        "Title: T\nFolded\n  header\n\nText\n\n> READ MORE: quoted\n\n- READ MORE: listed\n\n\\READ MORE: escaped\n",
        "Title:\n\nA story named by its lead. It goes on.\n\nREAD MORE: X\n",
        "Fast News\n\nA headerless story. With words.\n\nREAD MORE: Y\n\nSource: Somewhere\n",
        "Author: A\nPublished: 2024-05-01T10:00:00Z\nTitle: Late title\nURL: https://e.org/a\n\nBody\n\nREAD MORE: Y\n\nREAD MORE: Y\n",
        "Title: Only a header\n",
        "Title: T\n\nSource: Not last\n\nText.\n",
        "Title: T\rSource: old Mac\r\rREAD MORE: Z\r",
    ])
    func agreesWithTheFullParse(text: String) {
        let (fast, full) = summaries(text)
        #expect(fast != nil)
        #expect(fast == full)
    }

    @Test func agreesOnEverySeedStory() throws {
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../seeds")
        let files = try FileManager.default.contentsOfDirectory(atPath: seeds.path).filter { $0.hasSuffix(".txt") }
        #expect(!files.isEmpty)
        for file in files {
            let text = try String(contentsOf: seeds.appendingPathComponent(file), encoding: .utf8)
            let (fast, full) = summaries(text)
            #expect(fast == full, "\(file)")
        }
    }

    @Test func problemsAreTheFullParsesProblems() {
        for bytes: [UInt8] in [[], [0x41, 0, 0x42], [0x41, 0xFF], Array("  \n\t\n".utf8)] {
            #expect(StoryFileParser.parseForIndex(bytes).map(\.title) == StoryFileParser.parse(bytes).map(\.title))
        }
    }
}
