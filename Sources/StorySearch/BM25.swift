import Foundation

/// Okapi BM25: how well a story matches a word, from how often the story uses it (with
/// diminishing returns), how rare the word is in the library, and the story's length.
public struct BM25: Sendable {
    public static let k1 = 1.2
    public static let b = 0.75

    public let stories: Double
    public let averageWords: Double

    public init(stories: Int, totalWords: UInt64) {
        self.stories = Double(max(stories, 1))
        averageWords = max(Double(totalWords) / self.stories, 1)
    }

    /// The weight of a word held by `holding` stories: rare words weigh more.
    public func rarity(holding: Int) -> Double {
        let n = Double(holding)
        return log(1 + (stories - n + 0.5) / (n + 0.5))
    }

    /// One word's score for a story that uses it `count` times among `words`.
    public func score(rarity: Double, count: UInt32, words: UInt32) -> Double {
        let tf = Double(count)
        return rarity * tf * (Self.k1 + 1) / (tf + Self.k1 * (1 - Self.b + Self.b * Double(words) / averageWords))
    }
}
