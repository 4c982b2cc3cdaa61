import FuzzDriver
import BylineExtract
import Foundation

/// Web pages turned into stories by `extract`, `add` and full-story fetching.
runFuzzer { data, size in
    let page = Data(bytes: data, count: size)
    guard ArticleExtractor.binaryProblem(page) == nil else { return 0 }
    _ = ArticleExtractor.extract(html: page, url: URL(string: "https://news.example/story"))
    return 0
}
