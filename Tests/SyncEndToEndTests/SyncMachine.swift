import BylineCore
import BylineStore
import Foundation
import Testing
import TestSupport

/// One "machine": its own config, data and state folders (XDG), a config.toml whose
/// `[sync]` points at the test server, and the password in a file read by
/// `password-command`, as `pass` would print it.
struct SyncMachine {
    let home: ScratchFolder
    let server: SyncServer

    static let binary = BuildProducts.executable(named: "byline")

    init(_ name: String, server: SyncServer) throws {
        self.server = server
        home = try ScratchFolder(prefix: "sync-\(name)")
        try home.write("secret", text: server.password + "\n")
        try home.write("config/byline/config.toml", text: """
        [sync]
        service = "ttrss"
        url = "\(server.url)"
        user = "admin"
        password-command = "cat '\(home.path)/secret'"

        """)
    }

    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = home.path + "/config"
        environment["XDG_DATA_HOME"] = home.path + "/data"
        environment["XDG_STATE_HOME"] = home.path + "/state"
        environment["BYLINE_SYNC_PASSWORD"] = nil
        return environment
    }

    var library: Library {
        let folder = home.url.appendingPathComponent("data/byline/library")
        return Library(folder: folder, stateFolder: folder.appendingPathComponent(".byline"))
    }

    @discardableResult
    func byline(_ arguments: String...) async throws -> ProgramOutput {
        guard let binary = Self.binary else { throw MachineFailure("byline is not built") }
        return try await runProgram(binary, arguments, environment: environment, timeout: .seconds(300))
    }

    /// `byline sync`, which must succeed.
    func sync(_ comment: Comment? = nil) async throws {
        let run = try await byline("sync")
        #expect(run.status == 0, "byline sync failed: \(run.standardError)")
    }

    /// The library's story with `title`.
    func story(_ title: String) throws -> StoryID {
        let entries = try library.load().entries
        guard let entry = entries.first(where: { $0.title == title }) else {
            throw MachineFailure("no story \"\(title)\" among \(entries.count)")
        }
        return entry.id
    }

    /// Marks as the reader's `u` and `s` do: through the library's reading state.
    func mark(_ change: ReadingChange) throws {
        try library.readingState.apply(change)
    }

    var marks: ReadingMarks { (try? library.readingState.load().marks) ?? ReadingMarks() }

    func isRead(_ title: String) throws -> Bool { marks.read.contains(try story(title)) }
    func isStarred(_ title: String) throws -> Bool { marks.starred.contains(try story(title)) }

    /// Every file the machine's Byline wrote, as text, to look for the password in.
    func writtenFiles() -> [(path: String, text: String)] {
        let walker = FileManager.default.enumerator(atPath: home.path)
        var files: [(String, String)] = []
        while let name = walker?.nextObject() as? String {
            let path = home.path + "/" + name
            guard name != "secret", let data = FileManager.default.contents(atPath: path) else { continue }
            files.append((path, String(decoding: data, as: UTF8.self)))
        }
        return files
    }
}

struct MachineFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
