/// A rectangle of cells: a region of a `CellGrid` that a widget draws into.
///
/// Sizes are never negative: the initialiser and every helper clamp them to zero, so
/// layout arithmetic on a tiny terminal yields empty regions rather than nonsense.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int = 0, y: Int = 0, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The column just right of the rectangle.
    public var maxX: Int { x + width }
    /// The row just below the rectangle.
    public var maxY: Int { y + height }
    /// Whether the rectangle holds no cell.
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// Whether the cell at (`px`, `py`) lies inside.
    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }

    /// The part of this rectangle that also lies in `other` (empty if they do not meet).
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        return Rect(x: left, y: top, width: min(maxX, other.maxX) - left, height: min(maxY, other.maxY) - top)
    }

    /// Splits into a left part `leftWidth` wide (clamped to fit) and the rest.
    public func splitHorizontally(leftWidth: Int) -> (left: Rect, right: Rect) {
        let leftWidth = min(max(0, leftWidth), width)
        return (
            Rect(x: x, y: y, width: leftWidth, height: height),
            Rect(x: x + leftWidth, y: y, width: width - leftWidth, height: height)
        )
    }

    /// Splits into a top part `topHeight` tall (clamped to fit) and the rest.
    public func splitVertically(topHeight: Int) -> (top: Rect, bottom: Rect) {
        let topHeight = min(max(0, topHeight), height)
        return (
            Rect(x: x, y: y, width: width, height: topHeight),
            Rect(x: x, y: y + topHeight, width: width, height: height - topHeight)
        )
    }

    /// Shrinks by the given margins on each side; margins larger than the rectangle leave
    /// an empty one (positioned inside the original) rather than a negative size.
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        let newX = x + min(max(0, left), width)
        let newY = y + min(max(0, top), height)
        return Rect(x: newX, y: newY, width: maxX - newX - max(0, right), height: maxY - newY - max(0, bottom))
    }

    /// Shrinks by `margin` cells on every side.
    public func inset(by margin: Int) -> Rect {
        inset(top: margin, left: margin, bottom: margin, right: margin)
    }
}
