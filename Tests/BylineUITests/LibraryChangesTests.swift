import BylineCore
@testable import BylineUI
import Foundation
import Testing

/// What the background check found changed reaches the list as a difference laid over
/// the listing the reader has: the cursor stays on its story, and only stories that
/// changed are read again.
@Suite struct LibraryChangesTests {
    let fresh = StorySummary(id: StoryID("fetched/fresh.txt"), title: "Fresh", published: Fixtures.date(30))

    /// The fixtures' reader, started on an index and showing the seed, with the cursor moved to
    /// the shadow story and both stories read from disk.
    func started() -> AppState {
        var state = Fixtures.state()
        state.checksFolderOnStart = true
        _ = update(&state, .started)
        _ = update(&state, .storyLoaded(Fixtures.seedID, .success(Fixtures.seed)))
        _ = update(&state, .key(.character("j")))
        _ = update(&state, .storyLoaded(Fixtures.shadowID, .success(Fixtures.shadow)))
        return state
    }

    /// The start-up check's read (the first read asked for).
    let check = LibraryRead(folder: Fixtures.library.folder, number: 1, onlyIfChanged: true)

    func ids(_ state: AppState) -> [StoryID] { state.stories.map(\.id) }

    @Test func aNewStoryJoinsTheListAndTheCursorStaysOnItsStory() {
        var state = started()

        let effects = update(&state, .libraryChanged(check, LibraryChanges(base: state.stories, changes: ListingChanges(added: [fresh]))))

        #expect(ids(state) == [fresh.id, Fixtures.seedID, Fixtures.shadowID, Fixtures.iraqID])
        #expect(state.selectedStory?.id == Fixtures.shadowID)
        #expect(state.unreadCount == 4)
        // Nothing shown changed: nothing is read again.
        #expect(effects.isEmpty)
        #expect(state.loaded[Fixtures.shadowID] != nil && state.loaded[Fixtures.seedID] != nil)
    }

    @Test func aChangedStoryOnScreenIsReadAgainAndOnlyIt() {
        var state = started()
        let rewritten = StorySummary(id: Fixtures.shadowID, title: "Shadow, updated", published: Fixtures.summaries[1].published)

        let effects = update(&state, .libraryChanged(check, LibraryChanges(base: state.stories, changes: ListingChanges(changed: [rewritten]))))

        #expect(state.stories.map(\.title)[1] == "Shadow, updated")
        #expect(effects == [.loadStory(Fixtures.shadowID)])
        #expect(state.loaded[Fixtures.shadowID] == nil)
        #expect(state.loaded[Fixtures.seedID] != nil)
        #expect(render(state).lines.contains { $0.contains("Shadow, updated") })
    }

    @Test func aStoryRemovedWhileOpenGivesWayToTheList() {
        var state = started()
        _ = update(&state, .key(.enter))
        #expect(state.focus == .reader && state.reader?.id == Fixtures.shadowID)

        let effects = update(&state, .libraryChanged(check, LibraryChanges(base: state.stories,
                                                                            changes: ListingChanges(removed: [Fixtures.shadowID]))))

        #expect(ids(state) == [Fixtures.seedID, Fixtures.iraqID])
        #expect(state.focus == .list)
        // The cursor keeps its row, now on the story that followed.
        #expect(state.reader?.id == Fixtures.iraqID)
        #expect(effects == [.loadStory(Fixtures.iraqID)])
    }

    @Test func eachCheckSaysWhatChangedSinceTheSameListing() {
        var state = started()
        let base = state.stories
        _ = update(&state, .libraryChanged(check, LibraryChanges(base: base, changes: ListingChanges(added: [fresh]))))
        let later = StorySummary(id: StoryID("fetched/later.txt"), title: "Later", published: Fixtures.date(31))

        // The fresh story was deleted since the last check, and another saved.
        let read = LibraryRead(folder: Fixtures.library.folder, number: 2)
        _ = update(&state, .libraryChanged(read, LibraryChanges(base: base, changes: ListingChanges(added: [later]))))

        #expect(ids(state) == [later.id, Fixtures.seedID, Fixtures.shadowID, Fixtures.iraqID])
        #expect(state.selectedStory?.id == Fixtures.shadowID)
    }

    @Test func changesOlderThanTheListingShownAreDropped() {
        var state = started()
        let base = state.stories
        let newer = LibraryRead(folder: Fixtures.library.folder, number: 2)
        _ = update(&state, .libraryChanged(newer, LibraryChanges(base: base, changes: ListingChanges(added: [fresh]))))
        let shown = state

        #expect(update(&state, .libraryChanged(check, LibraryChanges(base: base, changes: ListingChanges()))).isEmpty)
        #expect(state == shown)
        // Nor do changes to a library other than the one shown touch it.
        let elsewhere = LibraryRead(folder: URL(fileURLWithPath: "/tmp/elsewhere"), number: 3)
        _ = update(&state, .libraryChanged(elsewhere, LibraryChanges(base: base, changes: ListingChanges(removed: [fresh.id]))))
        #expect(state == shown)
    }

    @Test func theFetchReportWaitsForTheChangesItBrought() {
        var state = started()
        _ = update(&state, .key(.character("R")))
        let read = LibraryRead(folder: Fixtures.library.folder, number: 2)
        #expect(update(&state, .feedsFetched(.success(FeedsReport(summary: "1 feed: 1 new story")))) == [.readLibrary(read)])
        #expect(state.message?.text != "1 feed: 1 new story")

        _ = update(&state, .libraryChanged(read, LibraryChanges(base: state.stories, changes: ListingChanges(added: [fresh]),
                                                                problems: ["bad.txt: not a story"])))

        #expect(state.refresh == nil)
        #expect(state.message == StatusMessage("1 feed: 1 new story"))
        #expect(state.stories.count == 4)
        #expect(state.problems == ["bad.txt: not a story"])
    }
}
