import Foundation

/// Tiny Tiny RSS through its JSON API (`/api/`, API level 15 and later): every call is a
/// POST of `{"op": …, "sid": …}`, the session ID coming from `login`.
///
/// The password goes only into the body of `login`, never into a URL, a header, a log or
/// a message. When the session ends mid-sync (`NOT_LOGGED_IN`), it logs in again once
/// and repeats the call.
public actor TTRSSService: SyncService {
    /// Sends one request body to `/api/` and returns the answer's bytes.
    public typealias Transport = @Sendable (Data) async -> Result<Data, TransportFailure>

    /// Why a request got no answer, in words (connection refused, timed out after 20 s …).
    public struct TransportFailure: Error, Equatable, Sendable {
        public var reason: String
        public init(_ reason: String) { self.reason = reason }
    }

    /// TT-RSS returns at most 200 headlines a call.
    static let pageSize = 200
    /// Article IDs per `updateArticle` call.
    static let markBatch = 200

    let server: String
    let user: String
    private let password: String
    private let transport: Transport
    private var session: String?

    public init(server: String, user: String, password: String, transport: @escaping Transport) {
        self.server = server
        self.user = user
        self.password = password
        self.transport = transport
    }

    /// The API's address under the configured URL (`…/tt-rss/` → `…/tt-rss/api/`).
    public static func apiURL(for base: String) -> URL? {
        var text = base.trimmingCharacters(in: .whitespaces)
        if !text.hasSuffix("/") { text += "/" }
        if !text.hasSuffix("/api/") { text += "api/" }
        return URL(string: text)
    }

    // MARK: - SyncService

    public func logIn() async throws(SyncFailure) -> ServerInfo {
        let login = try await call("login", ["user": user, "password": password], as: TTRSSLogin.self, retrying: false)
        session = login.session_id
        let level = try? await call("getApiLevel", [:], as: TTRSSLevel.self)
        let version = try? await call("getVersion", [:], as: TTRSSVersion.self)
        let name = "Tiny Tiny RSS" + (version.map { " " + TTRSSAnswer.printable($0.version) } ?? "")
        return ServerInfo(name: name, apiLevel: level?.level ?? login.api_level)
    }

    public func folders() async throws(SyncFailure) -> [SyncFolder] {
        let categories = try await call("getCategories", [:], as: [TTRSSCategory].self)
        // Negative IDs are TT-RSS's own ("Special", "Labels"), not the reader's folders.
        return categories.filter { (Int($0.id.value) ?? 0) > 0 }.map { SyncFolder(id: $0.id.value, title: $0.title) }
    }

    public func feeds() async throws(SyncFailure) -> [SyncFeed] {
        // -3: every feed, without the virtual ones.
        let feeds = try await call("getFeeds", ["cat_id": -3], as: [TTRSSFeed].self)
        return feeds.map { feed in
            let folder = feed.cat_id.flatMap { (Int($0.value) ?? 0) > 0 ? $0.value : nil }
            return SyncFeed(id: feed.id.value, url: feed.feed_url, title: feed.title, folderID: folder)
        }
    }

    public func stories(after cursor: SyncCursor) async throws(SyncFailure) -> StoryBatch {
        let position = Position(cursor)
        // -4 is every article. Oldest first, so stories that arrive during the paging go at
        // the end instead of shifting the pages still to come.
        let headlines = try await call("getHeadlines", [
            "feed_id": -4, "view_mode": "all_articles", "show_content": true, "order_by": "date_reverse",
            "since_id": position.since, "skip": position.skip, "limit": Self.pageSize,
        ], as: [TTRSSHeadline].self)
        let stories = headlines.map(Self.story)
        let newest = stories.compactMap { Int($0.id) }.reduce(position.newest, max)
        if headlines.count < Self.pageSize {
            return StoryBatch(stories: stories, cursor: Position(since: newest, skip: 0, newest: newest).cursor, isLast: true)
        }
        let next = Position(since: position.since, skip: position.skip + headlines.count, newest: newest)
        return StoryBatch(stories: stories, cursor: next.cursor, isLast: false)
    }

    public func send(_ update: MarkUpdate) async throws(SyncFailure) {
        guard !update.storyIDs.isEmpty else { return }
        // field 2 is "unread", field 0 "starred"; mode 1 sets it, 0 clears it.
        let (field, mode): (Int, Int) = switch update.mark {
        case .read: (2, 0)
        case .unread: (2, 1)
        case .starred: (0, 1)
        case .unstarred: (0, 0)
        }
        for start in stride(from: 0, to: update.storyIDs.count, by: Self.markBatch) {
            let batch = update.storyIDs[start..<min(start + Self.markBatch, update.storyIDs.count)]
            _ = try await call("updateArticle", ["article_ids": batch.joined(separator: ","), "field": field, "mode": mode],
                               as: TTRSSStatus.self)
        }
    }

    public func markedStories() async throws(SyncFailure) -> ServerMarks {
        // Only IDs are needed: no content, so a page of 200 is small.
        let unread = try await allIDs(["feed_id": -4, "view_mode": "unread"])
        let starred = try await allIDs(["feed_id": -1, "view_mode": "all_articles"])
        return ServerMarks(unread: unread, starred: starred)
    }

    public func subscribe(url: String, folder: SyncFolder?) async throws(SyncFailure) -> String {
        var parameters: [String: Any] = ["feed_url": url]
        if let folder, let id = Int(folder.id) { parameters["category_id"] = id }
        let answer = try await call("subscribeToFeed", parameters, as: TTRSSSubscribed.self)
        // 0: already subscribed, 1: subscribed; the others say why not.
        guard answer.status.code == 0 || answer.status.code == 1, let id = answer.status.feed_id else {
            throw .refused(server: server, operation: "subscribeToFeed", error: Self.subscribeProblem(answer.status))
        }
        return id.value
    }

    public func unsubscribe(feedID: String) async throws(SyncFailure) {
        _ = try await call("unsubscribeFeed", ["feed_id": Int(feedID) ?? 0], as: TTRSSStatus.self)
    }

    public func logOut() async {
        guard session != nil else { return }
        _ = try? await call("logout", [:], as: TTRSSStatus.self, retrying: false)
        session = nil
    }

    // MARK: - Calls

    /// Sends `operation` and decodes its content; logs in again once on `NOT_LOGGED_IN`.
    func call<Content: Decodable>(_ operation: String, _ parameters: [String: Any], as type: Content.Type,
                                  retrying: Bool = true) async throws(SyncFailure) -> Content {
        var body = parameters
        body["op"] = operation
        if let session, operation != "login" { body["sid"] = session }
        let bytes: Data
        do {
            bytes = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
        } catch {
            throw .malformed(server: server, operation: operation, reason: "request could not be written")
        }
        let answer: Data
        switch await transport(bytes) {
        case .failure(let failure): throw .unreachable(server: server, reason: failure.reason)
        case .success(let data): answer = data
        }
        switch TTRSSAnswer.decode(type, from: answer) {
        case .success(let content):
            return content
        case .failure(.malformed(let reason)):
            throw .malformed(server: server, operation: operation, reason: reason)
        case .failure(.error(let code)):
            switch code {
            case "LOGIN_ERROR": throw .loginRefused(server: server, user: user)
            case "API_DISABLED": throw .apiDisabled(server: server, user: user)
            case "NOT_LOGGED_IN" where retrying:
                _ = try await logIn()
                do {
                    return try await call(operation, parameters, as: type, retrying: false)
                } catch .refused(_, _, "NOT_LOGGED_IN") {
                    throw .sessionExpired(server: server)
                }
            default:
                throw .refused(server: server, operation: operation, error: code)
            }
        }
    }

    private func allIDs(_ query: [String: Any]) async throws(SyncFailure) -> Set<String> {
        var ids = Set<String>()
        var skip = 0
        while true {
            var parameters = query
            parameters["limit"] = Self.pageSize
            parameters["skip"] = skip
            parameters["show_content"] = false
            let page = try await call("getHeadlines", parameters, as: [TTRSSHeadline].self)
            for headline in page { ids.insert(headline.id.value) }
            guard page.count == Self.pageSize else { return ids }
            skip += page.count
        }
    }

    // MARK: - Reading answers

    static func story(_ headline: TTRSSHeadline) -> SyncedStory {
        SyncedStory(
            id: headline.id.value, feedID: headline.feed_id?.value ?? "0", feedTitle: headline.feed_title,
            title: headline.title, link: headline.link,
            author: headline.author.flatMap { $0.isEmpty ? nil : $0 },
            published: headline.updated.flatMap { $0 > 0 ? Date(timeIntervalSince1970: TimeInterval($0)) : nil },
            html: headline.content, unread: headline.unread, starred: headline.marked)
    }

    static func subscribeProblem(_ status: TTRSSSubscribed.Status) -> String {
        let reason = switch status.code {
        case 2: "invalid URL"
        case 3: "no feed at that address"
        case 4: "the page links to several feeds; give one of them"
        case 5: "the server could not download the feed"
        case 6: "the server could not read the feed"
        default: "code \(status.code)"
        }
        return reason + (status.message.map { " (\(TTRSSAnswer.printable($0)))" } ?? "")
    }

    /// Where headline paging stands: articles after `since`, `skip` of them already taken,
    /// `newest` the highest ID seen so far. Written as the cursor's text.
    struct Position: Equatable {
        var since = 0
        var skip = 0
        var newest = 0

        init(since: Int, skip: Int, newest: Int) {
            self.since = since
            self.skip = skip
            self.newest = newest
        }

        init(_ cursor: SyncCursor) {
            for field in cursor.value.split(separator: " ") {
                let parts = field.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, let number = Int(parts[1]), number >= 0 else { continue }
                switch parts[0] {
                case "since": since = number
                case "skip": skip = number
                case "newest": newest = number
                default: continue
                }
            }
        }

        var cursor: SyncCursor { SyncCursor("since=\(since) skip=\(skip) newest=\(newest)") }
    }
}
