import BylineCore
import BylineFeeds
import FeedParsing
import BylineStore
import Foundation
import Testing
import TestSupport
@testable import BylineSync

/// A feed server in memory, paging two stories at a time, that can fail any operation.
actor MemoryServer: SyncService {
    var feeds: [SyncFeed] = [SyncFeed(id: "1", url: "http://feeds.example/world", title: "World Desk", folderID: "5")]
    var folders: [SyncFolder] = [SyncFolder(id: "5", title: "News")]
    var stories: [SyncedStory] = []
    var unread: Set<String> = []
    var starred: Set<String> = []
    var failing: Set<String> = []
    var sent: [MarkUpdate] = []

    func add(_ id: Int, words: Int = 100) {
        let text = (0..<words).map { "word\($0)" }.joined(separator: " ")
        stories.append(SyncedStory(id: String(id), feedID: "1", feedTitle: "World Desk", title: "Story \(id)",
                                   link: "http://stories.example/\(id)", html: "<p>\(text).</p>"))
        unread.insert(String(id))
    }

    func fail(_ operation: String?) {
        failing = operation.map { [$0] } ?? []
    }

    func set(unread: Set<String>? = nil, starred: Set<String>? = nil) {
        if let unread { self.unread = unread }
        if let starred { self.starred = starred }
    }

    private func check(_ operation: String) throws(SyncFailure) {
        if failing.contains(operation) { throw .unreachable(server: "memory", reason: "\(operation) failed") }
    }

    func logIn() async throws(SyncFailure) -> ServerInfo {
        try check("logIn")
        return ServerInfo(name: "Memory", apiLevel: 1)
    }
    func folders() async throws(SyncFailure) -> [SyncFolder] { try check("folders"); return folders }
    func feeds() async throws(SyncFailure) -> [SyncFeed] { try check("feeds"); return feeds }

    func stories(after cursor: SyncCursor) async throws(SyncFailure) -> StoryBatch {
        try check("stories")
        let after = Int(cursor.value) ?? 0
        let page = stories.filter { Int($0.id)! > after }.prefix(2)
        let newest = page.last.map { Int($0.id)! } ?? after
        if page.count == 2 { try check("stories after \(newest)") }
        return StoryBatch(stories: Array(page), cursor: SyncCursor(String(newest)), isLast: page.count < 2)
    }

    func send(_ update: MarkUpdate) async throws(SyncFailure) {
        try check("send")
        sent.append(update)
        for id in update.storyIDs {
            switch update.mark {
            case .read: unread.remove(id)
            case .unread: unread.insert(id)
            case .starred: starred.insert(id)
            case .unstarred: starred.remove(id)
            }
        }
    }

    func markedStories() async throws(SyncFailure) -> ServerMarks {
        try check("marks")
        return ServerMarks(unread: unread, starred: starred)
    }
    func subscribe(url: String, folder: SyncFolder?) async throws(SyncFailure) -> String { "9" }
    func unsubscribe(feedID: String) async throws(SyncFailure) {}
    func logOut() async {}
}

@Suite("Syncing a library with a server")
struct SyncEngineTests {
    struct Machine {
        let scratch: ScratchFolder
        let library: Library
        let subscriptions: SubscriptionsFile
        let client = HTTPClient()

        init() throws {
            scratch = try ScratchFolder(prefix: "sync")
            library = Library(folder: scratch.url.appendingPathComponent("library"),
                              stateFolder: scratch.url.appendingPathComponent("state"))
            subscriptions = SubscriptionsFile(url: scratch.url.appendingPathComponent("feeds.toml"))
        }

        func engine(_ server: MemoryServer) -> SyncEngine {
            SyncEngine(library: library, subscriptionsFile: subscriptions, service: server, serviceName: "mem",
                       accountKey: "mem test", received: ReceivedItems(library: library, client: client))
        }

        func sync(_ server: MemoryServer) async -> Result<SyncReport, SyncFailure> {
            await engine(server).run()
        }

        func path(_ id: Int) -> StoryID { StoryItems.storyID(service: "mem", id: String(id), accountKey: "mem test") }

        var marks: ReadingMarks { (try? library.readingState.load().marks) ?? ReadingMarks() }

        func cleanUp() {
            client.close()
            scratch.remove()
        }
    }

    @Test("a first sync brings in feeds, folders and stories; a second with nothing new saves nothing")
    func firstAndSecond() async throws {
        let machine = try Machine()
        defer { machine.cleanUp() }
        let server = MemoryServer()
        for id in 1...5 { await server.add(id) }
        let first = try await machine.sync(server).get()
        #expect(first.newStories == 5)
        #expect(first.summary == "Synced with Memory: 1 feed (1 new, 0 removed), 5 new stories, 0 marks sent, 0 received")
        let list = try machine.subscriptions.load()
        #expect(list.subscriptions == [Subscription(url: "http://feeds.example/world", title: "World Desk", folder: "News")])
        let story = try String(contentsOfFile: machine.library.folder.path + "/" + machine.path(3).path, encoding: .utf8)
        #expect(story.contains("Title: Story 3\n"))
        #expect(story.contains("Feed: http://feeds.example/world\n"))
        #expect(story.contains("Sync-ID: mem:3\n"))
        // The synced stories were indexed as they were saved: a start reads no file.
        #expect(try machine.library.load().report == LoadReport(index: .used, parsed: 0, reused: 5))
        let second = try await machine.sync(server).get()
        #expect(second.newStories == 0)
        #expect(try machine.library.load().entries.count == 5)
    }

