import TerminalKit
import BylineCore
@testable import BylineUI
import Foundation

/// A small library of linked stories, the way the tests open it.
enum Fixtures {
    static let seedID = StoryID("seed.txt")
    static let shadowID = StoryID("shadow.txt")
    static let iraqID = StoryID("iraq.txt")

    static func date(_ day: Int) -> Date { Date(timeIntervalSince1970: 1_641_600_000 + Double(day) * 86_400) }

    static let seed = Story(
        title: "The crowd called for the expulsion of remaining American forces…", kicker: "Fast News",
        body: [
            .paragraph("The crowd called for the expulsion of remaining American forces from Iraq."),
            .readMore(RelatedLink(title: "US has ended its combat mission in Iraq but its malign influence remains")),
            .subheading("Calls for withdrawal of US troops"),
            .paragraph((1...40).map { "Sentence number \($0) of a long story." }.joined(separator: " ")),
            .readMore(RelatedLink(title: "Even in death, Iran’s Soleimani still casts a long shadow")),
            .readMore(RelatedLink(title: "A story nobody wrote")),
        ],
        closingSource: "TRTWorld and agencies")

    static let shadow = Story(
        title: "Even in death, Iran's Soleimani still casts a long shadow", source: "Example",
        url: "https://example.org/shadow", body: [.paragraph("The shadow story.")])

    static let iraq = Story(
        title: "US has ended its combat mission in Iraq but its malign influence remains", source: "Example",
        body: [.paragraph("The Iraq story."), .paragraph("See [the report](https://example.org/report).")])

    static var summaries: [StorySummary] {
        [
            StorySummary(id: seedID, story: seed),
            StorySummary(id: shadowID, story: shadow),
            StorySummary(id: iraqID, story: iraq),
        ].enumerated().map { index, summary in
            var dated = summary
            dated.published = date(10 - index)
            return dated
        }
    }

    static func story(_ id: StoryID) -> Story {
        switch id {
        case seedID: seed
        case shadowID: shadow
        default: iraq
        }
    }

    /// Where the tests' library is said to be; nothing is read from it.
    static let library = LibraryPlace(folder: URL(fileURLWithPath: "/tmp/byline-tests/library"))

    static func state(width: Int = 100, height: Int = 20) -> AppState {
        AppState(library: library, stories: summaries, screen: ScreenSize(width: width, height: height),
                 timeZone: TimeZone(identifier: "UTC")!, now: date(12))
    }

    /// A listing of the tests' library arriving, as the shell posts it after a read.
    static func listing(_ stories: [StorySummary], read number: Int = 0) -> Action {
        .libraryRead(LibraryRead(folder: library.folder, number: number), .success(LibraryListing(stories: stories)))
    }
}

/// Drives the reader through the same `Store` as the run loop: performs `loadStory`
/// effects from the fixtures and returns the other effects, in the order asked for.
struct Driver {
    var store: Store
    var state: AppState {
        get { store.state }
        set { store.state = newValue }
    }

    init(_ state: AppState = Fixtures.state()) {
        store = Store(state)
        send(.started)
    }

    @discardableResult
    mutating func send(_ action: Action) -> [Effect] {
        var others: [Effect] = []
        store.send(action) { effect, _ in
            if case .loadStory(let id) = effect { return [.storyLoaded(id, .success(Fixtures.story(id)))] }
            others.append(effect)
            return []
        }
        return others
    }

    @discardableResult
    mutating func press(_ keys: Key...) -> [Effect] {
        keys.flatMap { send(.key($0)) }
    }

    @discardableResult
    mutating func type(_ text: String) -> [Effect] {
        text.flatMap { send(.key(.character($0))) }
    }

    var lines: [String] { render(state).lines }
    var screen: String { lines.joined(separator: "\n") }
}
