import BylineCore
import Foundation
import TerminalKit
import Testing
@testable import BylineUI

/// Preformatted blocks, bold and italic, and images on the reading pane.
@Suite struct RichTextReaderTests {
    static let id = StoryID("rich.txt")
    static let story = Story(
        title: "Rich text", url: "https://example.org/rich",
        body: [
            .paragraph("Some **bold** words and *italic* ones."),
            .preformatted("func a() {\n    return  1    // a comment that runs past the edge of a narrow pane\n\n}"),
            .image(alt: "Crowds in the square", url: "https://example.org/crowd.jpg"),
            .image(alt: "A drawing", url: nil),
            .paragraph("See [the report](https://example.org/report)."),
        ])

    func page(width: Int = 40, theme: Theme = .standard) -> ReaderPage {
        ReaderPage.layout(Self.story, width: width, theme: theme, selectedLink: nil, timeZone: TimeZone(identifier: "UTC")!)
    }

    func text(_ page: ReaderPage) -> [String] { page.lines.map { $0.map(\.text).joined() } }

    private func reading(width: Int = 100) -> AppState {
        var state = AppState(library: Fixtures.library, stories: [StorySummary(id: Self.id, story: Self.story)],
                             screen: ScreenSize(width: width, height: 30))
        _ = update(&state, .started)
        _ = update(&state, .storyLoaded(Self.id, .success(Self.story)))
        _ = update(&state, .key(.enter))
        return state
    }

    // MARK: - Preformatted

    @Test func preformattedLinesAreNeitherWrappedNorJoined() {
        let lines = text(page(width: 30))
        let start = lines.firstIndex(of: "  func a() {") ?? -1
        #expect(start >= 0, "\(lines)")
        #expect(lines[start + 1] == "      return  1    // a comment that runs past the edge of a narrow pane")
        #expect(lines[start + 2] == "", "the blank line inside the block stays")
        #expect(lines[start + 3] == "  }")
        let style = page(width: 30).lines[start].first?.style
        #expect(style == Theme.standard[.preformatted])
        #expect(style != Theme.standard[.body])
    }

    @Test func aLineWiderThanThePaneIsCutWithAMark() {
        let page = page(width: 30)
        var grid = CellGrid(width: 30, height: page.lines.count)
        TextPane(lines: page.lines, unwrapped: page.unwrapped)
            .draw(in: Rect(x: 0, y: 0, width: 30, height: page.lines.count), on: &grid)
        let row = text(page).firstIndex { $0.contains("return") } ?? 0
        #expect(grid.lines[row] == "      return  1    // a comme›")
        // Lines that fit carry no mark.
        #expect(grid.lines.filter { $0.contains("›") }.count == 1)
    }

    @Test func aHugeLineIsCutLikeAnyOther() {
        let story = Story(title: "Minified", body: [.preformatted("中" + String(repeating: "x", count: 200_000))])
        let page = ReaderPage.layout(story, width: 20, theme: .standard, selectedLink: nil, timeZone: TimeZone(identifier: "UTC")!)
        var grid = CellGrid(width: 20, height: page.lines.count)
        TextPane(lines: page.lines, unwrapped: page.unwrapped)
            .draw(in: Rect(x: 0, y: 0, width: 20, height: page.lines.count), on: &grid)
        #expect(grid.lines.last == "  中xxxxxxxxxxxxxxx›")
    }

    @Test func onScreenAPreformattedLineRunsPastTheMeasureToThePaneEdge() {
        let state = reading(width: 140)
        let text = state.layout.readerText
        let lines = render(state).lines
        let row = lines.first { $0.contains("return  1") } ?? ""
        #expect(row.contains("runs past the edge of a narrow pane"), "\(row)")
        let prose = lines.first { $0.contains("Some bold words") } ?? ""
        #expect((text?.width ?? 0) < 72 + 1, "prose keeps the measure")
        #expect(!prose.isEmpty)
    }

    // MARK: - Emphasis

    @Test func boldAndItalicAreCellAttributes() {
        let spans = page(width: 60).lines.joined()
        let bold = spans.first { $0.text == "bold" }
        let italic = spans.first { $0.text == "italic" }
        #expect(bold?.style.attributes.contains(.bold) == true)
        #expect(italic?.style.attributes.contains(.italic) == true)
        #expect(!text(page(width: 60)).joined().contains("*"), "no asterisks reach the screen")
    }

    static let monoTheme: Theme = {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Themes/mono.toml")
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return (try? ThemeFile.parse(text, file: file.path, fallbackName: "mono").get()) ?? .standard
    }()

    /// NO_COLOR's monochrome default theme, and the bundled mono theme.
    @Test(arguments: ["NO_COLOR", "mono"])
    func emphasisShowsWithoutColour(themeName: String) {
        let theme = themeName == "mono" ? Self.monoTheme : Theme.standard.monochrome
        #expect(theme.name == (themeName == "mono" ? "mono" : "default"))
        var grid = CellGrid(width: 60, height: 20)
        let page = page(width: 60, theme: theme)
        TextPane(lines: page.lines).draw(in: Rect(x: 0, y: 0, width: 60, height: 20), on: &grid)
        let row = grid.lines.firstIndex { $0.contains("Some bold words") } ?? 0
        let column = Array(grid.lines[row]).firstIndex(of: "b") ?? 0
        #expect(grid[column, row].style.attributes.contains(.bold))
        #expect(grid[column, row].style.foreground == .default)
        let italicColumn = (grid.lines[row].range(of: "italic")?.lowerBound.utf16Offset(in: grid.lines[row])) ?? 0
        #expect(grid[italicColumn, row].style.attributes.contains(.italic))
    }

    // MARK: - Images

    @Test func anImageIsAVisibleNumberedLink() {
        let page = page(width: 60)
        #expect(text(page).contains("[image: Crowds in the square] [1]"))
        #expect(text(page).contains("[image: A drawing]"), "an image without an address still shows")
        #expect(page.links.first?.target.url == "https://example.org/crowd.jpg")
        #expect(page.links.map(\.number) == [1, 2])
    }

    @Test func oOpensTheSelectedImageInTheBrowser() {
        var state = reading()
        _ = update(&state, .key(.tab))
        #expect(update(&state, .key(.character("o"))) == [.openInBrowser("https://example.org/crowd.jpg")])
    }
}
