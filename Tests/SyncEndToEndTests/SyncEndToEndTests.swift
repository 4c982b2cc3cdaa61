#if canImport(Glibc)
import Glibc
#endif
import BylineCore
import BylineStore
import Foundation
import Testing
import TestSupport

/// Byline against a real Tiny Tiny RSS (Debian's package, on loopback), started once for
/// the whole run. Two machines are two sets of XDG folders running the real binary.
@Suite("Sync with a real Tiny Tiny RSS", .serialized,
       .enabled("needs root and Debian's tt-rss, postgresql and php packages (see Scripts/ttrss-server.sh)") {
           SyncServer.isAvailable && SyncMachine.binary != nil
       })
struct SyncEndToEndTests {
    var server: SyncServer { get throws { try SyncServer.shared.get() } }

    /// A feed of `count` stories on the server, fetched by it, titled uniquely for this test.
    func feed(_ title: String, count: Int, words: Int = 60, folder: String? = nil) async throws -> (url: String, title: String) {
        let server = try server
        let tag = String(UUID().uuidString.prefix(6)).lowercased()
        let name = "\(title.lowercased())-\(tag)"
        let unique = "\(title) \(tag)"
        let url = try await server.addFeed(name, title: unique, count: count, words: words)
        if let folder {
            let made = try SyncServer.runScriptNow(["folder", folder])
            let id = made.standardError.split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
            let feeds = try await server.call(["op": "getFeeds", "cat_id": -3])
            let feedID = try #require(Self.feedID(url, in: feeds))
            // Moving a feed to a folder is the web interface's job; the API has no call for it.
            _ = try SyncServer.runScriptNow(["sql", "update ttrss_feeds set cat_id = \(id) where id = \(feedID)"])
        }
        try server.update()
        return (url, unique)
    }