    @Test("marks travel both ways, and a local change not yet sent wins over the server")
    func marks() async throws {
        let machine = try Machine()
        defer { machine.cleanUp() }
        let server = MemoryServer()
        for id in 1...3 { await server.add(id) }
        _ = try await machine.sync(server).get()
        // Here: 1 read, 2 starred. On the server (another machine): 3 read, 1 starred.
        try machine.library.readingState.apply([.markRead(machine.path(1)), .star(machine.path(2))])
        await server.set(unread: ["1", "2"], starred: ["1"])
        let report = try await machine.sync(server).get()
        #expect(report.marksSent == 2)
        #expect(await server.unread == ["2"])
        #expect(await server.starred == ["1", "2"])
        #expect(machine.marks == ReadingMarks(read: [machine.path(1), machine.path(3)], starred: [machine.path(1), machine.path(2)]))
        #expect(try machine.library.readingState.pendingMarks().isEmpty)
    }

    /// The marks the next start shows, from the read-rows cache; nil when it would have to
    /// look up every read story's path instead (the cache is stale or missing).
    func startFromCache(_ machine: Machine) throws -> (read: Set<StoryID>, starred: Set<StoryID>)? {
        let index = StoryRows(try #require(machine.library.indexedContents()).listing)
        guard let cached = machine.library.readingState.cachedReadRows() else { return nil }
        #expect(cached == ListedReadingState(try machine.library.readingState.load(), listing: index))
        return (Set(cached.readRows.members.map(index.id(at:))).union(cached.unlistedRead), cached.starred)
    }

    @Test("after a sync the next start takes its read and starred marks from the read-rows cache, and they are the synced ones")
    func readRowsCacheAfterSync() async throws {
        let machine = try Machine()
        defer { machine.cleanUp() }
        let server = MemoryServer()
        for id in 1...6 { await server.add(id) }
        await server.set(unread: ["2", "5"], starred: ["3"])
        _ = try await machine.sync(server).get()

        let first = try #require(try startFromCache(machine))
        #expect(first.read == Set([1, 3, 4, 6].map(machine.path)))
        #expect(first.starred == [machine.path(3)])

        // The reader starts and marks (keeping the cache), then a sync brings new stories
        // (the index rewritten) and a mark from the server.
        let listing = StoryRows(try #require(machine.library.indexedContents()).listing)
        _ = try machine.library.readingState.load(listedIn: listing)
        var batch = MarkBatch()
        batch.add(.markRead(machine.path(2)))
        try machine.library.readingState.apply(batch)
        for id in 7...9 { await server.add(id) }
        await server.set(starred: ["3", "8"])
        _ = try await machine.sync(server).get()

        let second = try #require(try startFromCache(machine))
        #expect(second.read == Set([1, 2, 3, 4, 6].map(machine.path)))
        #expect(second.starred == [machine.path(3), machine.path(8)])
    }

    @Test("marks that could not be sent stay in the journal, win locally, and go at the next sync")
    func offline() async throws {
        let machine = try Machine()
        defer { machine.cleanUp() }
        let server = MemoryServer()
        for id in 1...2 { await server.add(id) }
        _ = try await machine.sync(server).get()
        try machine.library.readingState.apply(.markRead(machine.path(1)))
        await server.fail("logIn")
        let failure = await machine.sync(server)
        #expect(failure.failure?.description == "memory: cannot reach the server: logIn failed")
        #expect(try machine.library.readingState.pendingMarks().entries[machine.path(1)]?.read == true)
        await server.fail("send")
        _ = await machine.sync(server)
        #expect(machine.marks.read == [machine.path(1)], "the server's 'unread' must not undo a mark it never got")
        await server.fail(nil)
        _ = try await machine.sync(server).get()
        #expect(await server.unread == ["2"])
        #expect(try machine.library.readingState.pendingMarks().isEmpty)
    }

    @Test("a sync that stops mid-way keeps the pages saved and the next one carries on after them")
    func resumes() async throws {
        let machine = try Machine()
        defer { machine.cleanUp() }
        let server = MemoryServer()
        for id in 1...5 { await server.add(id) }
        await server.fail("stories after 4")
        let stopped = await machine.sync(server)
        #expect(stopped.failure != nil)
        #expect(try machine.library.load().entries.count == 2)
        let state = try SyncStateFile(stateFolder: machine.library.stateFolder).load(account: "mem test")
        #expect(state.cursor == SyncCursor("2"))
        await server.fail(nil)
        let report = try await machine.sync(server).get()
        #expect(report.newStories == 3)
        #expect(try machine.library.load().entries.count == 5)
    }

    @Test("marks are journaled only once the library syncs, and a damaged journal is set aside")
    func journaling() throws {
        let machine = try Machine()
        defer { machine.cleanUp() }
        let state = machine.library.readingState
        try state.apply(.markRead(StoryID("a.txt")))
        #expect(!state.isJournaling)
        try state.startJournal()
        try state.apply(.star(StoryID("a.txt")))
        #expect(try state.pendingMarks() == MarkJournal().recording(.star(StoryID("a.txt"))))
        try Data("garbage".utf8).write(to: machine.library.stateFolder.appendingPathComponent("mark-journal"))
        #expect(try state.pendingMarks().isEmpty)
        try state.apply(.markUnread(StoryID("a.txt")))
        #expect(try state.pendingMarks() == MarkJournal().recording(.markUnread(StoryID("a.txt"))))
        let kept = try FileManager.default.contentsOfDirectory(atPath: machine.library.stateFolder.path)
        #expect(kept.contains { $0.hasPrefix("mark-journal.damaged-") })
    }
}
