import ArgumentParser
import BylineCore
import BylineStore
import Foundation
import TerminalKit

/// `byline search QUERY [PATH] [--json] [--limit N]`: full-text search without the screen.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search headlines, sources and story text across the library, best match first.",
        discussion: """
            Every word must appear (case and accents do not matter: cafe finds Café). Put a \
            phrase in double quotes to find its words together, end a word with * to match \
            any word it begins. Chinese, Japanese and Korean text is matched by pairs of \
            characters. The first search of a library builds its index.
            """)

    @Argument(help: "What to search for.")
    var query: String

    @Argument(help: "A folder of .txt story files (default: your library, or the seeds).")
    var path: String?

    @Option(name: .customLong("library"), help: "The library to search (the same as PATH).")
    var libraryPath: String?

    @Flag(help: "Print JSON: the total and one object per story, with its path, title, source, date and score.")
    var json = false

    @Option(help: "Print at most this many stories.")
    var limit = SearchInvocation.defaultLimit

    /// What was asked, read by the parser.
    var invocation: SearchInvocation {
        SearchInvocation(query: query, library: path ?? libraryPath, json: json, limit: limit)
    }

    func validate() throws {
        if path != nil && libraryPath != nil { throw ValidationError("give the library once: as PATH or with --library") }
        if let problem = invocation.problem { throw ValidationError(problem) }
    }

    func run() throws { try invocation.run() }
}

/// A search as `byline search` was asked for it, by the argument parser or without it.
struct SearchInvocation: PlainCommand, Equatable {
    static let defaultLimit = 20

    var query: String
    var library: String?
    var json = false
    var limit = defaultLimit

    /// `search QUERY [PATH] [--library FOLDER] [--json] [--limit N]` read without the
    /// argument parser (see `PlainArguments`); nil for any other shape or a value it would
    /// refuse, which the parser then reads and explains.
    init?(plain arguments: [String]) {
        guard arguments.first == "search",
              let plain = PlainArguments(arguments.dropFirst(), flags: ["--json"], options: ["--library", "--limit"]),
              (1...2).contains(plain.positionals.count) else { return nil }
        let library = plain.option("--library")
        if plain.positionals.count == 2 && library != nil { return nil }
        self.init(query: plain.positionals[0], library: plain.positionals.dropFirst().first ?? library, json: plain.has("--json"))
        if let limit = plain.option("--limit") {
            guard let number = Int(limit) else { return nil }
            self.limit = number
        }
        if problem != nil { return nil }
    }

    init(query: String, library: String?, json: Bool, limit: Int = defaultLimit) {
        (self.query, self.library, self.json, self.limit) = (query, library, json, limit)
    }

    /// Why the parser refuses these values, or nil.
    var problem: String? { limit > 0 ? nil : "--limit must be at least 1" }

    func run() throws {
        let choice = try LibraryChoice.choose(path: library)
        let index = try SearchIndexing.current(Library(folder: choice.folder))
        let answer = index.search(query, limit: limit)
        if json {
            try SearchIndexing.printJSON(answer.stories, total: answer.total, estimate: answer.isEstimate)
            return
        }
        SearchIndexing.printRows(answer.stories)
        let count = answer.isEstimate ? "about \(answer.total)" : "\(answer.total)"
        FileHandle.standardError.write(Data("\(count) \(answer.total == 1 ? "story matches" : "stories match").\n".utf8))
    }
}

/// `byline similar FILE [--json]`: the reader's "More on this" for one story.
struct SimilarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar", abstract: "Print the library's five stories most like a story.")

    @Argument(help: "A story file.")
    var file: String

    @Option(help: "The library to look in (default: the library holding FILE, else FILE's folder when it holds other stories, else your library).")
    var library: String?

    @Flag(help: "Print JSON: one object per story, with its path, title, source, date and score.")
    var json = false

    func run() throws { try SimilarInvocation(file: file, library: library, json: json).run() }
}

/// "More on this" as `byline similar` was asked for it, by the argument parser or without it.
struct SimilarInvocation: PlainCommand, Equatable {
    var file: String
    var library: String?
    var json = false

    /// `similar FILE [--library FOLDER] [--json]` read without the argument parser (see
    /// `PlainArguments`); nil for any other shape.
    init?(plain arguments: [String]) {
        guard arguments.first == "similar",
              let plain = PlainArguments(arguments.dropFirst(), flags: ["--json"], options: ["--library"]),
              plain.positionals.count == 1 else { return nil }
        self.init(file: plain.positionals[0], library: plain.option("--library"), json: plain.has("--json"))
    }

    init(file: String, library: String?, json: Bool) {
        (self.file, self.library, self.json) = (file, library, json)
    }

