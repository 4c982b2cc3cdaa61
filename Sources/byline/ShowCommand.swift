import ArgumentParser
import BylineCore
import BylineStore
import BylineUI
import Foundation
import TerminalKit

/// `byline show STORY-FILE`: one story as wrapped text, as the reader lays it out.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print one story as wrapped text.")

    @Argument(help: "A story file, or a story's path inside the library as `byline list --json` and `--paths` print it.")
    var file: String

    @Option(help: "The library a story path is relative to (default: your library, or the seeds).")
    var library: String?

    @Option(help: "Wrap to this many columns (default: the terminal's width, or 80).")
    var width: Int?

    func run() throws {
        let url = try locate()
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            throw CommandFailure("\(file): is a folder, not a file")
        }
        let story: Story
        switch StoryFileAtPath.read(url.path) {
        case .success(let parsed): story = parsed
        case .failure(let problem): throw CommandFailure("\(file): \(problem)")
        }
        let columns = max(20, width ?? TerminalWidth.current ?? 80)
        let page = ReaderPage.layout(story, width: columns, theme: .standard, selectedLink: nil, timeZone: .current)
        var out = ""
        for line in page.lines {
            // The page's text is already sanitised; sanitising again costs little and
            // keeps this output safe whatever changes upstream.
            out += VisibleText.sanitize(line.map(\.text).joined()) + "\n"
        }
        // On paper there is no Tab to follow a link: say where each number goes.
        let targets = page.links.filter { $0.target.url != nil }
        if !targets.isEmpty {
            out += "\nLinks:\n"
            for link in targets {
                out += VisibleText.sanitize("[\(link.number)] \(link.target.url ?? "")") + "\n"
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    /// The file named, or else the story of that path in the library (what `list` prints
    /// as a story's path).
    private func locate() throws -> URL {
        let url = URL(fileURLWithPath: (file as NSString).expandingTildeInPath)
        if FileManager.default.fileExists(atPath: url.path) || file.hasPrefix("/") || file.hasPrefix("~") { return url }
        let choice = try LibraryChoice.choose(path: library)
        let inLibrary = choice.folder.appendingPathComponent(file)
        return FileManager.default.fileExists(atPath: inLibrary.path) ? inLibrary : url
    }
}
