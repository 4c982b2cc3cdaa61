import FuzzDriver
import FeedParsing
import Foundation

/// RSS, RDF and Atom documents as a server might send them.
runFuzzer { data, size in
    let document = Data(bytes: data, count: size)
    _ = FeedParser.parse(document, url: URL(string: "https://feed.example/rss"), contentType: "application/xml")
    return 0
}
