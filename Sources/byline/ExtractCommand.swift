import ArgumentParser
import BylineCore
import BylineExtract
import BylineFeeds
import Foundation
import TerminalKit

/// `byline extract FILE|URL [--url URL] [--text]`: the readable story of a web page.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print the story extracted from a web page, as a story file or as plain text.")

    @Argument(help: "An HTML file, `-` for standard input, or an http(s) URL to fetch.")
    var source: String

    @Option(help: "The page's address, for resolving its links (default: the URL fetched).")
    var url: String?

    @Flag(help: "Print only the body text, paragraphs separated by blank lines.")
    var text = false

    @Option(help: "Seconds to wait for a page to download.")
    var timeout: Double = 30

    /// Benchmarks extract many saved pages in one process, so process start-up is not timed:
    /// SOURCE lists one `PATH<TAB>URL` per line; each result is followed by a NUL byte.
    @Flag(help: .hidden)
    var batch = false

    func run() throws {
        do {
            if batch { return try runBatch() }
            var page = try load()
            if let pageURL = url.flatMap(URL.init(string:)) { page.url = pageURL }
            switch StoryPage.story(from: page) {
            case .success(let story): FileHandle.standardOutput.write(Data(render(story).utf8))
            case .failure(let problem): throw SourceProblem(source: source, reason: problem.description)
            }
        } catch let problem as SourceProblem {
            FileHandle.standardError.write(Data("byline: \(printable(problem.description))\n".utf8))
            throw ExitCode.failure
        }
    }

    private func runBatch() throws {
        let list: String
        do {
            list = try String(contentsOfFile: source, encoding: .utf8)
        } catch {
            throw SourceProblem(source: source, reason: "cannot be read")
        }
        var failed = false
        for line in list.split(separator: "\n") where !line.isEmpty {
            let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
            let pageURL = fields.count > 1 ? URL(string: fields[1]) : nil
            var output = ""
            if let data = FileManager.default.contents(atPath: fields[0]) {
                // A page with no story prints as nothing: its text is empty, not an error of the run.
                if case .success(let story) = StoryPage.story(from: WebPage(data: data, url: pageURL)) { output = render(story) }
            } else {
                FileHandle.standardError.write(Data("byline: \(printable(fields[0])): cannot be read\n".utf8))
                failed = true
            }
            FileHandle.standardOutput.write(Data(output.utf8) + Data([0]))
        }
        if failed { throw ExitCode.failure }
    }

    /// The story file, or with `--text` the body alone, safe to print on a terminal.
    ///
    /// Through `VisibleText` as well: the extractor cleaned the text, but the printed file
    /// holds the page's URL and headers too, and the terminal is the last line of defence.
    private func render(_ story: Story) -> String {
        let output = text ? HTMLStoryText.plainText(story.body) + "\n" : StoryFileWriter.write(story)
        return VisibleText.sanitize(output, keepingNewlines: true)
    }

    private func load() throws -> WebPage {
        let lower = source.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            return try fetch()
        }
        if source == "-" {
            return WebPage(data: FileHandle.standardInput.readDataToEndOfFile(), url: nil)
        }
        do {
            return WebPage(data: try Data(contentsOf: URL(fileURLWithPath: source)), url: nil)
        } catch {
            // `example.org/page`, not a file here: the web page, as a browser would read it.
            if !FileManager.default.fileExists(atPath: source), let host = source.split(separator: "/").first,
               host.contains("."), !source.hasPrefix("."), !source.hasPrefix("/") {
                let (_, result) = SchemelessAddress.first(source) { address in
                    Result { try fetch(address) }.mapError { $0 as? SourceProblem ?? SourceProblem(source: address, reason: "\($0)") }
                }
                return try result.get()
            }
            throw SourceProblem(source: source, reason: FileTrouble.reason(error, path: source))
        }
    }

    /// Downloads with the feeds' HTTP client (deadline, size limit, redirect checks, failure
    /// reasons a reader can act on), waiting here: one page is all there is to wait for.
    private func fetch(_ address: String? = nil) throws -> WebPage {
        let limits = FetchLimits(timeout: timeout), address = address ?? source
        let result = waitFor {
            let client = HTTPClient(limits: limits, connectionsPerHost: 1)
            defer { client.close() }
            return await PageFetch(client: client).page(at: address)
        }
        switch result {
        case .failure(let problem): throw SourceProblem(source: address, reason: problem.description)
        case .success(let page): return page
        }
    }
}

/// A page that could not be read or gave no story, named with the reason.
struct SourceProblem: Error, CustomStringConvertible {
    let source: String
    let reason: String
    var description: String { "\(source): \(reason)" }
}