    static func feedID(_ url: String, in answer: String) -> Int? {
        let object = try? JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: Any]
        let feeds = object?["content"] as? [[String: Any]] ?? []
        return feeds.first { ($0["feed_url"] as? String) == url }?["id"] as? Int
    }

    @Test("sync --check logs in and says the server, its API level and its feeds in one line")
    func check() async throws {
        let machine = try SyncMachine("check", server: server)
        defer { machine.home.remove() }
        let run = try await machine.byline("sync", "--check")
        #expect(run.status == 0)
        let line = run.standardOutput.trimmingCharacters(in: .newlines)
        #expect(!line.contains("\n"))
        #expect(line.hasPrefix("\(try server.url): Tiny Tiny RSS"))
        #expect(line.contains("API level 15"))
        #expect(line.range(of: #", \d+ feeds? for admin$"#, options: .regularExpression) != nil)
    }

    @Test("a wrong password and a server with API access off are one line each, and nothing is written")
    func refused() async throws {
        let machine = try SyncMachine("refused", server: server)
        defer { machine.home.remove() }
        try machine.home.write("secret", text: "not-the-password\n")
        let wrong = try await machine.byline("sync")
        #expect(wrong.status == 1)
        #expect(wrong.standardError == "byline: \(try server.url): login refused for admin: wrong user name or password\n")
        #expect(!wrong.standardError.contains("not-the-password"))
        try machine.home.write("secret", text: try server.password + "\n")
        try SyncServer.runScriptNow(["api", "off"])
        let disabled = try await machine.byline("sync")
        try SyncServer.runScriptNow(["api", "on"])
        #expect(disabled.standardError == "byline: \(try server.url): API access is off for admin: turn on \"Enable API\" in the server's preferences\n")
        #expect(!FileManager.default.fileExists(atPath: machine.library.folder.appendingPathComponent("fetched").path))
    }

    @Test("two machines: feeds, folders and stories reach both; read and starred on one reach the other")
    func twoMachines() async throws {
        let (url, title) = try await feed("Harbour", count: 4, folder: "News")
        let first = try SyncMachine("first", server: server)
        let second = try SyncMachine("second", server: server)
        defer { first.home.remove(); second.home.remove() }
        try await first.sync()
        try await second.sync()
        for machine in [first, second] {
            let feeds = try String(contentsOfFile: machine.home.path + "/config/byline/feeds.toml", encoding: .utf8)
            #expect(feeds.contains("url = \"\(url)\"\ntitle = \"\(title)\"\nfullStory = \"auto\"\nfolder = \"News\""))
            for number in 1...4 { _ = try machine.story("\(title) story \(number)") }
        }
        let file = try String(contentsOfFile: first.library.folder.path + "/" + first.story("\(title) story 1").path, encoding: .utf8)
        #expect(file.contains("\nFeed: \(url)\n"))
        #expect(file.range(of: #"\nSync-ID: ttrss:\d+\n"#, options: .regularExpression) != nil)

        try first.mark(.markRead(first.story("\(title) story 1")))
        try first.mark(.star(first.story("\(title) story 2")))
        try await first.sync()
        try await second.sync()
        #expect(try second.isRead("\(title) story 1"))
        #expect(try second.isStarred("\(title) story 2"))
        #expect(try !second.isRead("\(title) story 2") && !second.isStarred("\(title) story 1"))
        let onServer = try await server.articles()
        #expect(onServer["\(title) story 1"]?.unread == false)
        #expect(onServer["\(title) story 2"]?.starred == true)

        // The password is in no file either machine's Byline wrote.
        for machine in [first, second] {
            for file in machine.writtenFiles() where file.text.contains(try server.password) {
                Issue.record("the password is in \(file.path)")
            }
        }
    }

    @Test("a mark made through the server's API, as a phone app would, reaches Byline; the server wins when nothing is pending")
    func phone() async throws {
        let (_, title) = try await feed("Phone", count: 3)
        let machine = try SyncMachine("phone", server: server)
        defer { machine.home.remove() }
        try await machine.sync()
        try machine.mark(.markRead(machine.story("\(title) story 1")))
        try await machine.sync()
        let ids = try await server.articles()
        let one = try #require(ids["\(title) story 1"]?.id), three = try #require(ids["\(title) story 3"]?.id)
        try await server.mark([three], field: 2, mode: 0)
        try await server.mark([three], field: 0, mode: 1)
        try await server.mark([one], field: 2, mode: 1)
        try await machine.sync()
        #expect(try machine.isRead("\(title) story 3"))
        #expect(try machine.isStarred("\(title) story 3"))
        #expect(try !machine.isRead("\(title) story 1"), "marked unread on the phone after the read was sent")
    }

    @Test("a mark made while the server is down is kept and reaches it once it is back")
    func offline() async throws {
        let (_, title) = try await feed("Offline", count: 2)
        let machine = try SyncMachine("offline", server: server)
        defer { machine.home.remove() }
        try await machine.sync()
        try SyncServer.runScriptNow(["stop"])
        try machine.mark(.markRead(machine.story("\(title) story 2")))
        try machine.mark(.star(machine.story("\(title) story 1")))
        let down = try await machine.byline("sync")
        let restarted = try SyncServer.runScriptNow(["start"])
        #expect(restarted.status == 0, "\(restarted.standardError)")
        #expect(down.status == 1)
        #expect(down.standardError.hasPrefix("byline: \(try server.url): cannot reach the server: "))
        #expect(down.standardError.filter { $0 == "\n" }.count == 1)
        #expect(try machine.isRead("\(title) story 2"), "the local mark stays while the server is down")
        try await machine.sync()
        let onServer = try await server.articles()
        #expect(onServer["\(title) story 2"]?.unread == false)
        #expect(onServer["\(title) story 1"]?.starred == true)
        #expect(try machine.library.readingState.pendingMarks().isEmpty)
    }

    @Test("kill -9 during a sync loses no mark, stores no story twice, and the password never shows in ps")
    func killed() async throws {
        let (_, title) = try await feed("Killed", count: 150, words: 300)
        let machine = try SyncMachine("killed", server: server)
        defer { machine.home.remove() }
        try await machine.sync()
        let marked = try (1...40).map { try machine.story("\(title) story \($0)") }
        for story in marked { try machine.mark(.markRead(story)) }
        try machine.mark(.star(marked[0]))
        // More to sync, so each kill lands somewhere in the middle of the work.
        let (_, more) = try await feed("More", count: 300, words: 300)
        let password = try server.password
        var leaks: [String] = []
        for delay in [50, 200, 500, 1000] {
            // runProgram ends a program past its deadline with SIGKILL: kill -9 mid-sync.
            async let run = runProgram(try #require(SyncMachine.binary), ["sync"], environment: machine.environment,
                                       timeout: .milliseconds(delay))
            let deadline = ContinuousClock.now + .milliseconds(delay)
            while ContinuousClock.now < deadline {
                leaks += Self.processesShowing(password)
                try await Task.sleep(for: .milliseconds(10))
            }
            _ = try await run
        }
        #expect(leaks.isEmpty, "the password shows in: \(Set(leaks))")
        try await machine.sync()
        let onServer = try await server.articles()
        for number in 1...40 { #expect(onServer["\(title) story \(number)"]?.unread == false, "story \(number)") }
        #expect(onServer["\(title) story 1"]?.starred == true)
        #expect(machine.marks.read.isSuperset(of: marked))
        let contents = try machine.library.load()
        #expect(contents.problems.isEmpty)
        let titles = contents.entries.map(\.title).filter { $0.hasPrefix(more) }
        #expect(titles.count == 300 && Set(titles).count == 300)
    }

    @Test("byline add and remove act on the server while sync is on")
    func addAndRemove() async throws {
        let server = try server
        let machine = try SyncMachine("add", server: server)
        defer { machine.home.remove() }
        let (url, _) = try await feed("Added", count: 1)
        _ = try await server.call(["op": "unsubscribeFeed", "feed_id": Self.feedID(url, in: try await server.call(["op": "getFeeds", "cat_id": -3])) ?? 0])
        let add = try await machine.byline("add", url)
        #expect(add.status == 0, "\(add.standardError)")
        #expect(Self.feedID(url, in: try await server.call(["op": "getFeeds", "cat_id": -3])) != nil)
        let remove = try await machine.byline("remove", url)
        #expect(remove.status == 0, "\(remove.standardError)")
        #expect(Self.feedID(url, in: try await server.call(["op": "getFeeds", "cat_id": -3])) == nil)
    }

    @Test("in the reader, R syncs: the server's marks arrive, and a star made with s reaches the server",
          .enabled(if: TmuxSession.tmuxProgram != nil, "needs tmux"))
    func readerSyncs() async throws {
        let (_, title) = try await feed("Reader", count: 2)
        let machine = try SyncMachine("reader", server: server)
        defer { machine.home.remove() }
        try await machine.sync()
        let ids = try await server.articles()
        try await server.mark([try #require(ids["\(title) story 1"]?.id)], field: 0, mode: 1)
        let before = machine.marks
        var environment = machine.environment
        environment["LANG"] = "C.UTF-8"
        environment["TERM"] = "tmux-256color"
        let command = ["env"] + environment.map { "\($0.key)=\($0.value)" }.sorted() + [try #require(SyncMachine.binary).path]
        try await TmuxSession.run(command, width: 160) { reader in
            try await reader.waitFor("q quit")
            // Following several feeds, the reader opens on the sources view: back to the stories
            // (on the story list already, Esc does nothing).
            try await reader.press("Escape")
            try await reader.press("R")
            let screen = try await reader.waitFor("Synced with Tiny Tiny RSS", timeout: .seconds(60))
            #expect(screen.joined().contains("1 received"))
            try await reader.press("s")
            try await reader.waitFor("Starred")
            try await reader.press("q")
        }
        #expect(try machine.isStarred("\(title) story 1"), "the star made on the server arrived with R")
        let starredHere = machine.marks.starred.subtracting(before.starred).subtracting([try machine.story("\(title) story 1")])
        #expect(starredHere.count == 1)
        try await machine.sync()
        let entries = try machine.library.load().entries
        let onServer = try await server.articles()
        for id in starredHere {
            let title = try #require(entries.first { $0.id == id }?.title)
            #expect(onServer[title]?.starred == true, "\(title) starred in the reader")
        }
    }

    /// Processes whose command line or environment holds `secret`.
    static func processesShowing(_ secret: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        var found: [String] = []
        for pid in names where pid.allSatisfy(\.isNumber) {
            for part in ["cmdline", "environ"] {
                guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/\(part)") else { continue }
                if String(decoding: data, as: UTF8.self).contains(secret) { found.append("/proc/\(pid)/\(part)") }
            }
        }
        return found
    }
}
