import TerminalKit

/// Where each part of the screen goes for a terminal size.
///
/// Wide terminals put the list left and the reader right; narrow but tall ones stack
/// them; small ones show one at a time, whichever has the focus.
public struct ScreenLayout: Equatable, Sendable {
    public enum Arrangement: Equatable, Sendable { case sideBySide, stacked, single }

    public var arrangement: Arrangement
    public var header: Rect?
    public var list: Rect?
    public var divider: Rect?
    public var reader: Rect?
    public var status: Rect?

    public static let sideBySideMinimumWidth = 80
    public static let stackedMinimumWidth = 40
    public static let stackedMinimumHeight = 16

    public init(size: ScreenSize, focus: Focus) {
        let width = size.width, height = size.height
        header = height >= 2 ? Rect(x: 0, y: 0, width: width, height: 1) : nil
        status = height >= 1 ? Rect(x: 0, y: height - 1, width: width, height: 1) : nil
        let contentTop = header == nil ? 0 : 1
        let content = Rect(x: 0, y: contentTop, width: width, height: max(0, height - contentTop - 1))

        if width >= Self.sideBySideMinimumWidth && content.height >= 3 {
            arrangement = .sideBySide
            // A little over half the width: room for date, source and headline, and a column
            // of text still wide enough to read comfortably.
            let listWidth = min(100, max(30, width * 55 / 100))
            list = Rect(x: 0, y: content.y, width: listWidth, height: content.height)
            divider = Rect(x: listWidth, y: content.y, width: 1, height: content.height)
            reader = Rect(x: listWidth + 1, y: content.y, width: width - listWidth - 1, height: content.height)
        } else if width >= Self.stackedMinimumWidth && height >= Self.stackedMinimumHeight {
            arrangement = .stacked
            let listHeight = max(3, content.height / 3)
            list = Rect(x: 0, y: content.y, width: width, height: listHeight)
            divider = Rect(x: 0, y: content.y + listHeight, width: width, height: 1)
            reader = Rect(x: 0, y: content.y + listHeight + 1, width: width, height: max(0, content.height - listHeight - 1))
        } else {
            arrangement = .single
            if focus == .list { list = content } else { reader = content }
        }
    }

    /// The text area inside the reading pane: a column of margin each side when there is room.
    public var readerText: Rect? {
        guard let reader else { return nil }
        let margin = reader.width >= 24 ? 1 : 0
        return Rect(x: reader.x + margin, y: reader.y, width: max(0, reader.width - 2 * margin), height: reader.height)
    }
}
