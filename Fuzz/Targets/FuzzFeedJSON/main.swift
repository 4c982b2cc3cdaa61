import FuzzDriver
import FeedParsing
import Foundation

/// JSON Feed documents as a server might send them.
runFuzzer { data, size in
    let document = Data(bytes: data, count: size)
    _ = FeedParser.parse(document, url: URL(string: "https://feed.example/feed.json"), contentType: "application/feed+json")
    return 0
}
