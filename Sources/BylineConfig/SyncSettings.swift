/// The `[sync]` table: which feed server Byline syncs with.
///
/// ```toml
/// [sync]
/// service = "ttrss"
/// url = "https://rss.example.org/tt-rss/"
/// user = "ana"
/// password-command = "pass show rss.example.org"
/// ```
/// The password itself is never written here: `password-command` prints it, or the
/// `BYLINE_SYNC_PASSWORD` environment variable holds it. Without a `[sync]` table (or
/// with a wrong one, reported) sync is off.
public struct SyncSettings: Equatable, Sendable {
    /// The services Byline has a client for.
    public static let services = ["ttrss"]

    public var service: String
    public var url: String
    public var user: String
    public var passwordCommand: String?

    public init(service: String, url: String, user: String, passwordCommand: String? = nil) {
        self.service = service
        self.url = url
        self.user = user
        self.passwordCommand = passwordCommand
    }

    /// Sync is off.
    public init() {
        self.init(service: "", url: "", user: "")
    }

    public var isOn: Bool { !service.isEmpty }

    static func read(from file: ConfigFile) -> (SyncSettings, [ConfigProblem]) {
        let table = file.table("sync")
        guard !table.isEmpty else { return (SyncSettings(), []) }
        var problems: [ConfigProblem] = []
        func text(_ key: String, required: Bool) -> String? {
            guard let value = table[key] else {
                if required { problems.append(file.problem(table: "sync", key: nil, "\(key) is missing")) }
                return nil
            }
            guard let string = value.string, !string.trimmingCharacters(in: .whitespaces).isEmpty else {
                problems.append(file.problem(table: "sync", key: key, "must be a non-empty string, not \(value.shown)"))
                return nil
            }
            return string
        }
        let service = text("service", required: true)
        let url = text("url", required: true)
        let user = text("user", required: true)
        let command = text("password-command", required: false)
        for key in table.keys.sorted() where !["service", "url", "user", "password-command"].contains(key) {
            let hint = key == "password" ? ": the password is never kept in this file; use password-command or BYLINE_SYNC_PASSWORD" : ""
            problems.append(file.problem(table: "sync", key: key, "unknown setting" + hint))
        }
        if let service, !services.contains(service) {
            problems.append(file.problem(table: "sync", key: "service",
                                         "\"\(service)\" is not a service Byline syncs with (\(services.joined(separator: ", ")))"))
        }
        if let url {
            let lower = url.lowercased()
            if !(lower.hasPrefix("http://") || lower.hasPrefix("https://")) {
                problems.append(file.problem(table: "sync", key: "url", "must be an http:// or https:// address"))
            }
        }
        guard problems.isEmpty, let service, let url, let user else { return (SyncSettings(), problems) }
        return (SyncSettings(service: service, url: url, user: user, passwordCommand: command), [])
    }
}
