import Testing
import TerminalKit

@Suite struct RectTests {
    let area = Rect(x: 2, y: 1, width: 10, height: 6)

    @Test func negativeSizesBecomeZero() {
        let rect = Rect(x: 1, y: 1, width: -5, height: -1)
        #expect(rect.width == 0 && rect.height == 0 && rect.isEmpty)
    }

    @Test func splitsHorizontally() {
        let (left, right) = area.splitHorizontally(leftWidth: 4)
        #expect(left == Rect(x: 2, y: 1, width: 4, height: 6))
        #expect(right == Rect(x: 6, y: 1, width: 6, height: 6))
        let (all, none) = area.splitHorizontally(leftWidth: 99)
        #expect(all == area && none.width == 0 && none.x == 12)
        #expect(area.splitHorizontally(leftWidth: -3).left.width == 0)
    }

    @Test func splitsVertically() {
        let (top, bottom) = area.splitVertically(topHeight: 5)
        #expect(top == Rect(x: 2, y: 1, width: 10, height: 5))
        #expect(bottom == Rect(x: 2, y: 6, width: 10, height: 1))
        #expect(area.splitVertically(topHeight: 10).bottom.height == 0)
    }

    @Test func insets() {
        #expect(area.inset(by: 1) == Rect(x: 3, y: 2, width: 8, height: 4))
        #expect(area.inset(left: 2, right: 3) == Rect(x: 4, y: 1, width: 5, height: 6))
        let squashed = area.inset(by: 20)
        #expect(squashed.isEmpty && squashed.width == 0 && squashed.height == 0)
        #expect(area.contains(x: squashed.x, y: squashed.y) || squashed.x == area.maxX)
    }

    @Test func containsAndIntersects() {
        #expect(area.contains(x: 2, y: 1))
        #expect(!area.contains(x: 12, y: 1))
        #expect(area.intersection(Rect(x: 10, y: 5, width: 10, height: 10)) == Rect(x: 10, y: 5, width: 2, height: 2))
        #expect(area.intersection(Rect(x: 50, y: 50, width: 1, height: 1)).isEmpty)
    }
}
