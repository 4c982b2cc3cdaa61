import Foundation
import TerminalKit
import Testing
@testable import BylineUI

@Suite struct ThemeFileTests {
    static let themesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Themes")

    @Test func bundledThemesAllParse() throws {
        let files = try FileManager.default.contentsOfDirectory(at: Self.themesFolder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "toml" }
        let names = try files.map { file -> String in
            let text = try String(contentsOf: file, encoding: .utf8)
            let theme = try ThemeFile.parse(text, file: file.lastPathComponent, fallbackName: "x").get()
            return theme.name
        }
        #expect(Set(names).isSuperset(of: ["default", "dark", "light", "mono"]))
    }

    @Test func bundledDefaultMatchesTheBuiltInFallback() throws {
        let text = try String(contentsOf: Self.themesFolder.appendingPathComponent("default.toml"), encoding: .utf8)
        let theme = try ThemeFile.parse(text, file: "default.toml", fallbackName: "default").get()
        for element in ThemeElement.allCases {
            #expect(theme[element] == Theme.standard[element], "\(element)")
        }
    }

    @Test func coloursAndAttributes() throws {
        let theme = try ThemeFile.parse("""
        name = "mine"
        [title]
        fg = "bright-red"
        bg = "#102030"
        attrs = ["bold", "italic"]
        [link]
        fg = 208
        """, file: "mine.toml", fallbackName: "x").get()
        #expect(theme.name == "mine")
        #expect(theme[.title] == Style(foreground: .ansi(9), background: .rgb(0x10, 0x20, 0x30), attributes: [.bold, .italic]))
        #expect(theme[.link].foreground == .indexed(208))
        // Elements the file leaves out keep the default style.
        #expect(theme[.quote] == Theme.standard[.quote])
    }

    @Test func brokenTOMLNamesTheFileAndLine() {
        let result = ThemeFile.parse("name = \"x\"\n[title]\nfg = \"red\n", file: "/home/u/.config/byline/themes/x.toml", fallbackName: "x")
        guard case .failure(let problem) = result else { Issue.record("expected a problem"); return }
        #expect(problem.line == 3)
        #expect(problem.description.hasPrefix("/home/u/.config/byline/themes/x.toml:3: "))
        #expect(!problem.description.contains("\n"))
    }

    @Test func badColourNamesTheLine() {
        let result = ThemeFile.parse("[title]\nattrs = [\"bold\"]\nfg = \"chartreuse-ish\"\n", file: "t.toml", fallbackName: "t")
        guard case .failure(let problem) = result else { Issue.record("expected a problem"); return }
        #expect(problem.line == 3)
        #expect(problem.reason.contains("chartreuse-ish"))
    }

    @Test func unknownElementNamesTheLine() {
        let result = ThemeFile.parse("name = \"t\"\n\n[titel]\nfg = \"red\"\n", file: "t.toml", fallbackName: "t")
        guard case .failure(let problem) = result else { Issue.record("expected a problem"); return }
        #expect(problem.line == 3)
        #expect(problem.reason.contains("titel"))
    }

    @Test func noColorKeepsAttributesOnly() {
        let mono = Theme(name: "c", styles: [.link: Style(foreground: .ansi(4), background: .rgb(1, 2, 3), attributes: [.underline])]).monochrome
        #expect(mono[.link] == Style(attributes: [.underline]))
        #expect(ThemeElement.allCases.allSatisfy { mono[$0].foreground == .default && mono[$0].background == .default })
    }
}

/// Link colours in every bundled theme, readable whatever the terminal's palette.
@Suite struct LinkContrastTests {
    /// WCAG relative luminance of a 24-bit colour.
    static func luminance(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Double {
        func channel(_ value: UInt8) -> Double {
            let c = Double(value) / 255
            return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    @Test func everyBundledThemesLinksAreReadableOnDarkAndLightPalettes() throws {
        let files = try FileManager.default.contentsOfDirectory(at: ThemeFileTests.themesFolder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "toml" }
        #expect(files.count >= 4)
        for file in files {
            let theme = try ThemeFile.parse(try String(contentsOf: file, encoding: .utf8), file: file.lastPathComponent,
                                            fallbackName: "x").get()
            for element in [ThemeElement.link, .selectedLink] {
                let style = theme[element]
                switch (style.foreground, style.background) {
                case (.default, .default):
                    // The terminal's own text colour on its own background: readable by
                    // definition; the link must still stand out from the text.
                    #expect(!style.attributes.isEmpty, "\(file.lastPathComponent) \(element) looks like plain text")
                case (.rgb(let r, let g, let b), .rgb(let br, let bg, let bb)):
                    let (a, c) = (Self.luminance(r, g, b), Self.luminance(br, bg, bb))
                    let ratio = (max(a, c) + 0.05) / (min(a, c) + 0.05)
                    #expect(ratio >= 4.5, "\(file.lastPathComponent) \(element): contrast \(ratio)")
                default:
                    // A palette colour, or one colour on the terminal's unknown background:
                    // readable on one palette and not another.
                    Issue.record("\(file.lastPathComponent) \(element): \(style) depends on the terminal's palette")
                }
            }
        }
    }
}

/// Found by `Scripts/fuzz theme`: toml++ stopped the program with an assertion on a table
/// header with no name. Each is now a parse error with its line.
@Suite struct ThemeFileFuzzFindingTests {
    @Test(arguments: [
        ("[header]\nattrs = [\"bold\"]\n\n[\n\n[quote]\nattrs = [\"italic\"]\n", 4),
        ("name = \"x\"\n[[ ]]\n", 2),
        ("[ \n", 1),
    ])
    func tableHeaderWithoutANameIsAnErrorNotACrash(text: String, line: Int) {
        #expect(ThemeFile.parse(text, file: "mine.toml", fallbackName: "x")
            == .failure(ThemeFile.Problem(file: "mine.toml", line: line, reason: "a table header needs a name, like [name]")))
    }

    @Test func aBraceClosingAnArrayIsAnErrorNotACrash() {
        let text = "[help_title]\nattrs = [\"bold\",}}}}}2}}}]\nattrs = [\"bold\"]\n"
        #expect(ThemeFile.parse(text, file: "mine.toml", fallbackName: "x")
            == .failure(ThemeFile.Problem(file: "mine.toml", line: 2, reason: "'}' cannot close '['")))
    }

    @Test func bracketsInsideValuesAndStringsAreNotHeaders() throws {
        let text = "name = \"[\"\n# [\n[header]\nattrs = [\n  \"bold\",\n]\n"
        let theme = try ThemeFile.parse(text, file: "mine.toml", fallbackName: "x").get()
        #expect(theme.name == "[")
    }
}
