import ArgumentParser
import BylineCore
import BylineExtract
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

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
            let pageURL = url.flatMap(URL.init(string:)) ?? page.url
            let article = ArticleExtractor.extract(html: page.data, url: pageURL, contentType: page.contentType)
            FileHandle.standardOutput.write(Data(render(article, url: pageURL).utf8))
        } catch let problem as PageProblem {
            FileHandle.standardError.write(Data("byline: \(StoryText.removingControls(problem.description))\n".utf8))
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
                FileHandle.standardError.write(Data("byline: \(StoryText.removingControls(fields[0])): cannot be read\n".utf8))
                failed = true
            }
            FileHandle.standardOutput.write(Data(output.utf8) + Data([0]))
        }
        if failed { throw ExitCode.failure }
    }

    /// The story file, or with `--text` the body alone, safe to print on a terminal.
    private func render(_ article: ExtractedArticle, url: URL?) -> String {
        let output = text ? article.text + "\n" : StoryFileWriter.write(article.story(url: url))
        return StoryText.removingControls(output)
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

    /// Downloads synchronously: the root command is synchronous, and one page is all there is to wait for.
    private func fetch(_ address: URL) throws -> (data: Data, url: URL?, contentType: String?) {
        var request = URLRequest(url: address, timeoutInterval: timeout)
        request.setValue("Byline/\(Byline.version) (terminal newsreader)", forHTTPHeaderField: "User-Agent")
        request.setValue("text/html,application/xhtml+xml", forHTTPHeaderField: "Accept")
        let download = Download()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            download.finish(data: data, response: response, error: error)
            done.signal()
        }.resume()
        done.wait()
        let (data, response, error) = download.result
        if let error { throw PageProblem(source: source, reason: error.localizedDescription) }
        guard let data, let response else { throw PageProblem(source: source, reason: "no response") }
        if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
            throw PageProblem(source: source, reason: "HTTP \(http.statusCode)")
        }
        let contentType = (response as? HTTPURLResponse)?.value(forHTTPHeaderField: "Content-Type")
        return (data, response.url ?? address, contentType)
    }
}

/// A page that could not be read, named with the reason.
struct PageProblem: Error, CustomStringConvertible {
    let source: String
    let reason: String
    var description: String { "\(source): \(reason)" }
}

/// The outcome of one download, handed from URLSession's queue to the waiting command.
private final class Download: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    private var response: URLResponse?
    private var error: Error?

    func finish(data: Data?, response: URLResponse?, error: Error?) {
        lock.lock()
        defer { lock.unlock() }
        (self.data, self.response, self.error) = (data, response, error)
    }

    var result: (Data?, URLResponse?, Error?) {
        lock.lock()
        defer { lock.unlock() }
        return (data, response, error)
    }
}
