import Foundation
import TestSupport

/// A library someone hostile or careless wrote: terminal escape sequences in every
/// field a story shows, plus files that are not stories at all.
///
/// The escapes are the ones that would do visible harm if they reached the terminal:
/// OSC 0 retitles the window to "PWNED", `ESC[2J` clears the screen, SGR codes turn
/// text blinking red on yellow, C1 CSI (U+009B) is the one-byte form of `ESC[`, BEL rings.
enum HostileLibrary {
    static let escapes = "\u{1B}]0;PWNED\u{07}\u{1B}[2J\u{1B}[5;41;93mLOUD\u{1B}[0m\u{07}\u{9B}31m"

    /// Text after a stray U+009D (the mojibake of ”) that nothing closes: it must show.
    static let strayIntroducerSurvivor = "and the rest of the paragraph stays"

    /// Stories that parse, by the words of their titles the list should show.
    static let storyTitleWords = ["Plain survivor", "Hostile title", "Headerless"]

    /// Files that are not stories, each with the reason the reader should give.
    static let damaged: [(name: String, bytes: Data)] = [
        ("binary.txt", Data((0...255).map { UInt8($0) } + (0...255).map { UInt8(255 - $0) })),
        ("invalid-utf8.txt", Data("Title: Broken ".utf8) + Data([0xFF, 0xFE, 0x9B]) + Data(" bytes\n\nBody \u{1B}".utf8) + Data([0xC3, 0x28, 0x0A])),
        ("empty.txt", Data()),
    ]

    static func make(in folder: ScratchFolder) throws {
        try folder.write("plain.txt", text: """
            Title: Plain survivor story
            Published: 2024-01-03T10:00:00Z

            Just words.

            """)
        try folder.write("hostile.txt", text: """
            Title: Hostile title \(escapes) ends
            Kicker: Kick\(escapes)er
            Source: Src\(escapes)
            Author: Auth\(escapes)or
            Published: 2024-01-02T10:00:00Z
            URL: https://example.org/\u{1B}]0;PWNED\u{07}page
            Related: https://example.org/other Related \(escapes) title

            Body paragraph \(escapes) more words here.

            ## Sub\(escapes)heading

            > Quote \(escapes) here

            - Item \(escapes) one

            READ MORE: Linked \(escapes) story

            """)
        try folder.write("headerless.txt", text: """
            Headerless \u{1B}]2;PWNED\u{1B}\\ title here

            Body of it \u{1B}[31mred\u{1B}[0m and \u{9B}2J more.

            Mis-decoded \u{E2}\u{80}\u{9D}quote, \(strayIntroducerSurvivor).

            """)
        for file in damaged { try folder.write(file.name, file.bytes) }
    }
}
