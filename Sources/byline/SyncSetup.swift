import BylineConfig
import BylineSync
import Foundation

/// Sync as config.toml sets it up: the `[sync]` table, with the password from its
/// `password-command` or `BYLINE_SYNC_PASSWORD`.
enum SyncSetup {
    /// The configured account, nil when sync is off. Problems in `[sync]` (which turn it
    /// off) are thrown as one line each, so `byline sync` says what to fix.
    static func account(_ configuration: Configuration = ConfigLoading.load()) throws -> SyncAccount? {
        let problems = configuration.problems.filter { $0.key?.hasPrefix("sync") ?? false }
        if let problem = problems.first { throw CommandFailure(problem.description) }
        let settings = configuration.sync
        guard settings.isOn else { return nil }
        return SyncAccount(service: settings.service, url: settings.url, user: settings.user,
                           password: PasswordSource(command: settings.passwordCommand))
    }

    /// The configured account, or a failure saying how to set one up.
    static func requiredAccount() throws -> SyncAccount {
        guard let account = try account() else {
            throw CommandFailure("sync is not set up: add a [sync] table to \(ConfigLoading.standardFile().path) "
                + "(service = \"ttrss\", url, user, password-command)")
        }
        return account
    }

    /// A connection to the server; a failure (no password …) as one line.
    static func connect(_ account: SyncAccount) throws -> SyncConnection {
        do { return try SyncConnection(account: account) } catch { throw CommandFailure(error.description) }
    }
}
