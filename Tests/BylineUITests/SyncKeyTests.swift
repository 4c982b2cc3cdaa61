import BylineCore
import Foundation
import Testing
import TerminalKit
@testable import BylineUI

/// `R` when config.toml sets up sync: the library syncs with the feed server instead of
/// fetching the feeds, with its progress and outcome on the status line.
@Suite struct SyncKeyTests {
    static func syncing() -> AppState {
        var state = Fixtures.state(width: 100, height: 20)
        state.syncsWithServer = true
        _ = update(&state, .started)
        return state
    }

    static func statusLine(_ state: AppState) -> String {
        render(state).lines.last ?? ""
    }

    @Test func rSyncsWithTheServerAndShowsHowFarItHasGot() {
        var state = Self.syncing()
        #expect(update(&state, .key(.character("R"))) == [.syncWithServer(into: Fixtures.library.folder)])
        #expect(Self.statusLine(state).contains("Syncing: logging in…"))
        _ = update(&state, .syncProgress(.stories(240)))
        #expect(Self.statusLine(state).contains("Syncing: 240 new stories"))
        #expect(update(&state, .key(.character("R"))).isEmpty)
        #expect(state.message == StatusMessage("Already fetching feeds"))
    }

    @Test func theSyncsOutcomeShowsWithTheStoriesItBrought() {
        var state = Self.syncing()
        _ = update(&state, .key(.character("R")))
        let read = LibraryRead(folder: Fixtures.library.folder, number: 1)
        let summary = "Synced with Tiny Tiny RSS: 3 feeds, 12 new stories, 2 marks sent, 5 received"
        #expect(update(&state, .feedsFetched(.success(FeedsReport(summary: summary)))) == [.readLibrary(read)])
        _ = update(&state, .libraryRead(read, .success(LibraryListing(stories: Fixtures.summaries))))
        #expect(state.refresh == nil)
        #expect(state.message == StatusMessage(summary))
    }

    @Test func aFailedSyncSaysWhyInOneLine() {
        var state = Self.syncing()
        _ = update(&state, .key(.character("R")))
        let reason = "http://rss.example/: cannot reach the server: connection refused by rss.example"
        #expect(update(&state, .feedsFetched(.failure(.syncFailed(FailureReason(reason))))).isEmpty)
        #expect(state.refresh == nil)
        #expect(state.message == StatusMessage("Sync failed: " + reason, isError: true))
    }

    @Test func withoutSyncRStillFetchesTheFeeds() {
        var state = Fixtures.state(width: 100, height: 20)
        _ = update(&state, .started)
        #expect(update(&state, .key(.character("R"))) == [.refreshFeeds(into: Fixtures.library.folder)])
        #expect(Self.statusLine(state).contains("Fetching…"))
    }
}
