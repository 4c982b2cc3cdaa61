/// Why a sync (or `sync --check`) stopped, said in one line a reader can act on.
///
/// Never holds the password: failures are built from what the server answered and from
/// the URL, never from what was sent.
public enum SyncFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The server said the user name or password is wrong.
    case loginRefused(server: String, user: String)
    /// The user's account may not use the API.
    case apiDisabled(server: String, user: String)
    /// The server could not be reached or did not answer in time (the reason says which).
    case unreachable(server: String, reason: String)
    /// The session ended and logging in again once did not bring it back.
    case sessionExpired(server: String)
    /// The answer to `operation` was not what the API returns.
    case malformed(server: String, operation: String, reason: String)
    /// The server answered `operation` with an error code.
    case refused(server: String, operation: String, error: String)
    /// No password: neither `password-command` nor `BYLINE_SYNC_PASSWORD` gives one.
    case noPassword
    /// `password-command` failed.
    case passwordCommand(String)
    /// Sync is not configured, or the `[sync]` table is wrong.
    case notConfigured(String)
    /// The library could not be read or written; nothing was marked as sent.
    case library(String)

    public var description: String {
        switch self {
        case .loginRefused(let server, let user):
            "\(server): login refused for \(user): wrong user name or password"
        case .apiDisabled(let server, let user):
            "\(server): API access is off for \(user): turn on \"Enable API\" in the server's preferences"
        case .unreachable(let server, let reason):
            "\(server): cannot reach the server: \(reason)"
        case .sessionExpired(let server):
            "\(server): the session expired and logging in again did not restore it"
        case .malformed(let server, let operation, let reason):
            "\(server): \(operation): not a Tiny Tiny RSS API answer (\(reason))"
        case .refused(let server, let operation, let error):
            "\(server): \(operation) failed: \(error)"
        case .noPassword:
            "no password for sync: set password-command in [sync] of config.toml, or BYLINE_SYNC_PASSWORD"
        case .passwordCommand(let reason):
            "sync password-command \(reason)"
        case .notConfigured(let reason):
            reason
        case .library(let reason):
            reason
        }
    }
}
