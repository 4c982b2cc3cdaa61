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

    /// A stand-in for the search index: stories whose headline or text has a word
    /// beginning with each word typed, headline matches first (the real ranking is tested
    /// in StorySearchTests).
    static func search(_ query: String, in stories: [StorySummary]) -> SearchFound {
        func words(_ text: String) -> [String] {
            text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        }
        let wanted = words(query)
        func holdsAll(_ text: String) -> Bool {
            let have = words(text)
            return wanted.allSatisfy { word in have.contains { $0.hasPrefix(word) } }
        }
        let rows = stories.indices.filter { row in
            let found = Self.story(stories[row].id)
            return holdsAll(([found.title] + found.body.map { "\($0)" }).joined(separator: " "))
        }
        let ranked = rows.filter { holdsAll(stories[$0].title) } + rows.filter { !holdsAll(stories[$0].title) }
        return SearchFound(rows: ranked, total: ranked.count)
    }

    /// "More on this" for the fixtures: the seed story is like the other two.
    static let similar: [StoryID: [SimilarStory]] = [
        seedID: [SimilarStory(id: iraqID, title: iraq.title), SimilarStory(id: shadowID, title: shadow.title)],
    ]

    /// A listing of the tests' library arriving, as the shell posts it after a read.
    static func listing(_ stories: [StorySummary], read number: Int = 0) -> Action {
        .libraryRead(LibraryRead(folder: library.folder, number: number), .success(LibraryListing(stories: stories)))
    }
}

/// Drives the reader through the same `Store` as the run loop: performs `loadStory`
/// effects from the fixtures and returns the other effects, in the order asked for.
struct Driver {
    var store: Store
    /// Searches and "More on this" are answered at once from the fixtures, as the shell
    /// answers them later; tests of the asking itself turn this off.
    var answersSearches = true
    var state: AppState {
        get { store.state }
        set { store.state = newValue }
    }

    init(_ state: AppState = Fixtures.state(), answersSearches: Bool = true) {
        store = Store(state)
        self.answersSearches = answersSearches
        send(.started)
    }

    @discardableResult
    mutating func send(_ action: Action) -> [Effect] {
        var others: [Effect] = []
        store.send(action) { effect, state in
            switch effect {
            case .loadStory(let id): return [.storyLoaded(id, .success(Fixtures.story(id)))]
            case .search(let request) where answersSearches:
                return [.searched(request, .success(Fixtures.search(request.query, in: state.stories)))]
            case .findSimilar(let id) where answersSearches:
                return [.similarFound(id, Fixtures.similar[id] ?? [])]
            default:
                others.append(effect)
                return []
            }
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
