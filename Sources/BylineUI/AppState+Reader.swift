import BylineCore
import TerminalKit

extension AppState {
    public var layout: ScreenLayout { ScreenLayout(size: screen, focus: focus, room: room) }

    /// Lines the reading pane shows at once.
    var readerHeight: Int {
        (layout.readerText ?? ScreenLayout(size: screen, focus: .reader, room: room).readerText)?.height ?? 0
    }

    /// The furthest the reader can scroll: the last line at the bottom of the pane.
    func maximumScroll(of page: ReaderPage) -> Int {
        max(0, page.lines.count - readerHeight)
    }

    /// How far through the story the reader is, for the status line ("Top", "42%", "End").
    public var readingPosition: String? {
        guard let reader, let page = readerPage else { return nil }
        let maximum = maximumScroll(of: page)
        if maximum == 0 { return "All" }
        if reader.scroll <= 0 { return "Top" }
        if reader.scroll >= maximum { return "End" }
        return "\(reader.scroll * 100 / maximum)%"
    }

    /// Whether the reading pane is on screen now.
    var readerIsVisible: Bool { layout.reader != nil }

    /// The story the commands `u`, `s`, `o`, `f` act on: the one being read, else the
    /// one selected.
    var currentStoryID: StoryID? {
        focus == .reader ? reader?.id : selectedStory?.id
    }

    var currentStory: Story? {
        guard let id = currentStoryID, case .success(let story)? = loaded[id] else { return nil }
        return story
    }
}
