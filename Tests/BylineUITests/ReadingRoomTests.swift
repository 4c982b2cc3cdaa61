import BylineCore
import TerminalKit
import Testing
@testable import BylineUI

/// The story comes first: the widths the reading pane gets at common terminal sizes.
@Suite struct ReadingRoomTests {
    private func reading(width: Int, height: Int, room: ReadingRoom = ReadingRoom()) -> StoryDriver {
        var state = TwoFeeds.state(width: width, height: height)
        state.room = room
        var driver = StoryDriver(state)
        driver.press(.enter)
        return driver
    }

    /// The widest line of the story as drawn on screen.
    private func longestStoryLine(_ driver: StoryDriver) -> Int {
        driver.state.readerPage?.lines.map { DisplayWidth.of($0.map(\.text).joined()) }.max() ?? 0
    }

    @Test func at80x24TheListStepsAsideAndAStoryLineHoldsAtLeast60Columns() throws {
        let driver = reading(width: 80, height: 24)
        let layout = driver.state.layout
        #expect(layout.arrangement == .single)
        #expect(layout.list == nil)
        let text = try #require(layout.readerText)
        #expect(text.width >= 60)
        #expect(text.width == 72, "the default measure")
        #expect(text.x == 4, "centred: (78 - 72) / 2 columns in from the margin")
        // Browsing again, the list comes back beside the story.
        var back = driver
        back.press(.escape)
        #expect(back.state.layout.arrangement == .sideBySide)
    }

    @Test func at120x40TheStoryHasMostOfTheWidth() throws {
        let layout = reading(width: 120, height: 40).state.layout
        #expect(layout.arrangement == .sideBySide)
        let list = try #require(layout.list), reader = try #require(layout.reader)
        #expect(list.width == 36)
        #expect(reader.width == 83)
        #expect(try #require(layout.readerText).width == 72)
    }

    @Test func at200x60LinesAreNoLongerThanTheMeasure() throws {
        let driver = reading(width: 200, height: 60, room: ReadingRoom(measure: 66))
        #expect(try #require(driver.state.layout.readerText).width == 66)
        #expect(longestStoryLine(driver) <= 66)
        #expect(longestStoryLine(driver) > 0)
    }

    @Test func leftAlignedTextKeepsAMargin() throws {
        let driver = reading(width: 200, height: 60, room: ReadingRoom(centred: false))
        let layout = driver.state.layout
        let reader = try #require(layout.reader), text = try #require(layout.readerText)
        #expect(text.x == reader.x + 3)
        #expect(text.width == 72)
    }

    @Test func zReadsFullScreenAndBack() throws {
        var driver = reading(width: 160, height: 40)
        #expect(driver.state.layout.arrangement == .sideBySide)
        driver.press(.character("z"))
        #expect(driver.state.layout.arrangement == .single)
        #expect(driver.state.layout.reader?.width == 160)
        #expect(!driver.lines[3].contains("│"), "no list beside: \(driver.lines[3])")
        driver.press(.character("z"))
        #expect(driver.state.layout.arrangement == .sideBySide)
    }

    @Test func theSplitMovesAndIsRemembered() throws {
        var driver = reading(width: 160, height: 40)
        #expect(driver.state.layout.list?.width == 48)
        let effects = driver.press(.character(">"))
        #expect(effects == [.rememberSplit(35)])
        #expect(driver.state.layout.list?.width == 56)
        driver.press(.character("<"), .character("<"), .character("<"), .character("<"), .character("<"))
        #expect(driver.state.room.split == ReadingRoom.splitRange.lowerBound)
    }
}
