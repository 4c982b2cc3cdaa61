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

    public func close() { client.close() }
}
