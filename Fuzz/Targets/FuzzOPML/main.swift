import FuzzDriver
import FeedParsing

/// OPML files a reader imports from another newsreader.
runFuzzer { data, size in
    _ = try? OPMLReader.subscriptions(in: Array(UnsafeBufferPointer(start: data, count: size)), name: "fuzz.opml")
    return 0
}
