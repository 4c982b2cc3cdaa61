import Foundation
import TestSupport

/// How the end-to-end tests start the built `byline`: which binary, in which
/// environment, and where the repository's own files are.
enum Reader {
    /// The `byline` that `swift test` built, next to the test bundle.
    static let binary: URL? = BuildProducts.executable(named: "byline")

    /// Whether the reader can be driven in a terminal here.
    static let canRunInTmux = binary != nil && TmuxSession.tmuxProgram != nil

    /// The package root, two folders above this file (Tests/EndToEndTests/).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The bundled sample library.
    static let seeds = packageRoot.appendingPathComponent("seeds")

    /// The bundled seed story's file.
    static var seedStory: URL {
        get throws {
            let names = try FileManager.default.contentsOfDirectory(atPath: seeds.path)
            guard let name = names.sorted().first(where: { $0.hasSuffix(".txt") }) else {
                throw TmuxFailure("no seed story in \(seeds.path)")
            }
            return seeds.appendingPathComponent(name)
        }
    }

    /// A copy of the bundled seeds (their story files, not the bookkeeping of earlier
    /// runs) in `folder`, for a test that opens them: the reader keeps its read marks and
    /// index beside a library, and the repository's seeds/ must stay as shipped.
    static func seedsCopy(in folder: ScratchFolder) throws -> URL {
        let copy = folder.url.appendingPathComponent("seeds")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: seeds.path) where name.hasSuffix(".txt") {
            try FileManager.default.copyItem(at: seeds.appendingPathComponent(name), to: copy.appendingPathComponent(name))
        }
        return copy
    }

    /// The command that runs `byline ARGUMENTS` in a UTF-8 256-colour terminal, with its
    /// data, state and config folders inside `home` so the user's own never leak in.
    static func command(_ arguments: [String], home: ScratchFolder, noColor: Bool = false) throws -> [String] {
        guard let binary else { throw TmuxFailure("byline is not built") }
        return ["env"] + environment(home: home, noColor: noColor).map { "\($0.key)=\($0.value)" }.sorted()
            + [binary.path] + arguments
    }

    /// A browser that only notes each address it is given, one a line, in `opened`.
    static func noteBrowser(in home: ScratchFolder) throws -> (browser: URL, opened: URL) {
        let opened = home.url.appendingPathComponent("opened.txt")
        let browser = home.url.appendingPathComponent("note-browser")
        try "#!/bin/sh\necho \"$1\" >> \(opened.path)\n".write(to: browser, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: browser.path)
        return (browser, opened)
    }

    /// The variables that isolate a run: locale, terminal, and the XDG folders.
    static func environment(home: ScratchFolder, noColor: Bool = false) -> [String: String] {
        var environment = [
            "LANG": "C.UTF-8",
            "TERM": "tmux-256color",
            "HOME": home.path,
            "XDG_DATA_HOME": home.url.appendingPathComponent("data").path,
            "XDG_STATE_HOME": home.url.appendingPathComponent("state").path,
            "XDG_CONFIG_HOME": home.url.appendingPathComponent("config").path,
        ]
        if noColor { environment["NO_COLOR"] = "1" }
        return environment
    }
}

/// What the reading pane (right of the list's `│` border) shows, row by row.
func readerPane(_ rows: [String]) -> [String] {
    rows.dropFirst().dropLast().compactMap { row in
        guard let border = row.firstIndex(of: "│") else { return nil }
        return String(row[row.index(after: border)...]).trimmingCharacters(in: .whitespaces)
    }
}

/// Rows joined into one line of words, so text wrapped over several rows can be matched.
func joinedText(_ rows: [String]) -> String {
    rows.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
}

/// The list pane's rows (left of the border), below the header.
func listPane(_ rows: [String]) -> [String] {
    rows.dropFirst().dropLast().map { row in
        guard let border = row.firstIndex(of: "│") else { return row }
        return String(row[..<border])
    }
}

extension TmuxSession {
    /// Waits until the reading pane holds `phrase`, however the pane wraps it; returns
    /// that screen.
    @discardableResult
    func waitForReading(_ phrase: String, timeout: Duration = .seconds(15)) async throws -> [String] {
        try await waitUntil("“\(phrase)” in the reading pane", timeout: timeout) { rows in
            joinedText(readerPane(rows)).contains(phrase)
        }
    }
}
