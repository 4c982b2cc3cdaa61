import ArgumentParser
import BylineFeeds
import BylineStore
import BylineSync
import Foundation

/// `byline sync [--check]`: syncs the library with the feed server in config.toml's `[sync]`.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Sync feeds, stories and read/starred marks with your feed server (Tiny Tiny RSS).",
        discussion: """
        Set up in ~/.config/byline/config.toml:
          [sync]
          service = "ttrss"
          url = "https://rss.example.org/tt-rss/"
          user = "you"
          password-command = "pass show rss.example.org"
        The password comes from password-command (its first line) or BYLINE_SYNC_PASSWORD; Byline never stores it.
        """)

    @Flag(help: "Only log in and say what the server is and how many feeds it has.")
    var check = false

    @OptionGroup var places: FeedPlaces

    func run() throws {
        let connection = try SyncSetup.connect(try SyncSetup.requiredAccount())
        defer { connection.close() }
        if check {
            switch waitFor({ await connection.check() }) {
            case .success(let line): print(printable(line))
            case .failure(let failure): throw CommandFailure(failure.description)
            }
            return
        }
        let engine = connection.engine(library: Library(folder: places.libraryFolder), subscriptionsFile: places.subscriptionsFile)
        let onTerminal = isatty(STDOUT_FILENO) == 1
        let result = waitFor {
            await engine.run { progress in
                if onTerminal { FileHandle.standardOutput.write(Data("\r\u{1B}[K\(progress.line)".utf8)) }
            }
        }
        if onTerminal { FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8)) }
        switch result {
        case .success(let report):
            for failure in report.pageFailures { warn("byline: " + failure.line) }
            print(printable(report.summary))
        case .failure(let failure):
            throw CommandFailure(failure.description)
        }
    }
}
