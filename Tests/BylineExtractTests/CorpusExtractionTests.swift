import Foundation
import Testing
@testable import BylineExtract

/// The development half of the article-extraction corpus, read in place (never copied).
enum ExtractionCorpus {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/corpora/article-extraction/dev").standardizedFileURL

    static var isPresent: Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("ground-truth.json").path)
    }

    /// Page id → URL, from the corpus's ground truth.
    static func pages() throws -> [(id: String, url: String)] {
        let data = try Data(contentsOf: folder.appendingPathComponent("ground-truth.json"))
        let truth = try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]] ?? [:]
        return truth.keys.sorted().map { ($0, truth[$0]?["url"] as? String ?? "") }
    }

    /// A page's HTML, decompressed by the system's gzip.
    static func html(_ id: String) throws -> Data {
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-dc", folder.appendingPathComponent("html/\(id).html.gz").path]
        let pipe = Pipe()
        gzip.standardOutput = pipe
        try gzip.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        gzip.waitUntilExit()
        return data
    }
}

@Suite struct CorpusExtractionTests {
    // The corpus lives beside the project in shared/; without it there is nothing to run.
    @Test(.enabled(if: ExtractionCorpus.isPresent, "the article-extraction corpus is not at ../shared/corpora"))
    func everyCorpusPageGivesATitledNonEmptyStory() throws {
        let pages = try ExtractionCorpus.pages()
        #expect(pages.count > 50)
        for page in pages {
            let article = ArticleExtractor.extract(html: try ExtractionCorpus.html(page.id), url: URL(string: page.url))
            #expect(article.text.count > 200, "page \(page.id) gave too little text")
            #expect(article.title?.isEmpty == false, "page \(page.id) has no title")
        }
    }
}
