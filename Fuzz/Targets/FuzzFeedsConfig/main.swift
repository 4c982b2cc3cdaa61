import FuzzDriver
import BylineFeeds

/// feeds.toml, the reader's list of subscriptions, edited by hand and by `byline feeds`.
runFuzzer { data, size in
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? SubscriptionsTOML.parse(text, name: "feeds.toml")
    return 0
}
