import Testing
import TerminalKit

@Suite struct ListViewportTests {
    @Test func startsAtTheTop() {
        let list = ListViewport(count: 100, height: 10)
        #expect(list.selected == 0 && list.offset == 0)
        #expect(list.visibleRange == 0..<10)
    }

    @Test func movingDownScrollsOnlyWhenLeavingTheScreen() {
        var list = ListViewport(count: 100, height: 10)
        for _ in 0..<9 { list.moveDown() }
        #expect(list.selected == 9 && list.offset == 0)
        list.moveDown()
        #expect(list.selected == 10 && list.offset == 1)
        list.moveUp()
        #expect(list.selected == 9 && list.offset == 1, "moving back up inside the screen does not scroll")
    }

    @Test func movingStopsAtTheEnds() {
        var list = ListViewport(count: 3, height: 10)
        list.moveUp()
        #expect(list.selected == 0)
        list.end()
        list.moveDown()
        #expect(list.selected == 2 && list.offset == 0)
    }

    @Test func homeAndEnd() {
        var list = ListViewport(count: 100, height: 10, selected: 50, offset: 45)
        list.end()
        #expect(list.selected == 99 && list.offset == 90)
        list.home()
        #expect(list.selected == 0 && list.offset == 0)
    }

    @Test func pageDownKeepsTheRowOnScreenUntilTheEnd() {
        var list = ListViewport(count: 25, height: 10, selected: 3)
        list.pageDown()
        #expect(list.selected == 13 && list.offset == 10)
        list.pageDown()
        #expect(list.selected == 23 && list.offset == 15, "the last page is full, not half empty")
        list.pageDown()
        #expect(list.selected == 24 && list.offset == 15)
    }

    @Test func pageUpMirrorsPageDown() {
        var list = ListViewport(count: 25, height: 10, selected: 24, offset: 15)
        list.pageUp()
        #expect(list.selected == 14 && list.offset == 5)
        list.pageUp()
        #expect(list.selected == 4 && list.offset == 0)
        list.pageUp()
        #expect(list.selected == 0 && list.offset == 0)
    }

    @Test func scrollDragsTheSelectionAlong() {
        var list = ListViewport(count: 50, height: 10, selected: 2)
        list.scroll(by: 5)
        #expect(list.offset == 5 && list.selected == 5)
        list.scroll(by: 100)
        #expect(list.offset == 40 && list.selected == 40)
        list.select(45)
        list.scroll(by: -20)
        #expect(list.offset == 20 && list.selected == 29)
    }

    @Test func shrinkingListClampsSelectionAndOffset() {
        var list = ListViewport(count: 100, height: 10, selected: 95, offset: 90)
        list.resize(count: 20, height: 10)
        #expect(list.selected == 19 && list.offset == 10)
        list.resize(count: 20, height: 30)
        #expect(list.offset == 0, "everything fits, so nothing is scrolled away")
    }

    @Test func emptyListAndZeroHeightAreSafe() {
        var empty = ListViewport(count: 0, height: 10, selected: 5, offset: 3)
        #expect(empty.isEmpty && empty.selected == 0 && empty.offset == 0 && empty.visibleRange.isEmpty)
        empty.moveDown(); empty.pageDown(); empty.end(); empty.scroll(by: 3)
        #expect(empty.selected == 0 && empty.offset == 0)
        var flat = ListViewport(count: 10, height: 0)
        flat.pageDown()
        #expect(flat.selected == 1 && flat.visibleRange.isEmpty)
        let negative = ListViewport(count: -4, height: -2)
        #expect(negative.count == 0 && negative.height == 0)
    }

    @Test func offsetFunctionMovesAsLittleAsPossible() {
        #expect(ListViewport.offset(count: 100, height: 10, selected: 12, offset: 5) == 5)
        #expect(ListViewport.offset(count: 100, height: 10, selected: 20, offset: 5) == 11)
        #expect(ListViewport.offset(count: 100, height: 10, selected: 2, offset: 5) == 2)
        #expect(ListViewport.offset(count: 100, height: 10, selected: 99, offset: 0) == 90)
        #expect(ListViewport.offset(count: 5, height: 10, selected: 4, offset: 3) == 0)
        #expect(ListViewport.offset(count: 100, height: 10, selected: 500, offset: -7) == 90)
    }

    @Test func selectionAlwaysVisibleUnderAnyKeys() {
        var list = ListViewport(count: 37, height: 7)
        let moves: [(inout ListViewport) -> Void] = [
            { $0.moveDown() }, { $0.pageDown() }, { $0.moveUp() }, { $0.pageUp() },
            { $0.end() }, { $0.home() }, { $0.scroll(by: 3) }, { $0.scroll(by: -5) },
        ]
        for step in 0..<400 {
            moves[(step * 7 + step / 3) % moves.count](&list)
            #expect(list.visibleRange.contains(list.selected))
            #expect(list.offset >= 0 && list.offset <= 30)
        }
    }
}
