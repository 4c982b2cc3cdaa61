import Foundation
import BylineCore
import TerminalKit
import Testing
import TestSupport
@testable import BylineUI

@Suite struct RenderTests {
    @Test func sideBySideScreen() {
        var driver = Driver(Fixtures.state(width: 90, height: 9))
        driver.send(.storyLoaded(Fixtures.seedID, .success(Fixtures.seed)))
        driver.state.reader = ReaderState(id: Fixtures.seedID)
        expectLines(driver.lines, [
            " Byline — All stories                                                3 unread · 3 stories ",
            " ●  Tue 18 Jan   The crowd called for the expul… │ FAST NEWS                              ",
            " ●  Mon 17 Jan   Even in death, Iran's Soleiman… │ The crowd called for the expulsion of  ",
            " ●  Sun 16 Jan   US has ended its combat missio… │ remaining American forces…             ",
            "                                                 │ TRTWorld and agencies                  ",
            "                                                 │                                        ",
            "                                                 │ The crowd called for the expulsion of  ",
            "                                                 │ remaining American forces from Iraq.   ",
            " ↑↓ move  ⏎ read  n unread  S sources  / search  ? help  q quit                       Top ",
        ])
    }

    @Test func readerMarksAndNumbersLinks() {
        var driver = Driver(Fixtures.state(width: 100, height: 40))
        driver.press(.enter)
        let text = driver.state.readerPage?.lines.map { $0.map(\.text).joined() } ?? []
        // Reading, the story has most of the width: 67 columns of text beside a 30-column list.
        #expect(text[7...8] == ["▸ READ MORE: US has ended its combat mission in Iraq but its malign", "  influence remains [1]"])
        #expect(text.joined(separator: " ").contains("casts a long   shadow [2]"))
        #expect(text.contains("Calls for withdrawal of US troops"))
        // The subheading and links carry the theme's styles, not the body's.
        let page = driver.state.readerPage!
        let heading = page.lines.first { $0.map(\.text).joined() == "Calls for withdrawal of US troops" }
        #expect(heading?.first?.style == Theme.standard[.subheading])
        let linkSpan = page.lines.joined().first { $0.tag == 1 }
        #expect(linkSpan?.style == Theme.standard[.link])
    }

    @Test func tabHighlightsTheSelectedLink() {
        var driver = Driver(Fixtures.state(width: 100, height: 40))
        driver.press(.enter, .tab, .tab)
        let page = driver.state.readerPage!
        let selected = page.lines.joined().filter { $0.tag == 2 }.map(\.style)
        #expect(selected.contains(Theme.standard[.selectedLink]))
        #expect(page.lines.joined().filter { $0.tag == 1 }.allSatisfy { $0.style != Theme.standard[.selectedLink] })
    }

    @Test func inlineLinksAreNumberedAfterTheirWords() {
        var driver = Driver(Fixtures.state(width: 100, height: 20))
        driver.press(.end, .enter)
        let text = driver.state.readerPage?.lines.map { $0.map(\.text).joined() } ?? []
        #expect(text.contains("See the report [1]."))
    }

    @Test func stackedWhenNarrowAndTall() {
        var driver = Driver(Fixtures.state(width: 50, height: 20))
        driver.press(.down)
        #expect(driver.state.layout.arrangement == .stacked)
        let lines = driver.lines
        #expect(lines[1].contains("The crowd called"))
        #expect(lines.contains { $0.hasPrefix("──────") })
        #expect(lines.contains { $0.contains("Even in death, Iran's Soleimani") && !$0.contains("●") })
    }

    @Test func oneAtATimeWhenSmall() {
        var driver = Driver(Fixtures.state(width: 30, height: 10))
        #expect(driver.state.layout.arrangement == .single)
        #expect(driver.lines[1].contains("The crowd"))
        driver.press(.enter)
        #expect(driver.lines[1] == " FAST NEWS                    ")
        driver.press(.escape)
        #expect(driver.lines[1].contains("The crowd"))
    }

    @Test func everySizeDownTo20x5Draws() {
        var driver = Driver()
        driver.press(.enter, .pageDown)
        for width in [0, 1, 5, 19, 20, 21, 39, 40, 79, 80, 120, 300] {
            for height in [0, 1, 2, 3, 5, 6, 15, 16, 40] {
                driver.send(.resized(width: width, height: height))
                let lines = driver.lines
                #expect(lines.count == height)
                #expect(lines.allSatisfy { DisplayWidth.of($0) == width }, "\(width)×\(height)")
            }
        }
        driver.send(.resized(width: 20, height: 5))
        let small = driver.lines
        #expect(small[0].hasPrefix(" Byline"))
        #expect(small[4].contains("back"))
    }

