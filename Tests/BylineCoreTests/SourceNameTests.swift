import BylineCore
import Foundation
import Testing

/// A story's source is named in the sources view without the spaces around it.
@Suite struct SourceNameTests {
    @Test func spacesAroundASourceAreDroppedAsFoundationDropsThem() {
        let sources = ["Harbour", "  Harbour ", "\tRail\t", "\u{00A0}Le Monde\u{3000}", "\u{2003}The Times\u{202F}",
                       "Back\\slash  News", "Ümlaut Zeitung", "日本 経済", "a", " ", "", "\t \u{00A0}\u{3000}",
                       "line\nbreak", "\nNewline kept\n", "Zero\u{200B}width\u{200B}", "e\u{301} ", " 🙂 ", "\u{180E}Mongolian\u{FEFF}"]
        for source in sources {
            let foundation = source.trimmingCharacters(in: .whitespaces)
            #expect(SourceTallies.trimmedSource(source) == (foundation.isEmpty ? nil : foundation), "\(source.debugDescription)")
        }
        for value in 0...0x3000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let source = "\(scalar)Name\(scalar)"
            let foundation = source.trimmingCharacters(in: .whitespaces)
            #expect(SourceTallies.trimmedSource(source) == foundation, "U+\(String(value, radix: 16))")
        }
        #expect(SourceTallies.trimmedSource(nil) == nil)
    }

    @Test func aBlankSourceFilesTheStoryUnderItsFolder() {
        #expect(SourceTallies.name(source: " \u{00A0} ", id: StoryID("harbour/1.txt")) == "harbour/")
        #expect(SourceTallies.name(source: "\u{3000}Harbour", id: StoryID("harbour/1.txt")) == "Harbour")
        #expect(SourceTallies.name(source: nil, id: StoryID("loose.txt")) == "Other stories")
    }
}
