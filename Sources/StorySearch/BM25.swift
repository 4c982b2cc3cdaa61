import Foundation

/// Okapi BM25: how well a story matches a word, from how often the story uses it (with
/// diminishing returns), how rare the word is in the library, and the story's length.
///
/// Scores are `Float`: a query adds up one per posting, and twice as many fit in the
/// cache as doubles; ranking needs no more than their seven digits.
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

    /// A story's length as the score weighs it, `k1 · (1 − b + b · words / average)`,
    /// worked out once a story (see `StoryFacts`); nil words count as the average.
    public func length(words: UInt32?) -> Float {
        let ratio = words.map { Double($0) / averageWords } ?? 1
        return Float(Self.k1 * (1 - Self.b + Self.b * ratio))
    }

    /// What a word's rarity multiplies, worked out once a word.
    public static func weight(rarity: Double) -> Float { Float(rarity * (k1 + 1)) }

    /// One word's score for a story that uses it `count` times, of `length` (see above).
    @inline(__always)
    public static func score(weight: Float, count: UInt32, length: Float) -> Float {
        let tf = Float(count)
        return weight * tf / (tf + length)
    }

    /// One word's score for a story that uses it `count` times among `words`.
    public func score(rarity: Double, count: UInt32, words: UInt32) -> Double {
        Double(Self.score(weight: Self.weight(rarity: rarity), count: count, length: length(words: words)))
    }
}