    @Test func wideAndCombiningCharactersKeepColumnsAligned() {
        let stories = [
            StorySummary(id: StoryID("a.txt"), title: "東京で大雨、交通機関に乱れ", source: "日本ニュース", published: Fixtures.date(1)),
            StorySummary(id: StoryID("b.txt"), title: "Cafe\u{301} owners rally 👨‍👩‍👧 in Zu\u{308}rich", source: "Zeitung", published: Fixtures.date(0)),
            StorySummary(id: StoryID("c.txt"), title: "مرحبا بالعالم headline", source: "RTL", published: Fixtures.date(0)),
        ]
        let state = AppState(library: Fixtures.library, stories: stories, screen: ScreenSize(width: 90, height: 6),
                             timeZone: TimeZone(identifier: "UTC")!, now: Fixtures.date(2))
        let lines = render(state).lines
        for line in lines { #expect(DisplayWidth.of(line) == 90) }
        // The divider sits in the same column on every row, whatever the headline holds.
        let columns = lines[1...3].map { line -> Int? in
            guard let bar = line.firstIndex(of: "│") else { return nil }
            return DisplayWidth.of(line[..<bar])
        }
        #expect(Set(columns).count == 1)
        #expect(columns.first == 49)
    }

    @Test func hostileTextNeverReachesTheGrid() {
        let hostile = StorySummary(id: StoryID("h.txt"), title: "Evil \u{1B}]0;PWNED\u{07}title \u{1B}[2J\u{9B}31m done", source: "\u{1B}[31mRed")
        var state = AppState(library: Fixtures.library, stories: [hostile], screen: ScreenSize(width: 90, height: 10))
        let story = Story(title: "T\u{1B}[5m", source: "S\u{07}",
                          body: [.paragraph("Body \u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\ end"), .readMore(RelatedLink(title: "More\u{1B}[0m"))])
        _ = update(&state, .storyLoaded(StoryID("h.txt"), .success(story)))
        state.reader = ReaderState(id: StoryID("h.txt"))
        let grid = render(state)
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let scalars = grid[x, y].symbol.unicodeScalars
                #expect(!scalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }, "cell \(x),\(y)")
            }
        }
        #expect(!grid.lines.joined().contains("PWNED"))
    }
}

@Suite struct StatusLineTests {
    @Test func aLongMessageWrapsUpwardInsteadOfBeingCut() {
        var driver = Driver(Fixtures.state(width: 60, height: 12))
        driver.send(.linkedStoryFetched(url: "https://example.org/iraq",
                                        title: "US has ended its combat mission in Iraq but its malign influence remains",
                                        .failure(.noStoryText)))
        let lines = driver.lines
        let bottom = lines.suffix(3).joined(separator: " ")
        #expect(bottom.contains("is not in the library"))
        #expect(bottom.contains("“US has ended"))
        // The header and the rest of the screen are untouched.
        #expect(lines[0].hasPrefix(" Byline"))
    }

    /// The security review saw only a long message's tail; its start says what happened.
    @Test func aVeryLongMessageShowsItsStart() {
        var driver = Driver(Fixtures.state(width: 60, height: 12))
        let title = "Start of a headline " + String(repeating: "that goes on and on ", count: 60)
        driver.send(.linkedStoryFetched(url: "https://example.org/long", title: title, .failure(.noStoryText)))
        let bottom = driver.lines.suffix(3)
        #expect(bottom.first?.hasPrefix(" “Start of a headline that goes on") == true, "\(bottom)")
        #expect(bottom.last?.trimmingCharacters(in: .whitespaces).hasSuffix("…") == true, "\(bottom)")
    }

    @Test func aShortMessageTakesOneLine() {
        var driver = Driver(Fixtures.state(width: 60, height: 12))
        let before = driver.lines
        driver.send(.openedInBrowser(url: "https://example.org/a", .success("xdg-open")))
        #expect(Array(driver.lines.dropLast()) == Array(before.dropLast()))
        #expect(driver.lines.last?.hasPrefix(" Opened https://example.org/a with xdg-open") == true)
    }

    /// The empty reader pane names the key that reads a story as the key map binds it.
    @Test func theEmptyReaderPaneNamesTheBoundKey() {
        // A wide screen previews the selected story; with none open the pane says how to open one.
        var driver = Driver(Fixtures.state(width: 120, height: 9))
        driver.state.reader = nil
        let standard = driver.lines.joined(separator: "\n")
        #expect(standard.contains("Select a story and press ⏎ to read it."))

        var state = Fixtures.state(width: 120, height: 9)
        let others = KeyMap.standard.bindings.filter { $0.command != .open }
        state.keyMap = KeyMap([KeyBinding(.open, keys: [.character("x")], help: "read")] + others, footer: KeyMap.standard.footer)
        var rebinding = Driver(state)
        rebinding.state.reader = nil
        let rebound = rebinding.lines.joined(separator: "\n")
        #expect(rebound.contains("Select a story and press x to read it."))
        #expect(!rebound.contains("⏎"))
    }

    @Test func noDateColumnWhenNoStoryHasADate() {
        let stories = [StorySummary(id: StoryID("a.txt"), title: "Undated story", source: "Src")]
        let state = AppState(library: Fixtures.library, stories: stories, screen: ScreenSize(width: 100, height: 6))
        #expect(render(state).lines[1].hasPrefix(" ●  Src         Undated story"))
    }
}

@Suite struct ListLayoutTests {
    @Test func listItemsHaveNoBlankLinesBetweenThem() {
        let story = Story(title: "T", body: [
            .paragraph("Before."), .listItem("Lane one open", ordinal: nil), .listItem("Lane two open", ordinal: nil),
        ])
        let page = ReaderPage.layout(story, width: 40, theme: .standard, selectedLink: nil, timeZone: TimeZone(identifier: "UTC")!)
        let text = page.lines.map { $0.map(\.text).joined() }
        #expect(Array(text.suffix(3)) == ["", "• Lane one open", "• Lane two open"])
    }
}
