import BylineCore
import Foundation
import TerminalKit

/// The story list as rows of text: unread and star markers, date, source, headline.
public enum StoryListRows {
    /// Columns shown at a list width: narrow lists drop the source, then the date.
    public struct Columns: Equatable, Sendable {
        public var date: Int
        public var source: Int
        public init(listWidth: Int, hasDates: Bool = true) {
            date = hasDates && listWidth >= 44 ? 11 : 0
            source = listWidth >= 50 ? 10 : 0
        }
    }

    /// The row for one story, listed at `listingRow`, fitted to `width` cells.
    public static func row(_ story: StorySummary, listingRow: Int, width: Int, state: AppState, selected: Bool) -> [StyledSpan] {
        let theme = state.theme
        // By row: asked by id, each row drawn would look its path up in the listing again
        // (a binary search touching pages all over the index, for every row of a frame).
        let unread = !state.isRead(row: listingRow)
        let base = selected ? theme[.selectedRow] : theme[.listRow]
        func styled(_ element: ThemeElement) -> Style { selected ? base : theme[element] }

        let columns = Columns(listWidth: width, hasDates: state.hasDates)
        var spans: [StyledSpan] = [
            StyledSpan(text: " ", style: base),
            StyledSpan(text: unread ? "●" : " ", style: styled(.unreadMarker)),
            StyledSpan(text: state.starred.contains(story.id) ? "★" : " ", style: styled(.starMarker)),
            StyledSpan(text: " ", style: base),
        ]
        if columns.date > 0 {
            let date = story.published.map { ListDates.short($0, now: state.now, calendar: state.calendar) } ?? ""
            spans.append(StyledSpan(text: TextWrapper.pad(date, width: columns.date) + "  ", style: styled(.date)))
        }
        if columns.source > 0 {
            let source = TextWrapper.truncate(VisibleText.sanitize(story.source ?? ""), width: columns.source)
            spans.append(StyledSpan(text: TextWrapper.pad(source, width: columns.source) + "  ", style: styled(.source)))
        }
        var headline = unread ? theme[.unreadRow] : theme[.listRow]
        if selected {
            headline = base
            if unread { headline.attributes.insert(.bold) }
        }
        let used = spans.reduce(0) { $0 + DisplayWidth.of($1.text) }
        let title = TextWrapper.truncate(VisibleText.sanitize(story.title), width: max(0, width - used - 1))
        spans.append(StyledSpan(text: title, style: headline))
        return spans
    }
}