    func run() throws {
        let url = URL(fileURLWithPath: (file as NSString).expandingTildeInPath).standardizedFileURL
        let bytes: Data
        do { bytes = try Data(contentsOf: url) } catch {
            throw CommandFailure("\(file): \(FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "no such file")")
        }
        let story: Story
        switch StoryFileParser.parse(bytes) {
        case .success(let parsed): story = parsed
        case .failure(let problem): throw CommandFailure("\(file): \(problem)")
        }
        let folder = try library.map { try LibraryChoice.choose(path: $0).folder } ?? libraryToCompare(url)
        let index = try SearchIndexing.current(Library(folder: folder))
        // As the library names it, so the story itself is left out of its own list.
        let id = StoryID(Self.path(of: url, in: folder) ?? url.path)
        let similar = index.similar(to: story, id: id)
        if json {
            try SearchIndexing.printJSON(similar, total: nil, estimate: false)
        } else {
            SearchIndexing.printRows(similar)
        }
    }
}

extension SimilarInvocation {
    /// The library a story file is compared with when none is named: the nearest folder
    /// above it that has been opened as one (it has Byline's bookkeeping folder), else
    /// your library when the file is in it, else the file's own folder when it holds other
    /// story files (opened as `byline FOLDER` opens one). Else your library, saying so:
    /// comparing with a library the file is not in is not what one would guess.
    func libraryToCompare(_ file: URL) throws -> URL {
        if let holding = SearchIndexing.libraryHolding(file) { return holding }
        let own = LibraryLocation.defaultLibrary()
        if Self.path(of: file, in: own) != nil { return own }
        let folder = file.deletingLastPathComponent()
        if LibraryChoice.hasStories(folder, besides: file) { return folder }
        let choice = try LibraryChoice.choose(path: nil)
        let which = choice.isBundledSeeds ? "the bundled seeds" : "your library"
        warn("byline: \(self.file) is in no library; comparing with \(which) at \(choice.folder.path)")
        return choice.folder
    }

    /// `file`'s path inside `folder`, or nil when it is not in it. Compared as written,
    /// then with links resolved: `/tmp/lib` may be a link to where the file is.
    static func path(of file: URL, in folder: URL) -> String? {
        for (inner, outer) in [(file.standardizedFileURL, folder.standardizedFileURL),
                               (file.resolvingSymlinksInPath(), folder.resolvingSymlinksInPath())] {
            let prefix = outer.path.hasSuffix("/") ? outer.path : outer.path + "/"
            if inner.path.hasPrefix(prefix) { return String(inner.path.dropFirst(prefix.count)) }
        }
        return nil
    }
}

/// What the search commands share: bringing the index up to date with progress, and output.
enum SearchIndexing {
    static func current(_ library: Library) throws -> SearchIndex {
        let showsProgress = isatty(STDERR_FILENO) == 1
        let started = Date()
        let shown = IndexingProgress()
        do {
            let index = try SearchIndex.current(library) { done, total in
                guard showsProgress, total >= 1_000 else { return }
                shown.show("byline: indexing stories for search: \(done) of \(total)…")
            }
            shown.finish()
            if showsProgress, Date().timeIntervalSince(started) > 1 {
                FileHandle.standardError.write(Data("byline: indexed \(index.count) stories for search.\n".utf8))
            }
            return index
        } catch {
            shown.finish()
            throw CommandFailure("\(error)")
        }
    }

    /// The nearest folder above `file` that has Byline's bookkeeping folder in it.
    static func libraryHolding(_ file: URL) -> URL? {
        var folder = file.deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(LibraryLocation.bookkeepingFolderName).path) {
                return folder
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    static func printRows(_ stories: [SearchIndex.Found]) {
        var out = ""
        for story in stories {
            let date = story.published.map { String(StoryDate.format($0).prefix(10)) } ?? "          "
            let source = TextWrapper.pad(TextWrapper.truncate(VisibleText.sanitize(story.source ?? ""), width: 16), width: 16)
            out += "\(date)  \(source)  \(VisibleText.sanitize(story.title))  \(VisibleText.sanitize(story.id.path))\n"
        }
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    static func printJSON(_ stories: [SearchIndex.Found], total: Int?, estimate: Bool) throws {
        struct Row: Encodable {
            var path, title: String
            var source, published: String?
            var score: Double
        }
        struct Answer: Encodable {
            var total: Int?
            var estimate: Bool?
            var stories: [Row]
        }
        let rows = stories.map {
            Row(path: $0.id.path, title: $0.title, source: $0.source, published: $0.published.map(StoryDate.format),
                score: ($0.score * 1000).rounded() / 1000)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data = if let total {
            try encoder.encode(Answer(total: total, estimate: estimate, stories: rows))
        } else {
            try encoder.encode(rows)
        }
        FileHandle.standardOutput.write(JSONOutput.escapingInvisibles(data) + Data("\n".utf8))
    }
}

/// One line of progress on standard error, rewritten in place and at most ten times a second.
final class IndexingProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var last = Date.distantPast
    private var shown = false

    func show(_ text: String) {
        lock.withLock {
            guard Date().timeIntervalSince(last) > 0.1 else { return }
            last = Date()
            shown = true
            FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
        }
    }

    func finish() {
        lock.withLock {
            if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            shown = false
        }
    }
}
