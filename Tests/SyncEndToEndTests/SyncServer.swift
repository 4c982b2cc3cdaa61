#if canImport(Glibc)
import Glibc
#endif
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport

/// One real Tiny Tiny RSS for the whole test run, started by `Scripts/ttrss-server.sh`
/// on first use and stopped (and its folder deleted) when the test process exits.
///
/// Its own ports (TT-RSS 8291, PostgreSQL 55491) keep it apart from one started by hand;
/// test feeds are files in `feeds/`, served on port 80 and subscribed as
/// `http://0.0.0.0/NAME` (TT-RSS 21 fetches from nowhere else).
struct SyncServer: Sendable {
    static let port = 8291
    static let api = URL(string: "http://127.0.0.1:\(port)/api/")!
    let base: URL
    /// The user's password: random per run, so finding it anywhere means a leak.
    let password: String

    var feeds: URL { base.appendingPathComponent("feeds") }
    var url: String { "http://127.0.0.1:\(Self.port)/" }

    /// The server, or why the sync tests cannot run here (they skip) or why it did not
    /// start (they fail, saying so).
    static let shared: Result<SyncServer, Unavailable> = start()

    struct Unavailable: Error, CustomStringConvertible {
        var description: String
        /// Not root, or the packages cannot be installed: the tests skip.
        var skips = true
    }

    static var isAvailable: Bool {
        switch shared {
        case .success: return true
        case .failure(let reason) where !reason.skips: return true
        case .failure(let reason):
            FileHandle.standardError.write(Data("SyncEndToEndTests skipped: \(reason)\n".utf8))
            return false
        }
    }

