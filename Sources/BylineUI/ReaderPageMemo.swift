import BylineCore
import Synchronization

/// The last story layout, kept: drawing, the status line's position and every scroll key
/// ask for the page, and laying out a long story costs milliseconds each time.
///
/// Shared between copies of the state, which is safe because the key holds everything the
/// layout depends on: the same key always gives the same page.
final class ReaderPageMemo: Sendable {
    struct Key: Equatable {
        var id: StoryID
        var width: Int
        var themeIndex: Int
        var themeName: String
        var timeZone: String
        var selectedLink: Int?
        /// Changes whenever any loaded story does.
        var loadedVersion: Int
    }

    private let last = Mutex<(key: Key, page: ReaderPage)?>(nil)

    func page(for key: Key, layout: () -> ReaderPage) -> ReaderPage {
        if let hit = last.withLock({ $0?.key == key ? $0?.page : nil }) { return hit }
        let page = layout()
        last.withLock { $0 = (key, page) }
        return page
    }
}
