/// The word of a list closest to a mistyped one, for "did you mean …?".
///
/// Closeness is the edit distance (insertions, deletions, substitutions, and swapping two
/// neighbours, the commonest typo: `fecth`); a word too far from all of them has no match,
/// so a guess is only offered when it is likely right.
public enum NearestWord {
    public static func to(_ typed: String, among words: [String]) -> String? {
        let typed = typed.lowercased()
        var best: (word: String, distance: Int)?
        for word in words {
            let distance = Self.distance(Array(typed), Array(word.lowercased()))
            if distance < (best?.distance ?? Int.max) { best = (word, distance) }
        }
        guard let best else { return nil }
        // One slip in a short word, two in a longer one; more is a different word.
        let allowed = max(1, min(3, typed.count / 3))
        return best.distance <= allowed ? best.word : nil
    }

    /// Optimal string alignment distance.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, table[i - 2][j - 2] + 1)
                }
                table[i][j] = value
            }
        }
        return table[a.count][b.count]
    }
}
