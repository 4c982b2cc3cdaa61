import Foundation
import Testing
@testable import BylineSync

/// A server that answers each request with the next recorded answer, and keeps the
/// requests it was sent.
final class ScriptedServer: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [Result<Data, TTRSSService.TransportFailure>]
    private(set) var requests: [[String: Any]] = []

    init(_ answers: [Result<Data, TTRSSService.TransportFailure>]) { self.answers = answers }

    static func recorded(_ names: String...) throws -> ScriptedServer {
        ScriptedServer(try names.map { .success(try Recorded.answer($0)) })
    }

    var operations: [String] { lock.withLock { requests.compactMap { $0["op"] as? String } } }

    func transport() -> TTRSSService.Transport {
        { body in
            self.lock.withLock {
                self.requests.append((try? JSONSerialization.jsonObject(with: body) as? [String: Any]) ?? [:])
                return self.answers.isEmpty ? .failure(.init("no more answers")) : self.answers.removeFirst()
            }
        }
    }

    func service(password: String = "s3cret-pass") -> TTRSSService {
        TTRSSService(server: "http://rss.example/", user: "ana", password: password, transport: transport())
    }
}

@Suite("The TT-RSS client, against recorded answers")
struct TTRSSServiceTests {
    @Test("logging in sends the password only in the login body, then asks for the API level")
    func logIn() async throws {
        let server = try ScriptedServer.recorded("login-ok", "api-level", "version")
        let info = try await server.service().logIn()
        #expect(info.apiLevel == 15)
        #expect(info.name.hasPrefix("Tiny Tiny RSS Debian 21"))
        #expect(server.operations == ["login", "getApiLevel", "getVersion"])
        #expect(server.requests[0]["password"] as? String == "s3cret-pass")
        #expect(server.requests[1]["password"] == nil)
        #expect(server.requests[1]["sid"] as? String == "t88qva0q41mugig9qgusseicl0")
    }

    @Test("a wrong password and API access switched off are one clear line each, without the password")
    func refusedLogins() async throws {
        for (name, line) in [
            ("login-error", "http://rss.example/: login refused for ana: wrong user name or password"),
            ("api-disabled", "http://rss.example/: API access is off for ana: turn on \"Enable API\" in the server's preferences"),
        ] {
            let server = try ScriptedServer.recorded(name)
            do {
                _ = try await server.service().logIn()
                Issue.record("\(name) logged in")
            } catch {
                #expect(error.description == line)
                #expect(!error.description.contains("s3cret-pass"))
            }
        }
    }

    @Test("a session that expired mid-sync logs in again once and repeats the call")
    func expiredSession() async throws {
        let server = try ScriptedServer.recorded("login-ok", "api-level", "version", "not-logged-in",
                                                 "login-ok", "api-level", "version", "feeds")
        let service = server.service()
        _ = try await service.logIn()
        let feeds = try await service.feeds()
        #expect(feeds.map(\.url) == ["http://0.0.0.0/world.xml"])
        #expect(server.operations == ["login", "getApiLevel", "getVersion", "getFeeds",
                                      "login", "getApiLevel", "getVersion", "getFeeds"])
    }

    @Test("a session that stays expired after logging in again is one line, not a loop")
    func expiredForGood() async throws {
        let server = try ScriptedServer.recorded("login-ok", "api-level", "version", "not-logged-in",
                                                 "login-ok", "api-level", "version", "not-logged-in")
        let service = server.service()
        _ = try await service.logIn()
        await #expect(throws: SyncFailure.sessionExpired(server: "http://rss.example/")) { try await service.feeds() }
        #expect(server.operations.count == 8)
    }

    @Test("server down and malformed answers are one line naming the server")
    func failures() async throws {
        let down = ScriptedServer([.failure(.init("connection refused by 127.0.0.1"))])
        await #expect(throws: SyncFailure.unreachable(server: "http://rss.example/", reason: "connection refused by 127.0.0.1")) {
            try await down.service().logIn()
        }
        let html = try ScriptedServer.recorded("login-page.html")
        do {
            _ = try await html.service().logIn()
        } catch {
            #expect(error.description == "http://rss.example/: login: not a Tiny Tiny RSS API answer (an HTML page, not JSON: is the URL the TT-RSS folder?)")
        }
    }

    @Test("stories page through with since_id and skip; the last page moves since_id to the newest story")
    func paging() async throws {
        let full = headlines(ids: Array(101...300))
        let rest = try Recorded.answer("headlines-since")
        let server = ScriptedServer([.success(full), .success(rest)])
        let service = server.service()
        let first = try await service.stories(after: .start)
        #expect(first.stories.count == 200 && !first.isLast)
        #expect(first.cursor == SyncCursor("since=0 skip=200 newest=300"))
        let second = try await service.stories(after: first.cursor)
        #expect(second.isLast && second.stories.isEmpty)
        #expect(second.cursor == SyncCursor("since=300 skip=0 newest=300"))
        #expect(server.requests[0]["since_id"] as? Int == 0 && server.requests[0]["skip"] as? Int == 0)
        #expect(server.requests[1]["since_id"] as? Int == 0 && server.requests[1]["skip"] as? Int == 200)
        #expect(server.requests[0]["show_content"] as? Bool == true)
        #expect(server.requests[0]["feed_id"] as? Int == -4)
    }

    @Test("marks go out in batches: field 2 for unread, field 0 for starred")
    func sendingMarks() async throws {
        let ok = try Recorded.answer("mark-read")
        let server = ScriptedServer(Array(repeating: .success(ok), count: 4))
        let service = server.service()
        let ids = (1...250).map(String.init)
        try await service.send(MarkUpdate(.read, ids))
        try await service.send(MarkUpdate(.starred, ["7"]))
        try await service.send(MarkUpdate(.unstarred, ["8"]))
        #expect(server.requests.map { $0["field"] as? Int } == [2, 2, 0, 0])
        #expect(server.requests.map { $0["mode"] as? Int } == [0, 0, 1, 0])
        #expect((server.requests[0]["article_ids"] as? String)?.split(separator: ",").count == 200)
        #expect(server.requests[1]["article_ids"] as? String == (201...250).map(String.init).joined(separator: ","))
    }

    @Test("the server's marks are its unread list and its starred list")
    func serverMarks() async throws {
        let server = try ScriptedServer.recorded("unread-ids", "starred-ids")
        let marks = try await server.service().markedStories()
        #expect(marks == ServerMarks(unread: ["2"], starred: ["2"]))
        #expect(server.requests[0]["view_mode"] as? String == "unread")
        #expect(server.requests[1]["feed_id"] as? Int == -1)
    }

    @Test("the API lives under the configured folder")
    func apiURL() {
        #expect(TTRSSService.apiURL(for: "https://rss.example/tt-rss")?.absoluteString == "https://rss.example/tt-rss/api/")
        #expect(TTRSSService.apiURL(for: "https://rss.example/api/")?.absoluteString == "https://rss.example/api/")
    }

    /// A getHeadlines answer with these IDs, in the recorded answer's shape.
    private func headlines(ids: [Int]) -> Data {
        let rows = ids.map { id in
            #"{"id":\#(id),"unread":true,"marked":false,"updated":1704103200,"is_updated":false,"title":"Story \#(id)","link":"http://example.invalid/\#(id)","feed_id":1,"content":"<p>Text \#(id).</p>","feed_title":"World Desk","author":""}"#
        }
        return Data((#"{"seq":0,"status":0,"content":["# + rows.joined(separator: ",") + "]}").utf8)
    }
}
