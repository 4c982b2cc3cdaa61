import Foundation

/// Where the sync password comes from. Byline never stores it: it is read when a sync
/// starts, kept in memory for the login, and sent only in the login request's body.
public struct PasswordSource: Sendable {
    /// `password-command` from config.toml: run by `/bin/sh -c`, its first line is the password.
    public var command: String?
    /// The environment, for `BYLINE_SYNC_PASSWORD`.
    public var environment: [String: String]
    /// Whether the command's error output reaches the terminal (not while the reader draws).
    public var showsErrors = true

    public static let variable = "BYLINE_SYNC_PASSWORD"

    public init(command: String?, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.command = command
        self.environment = environment
    }

    /// The password: `BYLINE_SYNC_PASSWORD` when set (a one-off override), else the first
    /// line `password-command` prints.
    public func password() throws(SyncFailure) -> String {
        if let value = environment[Self.variable], !value.isEmpty { return value }
        guard let command, !command.trimmingCharacters(in: .whitespaces).isEmpty else { throw .noPassword }
        return try run(command)
    }

    /// Runs the command with the password going to a pipe, never to a file or the terminal;
    /// its error output goes to the terminal as is (`pass` asking for a passphrase).
    private func run(_ command: String) throws(SyncFailure) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        if !showsErrors { process.standardError = FileHandle.nullDevice }
        do { try process.run() } catch {
            throw .passwordCommand("could not start: \(error.localizedDescription)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw .passwordCommand("failed with exit status \(process.terminationStatus)")
        }
        let firstLine = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).first
            .map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\r")) } ?? ""
        guard !firstLine.isEmpty else { throw .passwordCommand("printed no password") }
        return firstLine
    }
}
