import BylineFeeds
import BylineStore
import Foundation

/// A live sync: the account's service over the project's HTTP client, and the engine
/// that syncs a library with it. `close()` when done.
public struct SyncConnection: Sendable {
    public let account: SyncAccount
    public let service: any SyncService
    let client: HTTPClient

    /// Logs nothing in yet; reads the password (running `password-command`).
    public init(account: SyncAccount, limits: FetchLimits = SyncConnection.limits) throws(SyncFailure) {
        guard account.service == "ttrss" else { throw .notConfigured("sync service \"\(account.service)\" is not supported") }
        guard let api = TTRSSService.apiURL(for: account.url) else {
            throw .notConfigured("sync url \(account.serverName) is not a URL")
        }
        let password = try account.password.password()
        let client = HTTPClient(limits: limits)
        self.account = account
        self.client = client
        service = TTRSSService(server: account.serverName, user: account.user, password: password) { body in
            switch await client.post(api, body: body) {
            case .success(let response): .success(response.body)
            case .failure(let failure): .failure(TTRSSService.TransportFailure(failure.description))
            }
        }
    }

    /// A page of 200 stories with their content can be large; a minute is enough for any.
    public static let limits = FetchLimits(timeout: 60, maxBytes: 64 * 1024 * 1024)

    /// The engine for the library at `library`.
    public func engine(library: Library, subscriptionsFile: SubscriptionsFile) -> SyncEngine {
        SyncEngine(library: library, subscriptionsFile: subscriptionsFile, service: service,
                   serviceName: account.service, accountKey: account.key,
                   received: ReceivedItems(library: library, client: client))
    }

    /// `byline sync --check`: logs in and says what the server is and how many feeds it has.
    public func check() async -> Result<String, SyncFailure> {
        do throws(SyncFailure) {
            let info = try await service.logIn()
            let feeds = try await service.feeds()
            await service.logOut()
            let level = info.apiLevel.map { ", API level \($0)" } ?? ""
            return .success("\(account.serverName): \(info.name)\(level), \(feeds.count) \(feeds.count == 1 ? "feed" : "feeds") for \(account.user)")
        } catch {
            await service.logOut()
            return .failure(error)
        }
    }

    /// `byline add` while sync is on: subscribes on the server, in the folder titled
    /// `folder` when given (the server's folders are made in its own interface).
    public func subscribe(url: String, folder: String?) async -> Result<Void, SyncFailure> {
        await session { () throws(SyncFailure) in
            var target: SyncFolder?
            if let folder {
                let folders = try await service.folders()
                guard let found = folders.first(where: { $0.title.lowercased() == folder.lowercased() }) else {
                    let known = folders.map(\.title).joined(separator: ", ")
                    throw .notConfigured("\(account.serverName) has no folder \"\(folder)\"" + (known.isEmpty ? "" : " (it has: \(known))"))
                }
                target = found
            }
            _ = try await service.subscribe(url: url, folder: target)
        }
    }

    /// `byline remove` while sync is on: unsubscribes on the server from the feeds at
    /// `urls` that it has; returns those it had.
    public func unsubscribe(urls: [String]) async -> Result<[String], SyncFailure> {
        await session { () throws(SyncFailure) in
            let wanted = Set(urls.map(SubscriptionList.comparable))
            var removed: [String] = []
            for feed in try await service.feeds() where wanted.contains(SubscriptionList.comparable(feed.url)) {
                try await service.unsubscribe(feedID: feed.id)
                removed.append(feed.url)
            }
            return removed
        }
    }

    /// Runs `work` logged in, and logs out after.
    private func session<T: Sendable>(_ work: () async throws(SyncFailure) -> T) async -> Result<T, SyncFailure> {
        do throws(SyncFailure) {
            _ = try await service.logIn()
            let value = try await work()
            await service.logOut()
            return .success(value)
        } catch {
            await service.logOut()
            return .failure(error)
        }
    }

    public func close() { client.close() }
}
