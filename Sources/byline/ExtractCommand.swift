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
            let page = try load()
            if let problem = ArticleExtractor.binaryProblem(page.data) { throw PageProblem(source: source, reason: problem) }
            let pageURL = url.flatMap(URL.init(string:)) ?? page.url
            let article = ArticleExtractor.extract(html: page.data, url: pageURL, contentType: page.contentType)
            FileHandle.standardOutput.write(Data(render(article, url: pageURL).utf8))
        } catch let problem as PageProblem {
            FileHandle.standardError.write(Data("byline: \(printable(problem.description))\n".utf8))
            throw ExitCode.failure
        }
    }

    private func runBatch() throws {
        let list: String
        do {
            list = try String(contentsOfFile: source, encoding: .utf8)
        } catch {
            throw PageProblem(source: source, reason: "cannot be read")
        }
        var failed = false
        for line in list.split(separator: "\n") where !line.isEmpty {
            let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
            let pageURL = fields.count > 1 ? URL(string: fields[1]) : nil
            var output = ""
            if let data = FileManager.default.contents(atPath: fields[0]) {
                output = render(ArticleExtractor.extract(html: data, url: pageURL), url: pageURL)
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
    private func render(_ article: ExtractedArticle, url: URL?) -> String {
        let output = text ? article.text + "\n" : StoryFileWriter.write(article.story(url: url))
        return VisibleText.sanitize(output, keepingNewlines: true)
    }

    private func load() throws -> (data: Data, url: URL?, contentType: String?) {
        let lower = source.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            guard let address = URL(string: source) else { throw PageProblem(source: source, reason: "not a valid URL") }
            return try fetch(address)
        }
        if source == "-" {
            return (FileHandle.standardInput.readDataToEndOfFile(), nil, nil)
        }
        do {
            return (try Data(contentsOf: URL(fileURLWithPath: source)), nil, nil)
        } catch {
            let reason = FileManager.default.fileExists(atPath: source) ? "cannot be read" : "no such file"
            throw PageProblem(source: source, reason: reason)
        }
    }

    /// Downloads with the feeds' HTTP client (deadline, size limit, redirect checks, failure
    /// reasons a reader can act on), waiting here: one page is all there is to wait for.
    private func fetch(_ address: URL) throws -> (data: Data, url: URL?, contentType: String?) {
        let limits = FetchLimits(timeout: timeout)
        let result = waitFor {
            let client = HTTPClient(limits: limits, connectionsPerHost: 1)
            defer { client.close() }
            return await client.get(address, accept: "text/html,application/xhtml+xml")
        }
        switch result {
        case .failure(let failure):
            throw PageProblem(source: source, reason: failure.description)
        case .success(let response):
            return (response.body, response.finalURL, response.contentType)
        }
    }
}

/// A page that could not be read, named with the reason.
struct PageProblem: Error, CustomStringConvertible {
    let source: String
    let reason: String
    var description: String { "\(source): \(reason)" }
}
