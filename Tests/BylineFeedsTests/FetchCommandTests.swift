import BylineCore
import Foundation
import Testing
import TestSupport

/// The built `byline` next to the test bundle (or in .build/debug), when there is one.
private let bylineBinary: URL? = {
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("byline")
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let debug = root.appendingPathComponent(".build/debug/byline")
    return [beside, debug].first { FileManager.default.isExecutableFile(atPath: $0.path) }
}()

@Suite("byline fetch, the command")
struct FetchCommandTests {
    // Skipped when the executable has not been built (e.g. `swift build --target`).
    @Test(.enabled(if: bylineBinary != nil, "the byline executable is not built"))
    func twoFetchCommandsAtOnceLeaveNoDuplicateOrDamagedFile() async throws {
        let server = try LoopbackServer()
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("byline-fetchcmd-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        var toml = ""
        for index in 1...8 {
            server.route("/feed\(index)", FetchTestFeeds.route(FetchTestFeeds.rss(title: "Feed \(index)", items: 25)))
            toml += "[[feed]]\nurl = \"\(server.url("/feed\(index)"))\"\n\n"
        }
        let config = folder.appendingPathComponent("config/byline")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try Data(toml.utf8).write(to: config.appendingPathComponent("feeds.toml"))
        let library = folder.appendingPathComponent("library")

        let runs = try (0..<2).map { _ in try start(["fetch", "--library", library.path], config: folder.appendingPathComponent("config")) }
        for run in runs { run.waitUntilExit() }

        #expect(runs.map(\.terminationStatus) == [0, 0])
        let stories = library.appendingPathComponent("fetched")
        let names = try FileManager.default.contentsOfDirectory(atPath: stories.path)
        #expect(names.count == 200)
        #expect(names.allSatisfy { $0.hasSuffix(".txt") && !$0.hasPrefix(".") })
        var titles = Set<String>()
        for name in names {
            let story = try StoryFileParser.parse(try Data(contentsOf: stories.appendingPathComponent(name))).get()
            titles.insert((story.source ?? "") + "/" + story.title)
        }
        #expect(titles.count == 200)
    }

    private func start(_ arguments: [String], config: URL) throws -> Process {
        let process = Process()
        process.executableURL = bylineBinary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_CONFIG_HOME"] = config.path
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}