    static var script: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scripts/ttrss-server.sh")
    }

    private static func start() -> Result<SyncServer, Unavailable> {
        guard getuid() == 0 else {
            return .failure(Unavailable(description: "needs root (a private PostgreSQL, TT-RSS as www-data, test feeds on port 80)"))
        }
        let server = SyncServer(base: URL(fileURLWithPath: serverBase), password: "byline-e2e-\(UUID().uuidString.prefix(12))")
        atexit { _ = try? SyncServer.runScriptNow(["purge"]) }
        do {
            let started = try runScriptNow(["start"])
            if started.status == 3 {
                return .failure(Unavailable(description: "the TT-RSS packages cannot be installed: \(started.standardError)"))
            }
            guard started.status == 0 else {
                return .failure(Unavailable(description: "Scripts/ttrss-server.sh start failed: \(started.standardError)", skips: false))
            }
            let set = try runScriptNow(["password"], input: server.password + "\n")
            guard set.status == 0 else {
                return .failure(Unavailable(description: "setting the password failed: \(set.standardError)", skips: false))
            }
        } catch {
            return .failure(Unavailable(description: "Scripts/ttrss-server.sh cannot run: \(error)", skips: false))
        }
        return .success(server)
    }

    /// Runs the server script with this run's folder and ports; `input` is its standard
    /// input (through a file, so a password never becomes an argument).
    @discardableResult
    static func runScriptNow(_ arguments: [String], input: String? = nil) throws -> ScriptOutput {
        var environment = ProcessInfo.processInfo.environment
        environment["TTRSS_BASE"] = serverBase
        environment["TTRSS_PORT"] = String(port)
        environment["PG_PORT"] = "55491"
        // TestSupport's runner, not Foundation's Process, which can miss a child's exit.
        let shell = URL(fileURLWithPath: "/bin/sh")
        let run: ProgramOutput
        if let input {
            let scratch = try ScratchFolder(prefix: "script-input")
            defer { scratch.remove() }
            let file = try scratch.write("input", text: input)
            run = try runProgramNow(shell, ["-c", "exec \"$0\" \"$@\" < \"$INPUT_FILE\"", script.path] + arguments,
                                    environment: environment.merging(["INPUT_FILE": file.path]) { $1 })
        } else {
            run = try runProgramNow(script, arguments, environment: environment)
        }
        return ScriptOutput(status: run.status, standardError: run.standardError + run.standardOutput)
    }

    struct ScriptOutput {
        var status: Int32
        var standardError: String
    }

    // MARK: - Feeds and the API, as another client (a phone app) would use them

    /// Serves a feed of `count` stories named `name` and subscribes the server to it.
    func addFeed(_ name: String, title: String, count: Int, words: Int = 60) async throws -> String {
        var items = ""
        for number in 1...count {
            let text = (0..<words).map { "w\($0)" }.joined(separator: " ")
            items += """
            <item><title>\(title) story \(number)</title><link>http://example.invalid/\(name)/\(number)</link>
            <guid isPermaLink="false">\(name)-\(number)</guid><pubDate>Mon, 01 Jan 2024 10:\(String(format: "%02d", number % 60)):00 +0000</pubDate>
            <description>&lt;p&gt;\(text).&lt;/p&gt;</description></item>

            """
        }
        let xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>\(title)</title><link>http://example.invalid/</link>\n\(items)</channel></rss>"
        try FileManager.default.createDirectory(at: feeds, withIntermediateDirectories: true)
        try Data(xml.utf8).write(to: feeds.appendingPathComponent(name + ".xml"))
        let url = "http://0.0.0.0/\(name).xml"
        let answer = try await call(["op": "subscribeToFeed", "feed_url": url])
        guard answer.contains("\"code\":1") || answer.contains("\"code\":0") else { throw APIError(answer: answer) }
        return url
    }

    /// Makes TT-RSS fetch every feed now.
    func update() throws {
        let done = try Self.runScriptNow(["update"])
        guard done.status == 0 else { throw APIError(answer: done.standardError) }
    }

    struct APIError: Error, CustomStringConvertible {
        var answer: String
        var description: String { "TT-RSS said: \(answer)" }
    }

    /// One API call in its own session.
    func call(_ body: [String: Any]) async throws -> String {
        let session = try await post(["op": "login", "user": "admin", "password": password])
        guard let sid = (session["content"] as? [String: Any])?["session_id"] as? String else {
            throw APIError(answer: "\(session)")
        }
        var body = body
        body["sid"] = sid
        let data = try await postData(body)
        return String(decoding: data, as: UTF8.self)
    }

    /// The server's article IDs by title, for the feed at `url`'s stories.
    func articles() async throws -> [String: (id: Int, unread: Bool, starred: Bool)] {
        let session = try await post(["op": "login", "user": "admin", "password": password])
        let sid = ((session["content"] as? [String: Any])?["session_id"] as? String) ?? ""
        var found: [String: (id: Int, unread: Bool, starred: Bool)] = [:]
        var skip = 0
        while true {
            let page = try await post(["op": "getHeadlines", "sid": sid, "feed_id": -4, "view_mode": "all_articles",
                                       "limit": 200, "skip": skip])
            let rows = page["content"] as? [[String: Any]] ?? []
            for row in rows {
                guard let title = row["title"] as? String, let id = row["id"] as? Int else { continue }
                found[title] = (id, row["unread"] as? Bool ?? true, row["marked"] as? Bool ?? false)
            }
            if rows.count < 200 { return found }
            skip += rows.count
        }
    }

    /// Sets a mark through the API: field 2 is unread, 0 starred.
    func mark(_ ids: [Int], field: Int, mode: Int) async throws {
        let answer = try await call(["op": "updateArticle", "article_ids": ids.map(String.init).joined(separator: ","),
                                     "field": field, "mode": mode])
        guard answer.contains("\"status\":0") else { throw APIError(answer: answer) }
    }

    private func post(_ body: [String: Any]) async throws -> [String: Any] {
        let data = try await postData(body)
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    private func postData(_ body: [String: Any]) async throws -> Data {
        var request = URLRequest(url: Self.api)
        request.httpMethod = "POST"
        request.httpBody = try JSONSerialization.data(withJSONObject: body)
        request.timeoutInterval = 60
        return try await URLSession.shared.data(for: request).0
    }
}

/// This run's server folder (global, for the `atexit` that removes it).
private let serverBase = FileManager.default.temporaryDirectory.appendingPathComponent("byline-sync-e2e-\(getpid())").path
