import ArgumentParser
import BylineCore
import BylineStore
import Foundation
import TerminalKit

/// `byline list [PATH] [--json]`: the headlines, without the screen.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Print the library's headlines, newest first.")

    @Argument(help: "A folder of .txt story files (default: your library, or the seeds).")
    var path: String?

    @Flag(help: "Print JSON: one object per story, with its path, title, source, date, URL and read/starred state.")
    var json = false

    @Flag(help: "Print each story's file path, one a line (for `byline show`, scripts and editors).")
    var paths = false

    func run() throws {
        let choice = try LibraryChoice.choose(path: path)
        let library = Library(folder: choice.folder)
        let contents: LibraryContents
        do { contents = try library.load() } catch { throw CommandFailure("\(error)") }
        // Read-only: a damaged reading state is reported, and left for a writer to set aside.
        let loaded = try? library.readingState.load()
        let marks = loaded?.marks ?? ReadingMarks()
        if let problem = loaded?.problem {
            FileHandle.standardError.write(Data("byline: \(VisibleText.sanitize(problem))\n".utf8))
        }
        for problem in contents.problems {
            FileHandle.standardError.write(Data("byline: skipped \(VisibleText.sanitize(problem.message))\n".utf8))
        }
        if contents.entries.isEmpty && !json {
            // An empty list looks like a hang or a bug; say what was looked at.
            warn("byline: \(choice.folder.path): no stories here (story files are .txt files in this folder or below)")
            return
        }
        if paths {
            let out = contents.entries.map { choice.folder.appendingPathComponent($0.id.path).path }
            FileHandle.standardOutput.write(Data(out.map { printable($0) + "\n" }.joined().utf8))
        } else if json {
            try printJSON(contents.entries, marks: marks)
        } else {
            var out = ""
            for entry in contents.entries {
                let date = entry.publishedDate.map { Self.day.string(from: $0) } ?? "          "
                let marker = marks.read.contains(entry.id) ? " " : "●"
                let source = TextWrapper.pad(TextWrapper.truncate(VisibleText.sanitize(entry.source ?? ""), width: 16), width: 16)
                out += "\(marker) \(date)  \(source)  \(VisibleText.sanitize(entry.title))\n"
            }
            FileHandle.standardOutput.write(Data(out.utf8))
        }
    }

    private func printJSON(_ entries: [LibraryEntry], marks: ReadingMarks) throws {
        struct Row: Encodable {
            var path, title: String
            var kicker, source, author, published, url: String?
            var read, starred: Bool
        }
        let rows = entries.map { entry in
            Row(path: entry.id.path, title: entry.title, kicker: entry.kicker, source: entry.source, author: entry.author,
                published: entry.publishedDate.map(StoryDate.format), url: entry.url,
                read: marks.read.contains(entry.id), starred: marks.starred.contains(entry.id))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(rows), as: UTF8.self)
        FileHandle.standardOutput.write(Data((Self.escapingInvisibles(json) + "\n").utf8))
    }

    /// JSONEncoder escapes only characters below U+0020; DEL, the C1 controls (U+009B is
    /// an 8-bit CSI) and bidi overrides would still reach a terminal showing the output
    /// raw. They can stand only inside strings, so each becomes `\uXXXX` there, which
    /// every JSON reader decodes back to the same text.
    static func escapingInvisibles(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: needsEscape) else { return json }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            guard needsEscape(scalar) else {
                out.append(scalar)
                continue
            }
            let hex = String(scalar.value, radix: 16, uppercase: true)
            for escaped in ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars { out.append(escaped) }
        }
        return String(out)
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    private static let day: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter
    }()
}
