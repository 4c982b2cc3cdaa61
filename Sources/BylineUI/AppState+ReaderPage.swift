import BylineCore
import Foundation

/// The reading pane's page as ordinary state: laid out again whenever what it is made
/// from changes, and only then, since laying out a long story takes milliseconds and
/// every scroll key and frame uses the page.
extension AppState {
    /// Lays the reading pane's story out again if anything it depends on changed. Called
    /// by the properties it depends on as they change, so the page is up to date at every
    /// step of `update`, not only after it.
    mutating func layOutReader() {
        guard let reader, let text = layout.readerText ?? ScreenLayout(size: screen, focus: .reader, room: room).readerText else {
            readerPage = nil
            readerPageInputs = nil
            return
        }
        let inputs = ReaderPage.Inputs(id: reader.id, content: loaded[reader.id], width: text.width, theme: theme,
                                       timeZone: timeZone, selectedLink: reader.selectedLink,
                                       moreOnThis: moreOnThis[reader.id] ?? [])
        guard inputs != readerPageInputs else { return }
        readerPageInputs = inputs
        if let page = readerPages.value?.page(for: inputs) {
            readerPage = page
            return
        }
        let page = ReaderPage.layout(inputs)
        readerPage = page
        // A story still loading is laid out in no time: only stories are kept.
        if inputs.content != nil {
            var pages = readerPages.value ?? ReaderPages()
            pages.keep(page, for: inputs)
            readerPages.value = pages
        }
    }
}

/// The last few pages laid out, by everything each was made from: opening a story and
/// going back lay it out at two widths, over and over, and a page made from the same
/// inputs is the same page.
struct ReaderPages: Sendable {
    static let limit = 4
    private var pages: [(inputs: ReaderPage.Inputs, page: ReaderPage)] = []

    func page(for inputs: ReaderPage.Inputs) -> ReaderPage? {
        pages.first { $0.inputs == inputs }?.page
    }

    /// Keeps `page`, forgetting the one used longest ago past the limit.
    mutating func keep(_ page: ReaderPage, for inputs: ReaderPage.Inputs) {
        pages.removeAll { $0.inputs == inputs }
        pages.append((inputs, page))
        if pages.count > Self.limit { pages.removeFirst(pages.count - Self.limit) }
    }
}

extension ReaderPage {
    /// Everything a page is laid out from: the same inputs always give the same page.
    struct Inputs: Equatable, Sendable {
        var id: StoryID
        /// The story as read from disk, why it could not be read, or nil while it loads.
        var content: Result<Story, StoryFileProblem>?
        var width: Int
        var theme: Theme
        var timeZone: TimeZone
        var selectedLink: Int?
        var moreOnThis: [SimilarStory] = []
    }

    static func layout(_ inputs: Inputs) -> ReaderPage {
        switch inputs.content {
        case .success(let story)?:
            return layout(story, width: inputs.width, theme: inputs.theme, selectedLink: inputs.selectedLink,
                          timeZone: inputs.timeZone, moreOnThis: inputs.moreOnThis)
        case .failure(let problem)?:
            return notice("This story could not be read: \(inputs.id.path): \(problem)", style: inputs.theme[.error],
                          width: inputs.width)
        case nil:
            return notice("Loading…", style: inputs.theme[.meta], width: inputs.width)
        }
    }
}
