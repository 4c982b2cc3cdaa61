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
    /// The measure and placement of the story's text.
    public var room: ReadingRoom

    public static let sideBySideMinimumWidth = 80
    public static let stackedMinimumWidth = 40
    public static let stackedMinimumHeight = 16

    public init(size: ScreenSize, focus: Focus, room: ReadingRoom = ReadingRoom()) {
        self.room = room
        let width = size.width, height = size.height
        header = height >= 2 ? Rect(x: 0, y: 0, width: width, height: 1) : nil
        status = height >= 1 ? Rect(x: 0, y: height - 1, width: width, height: 1) : nil
        let contentTop = header == nil ? 0 : 1
        let content = Rect(x: 0, y: contentTop, width: width, height: max(0, height - contentTop - 1))

        // Reading, the story comes first: all of the screen when asked, or when the list
        // beside it would leave the text narrower than a comfortable column.
        let readingListWidth = max(20, width * room.split / 100)
        let besideIsNarrow = width - readingListWidth - 1 - 2 < min(Self.comfortableText(room), width)
        if focus == .reader && (room.fullScreen || (width >= Self.sideBySideMinimumWidth && besideIsNarrow)) {
            arrangement = .single
            reader = content
        } else if width >= Self.sideBySideMinimumWidth && content.height >= 3 {
            arrangement = .sideBySide
            // Browsing, a little over half the width: room for date, source and headline.
            // Reading, the list keeps its share (`split`) and the story has the rest.
            let listWidth = focus == .reader ? readingListWidth : min(100, max(30, width * 55 / 100))
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

    /// The story's text needs this much width beside the list, or the list steps aside.
    static func comfortableText(_ room: ReadingRoom) -> Int { min(ReadingRoom.narrowestText, room.measure) }

    /// The text area inside the reading pane: no wider than the measure, in the middle of
    /// the pane or at its left with a margin, and a column of margin each side when there
    /// is room.
    public var readerText: Rect? {
        guard let reader else { return nil }
        let margin = reader.width >= 24 ? 1 : 0
        let available = max(0, reader.width - 2 * margin)
        let width = min(available, room.measure)
        let indent = room.centred ? (available - width) / 2 : min(2, available - width)
        return Rect(x: reader.x + margin + indent, y: reader.y, width: width, height: reader.height)
    }
}
