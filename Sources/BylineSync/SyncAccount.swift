import Foundation

/// The account Byline syncs with: the server, the user, and where the password comes from.
public struct SyncAccount: Sendable {
    public var service: String
    /// The server's base URL, as configured (`https://rss.example.org/tt-rss/`).
    public var url: String
    public var user: String
    public var password: PasswordSource

    public init(service: String, url: String, user: String, password: PasswordSource) {
        self.service = service
        self.url = url
        self.user = user
        self.password = password
    }

    /// Names the account in story file names and the sync state: stories of two accounts
    /// (or two servers) never land on each other's files.
    public var key: String { "\(service) \(url) \(user)" }

    /// How the server is named in messages: its URL, without any user or password in it.
    public var serverName: String {
        guard var parts = URLComponents(string: url) else { return url }
        parts.user = nil
        parts.password = nil
        return parts.string ?? url
    }
}
