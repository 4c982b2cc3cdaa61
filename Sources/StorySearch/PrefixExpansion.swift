/// Which words a prefix stands for, in the order their scores are added: the rule both a
/// query and the writer of a segment's quick prefixes (`QuickPrefixes`) follow, so a
/// prefix's stored best stories are those the query would rank.
enum PrefixExpansion {
    /// The terms of `range` (the terms beginning with the prefix, in term order) that
    /// count: all of them when they are few, else the `SearchLibrary.prefixWords` most
    /// stories hold (commonest first, term order among equals, so the cap always keeps the
    /// same words), plus the prefix itself when it is a term (`firstIsPrefix`): typed
    /// whole, the word always counts. Terms sort shortest first, so it begins the range.
    static func terms(_ range: Range<Int>, firstIsPrefix: Bool, holding: (Int) -> Int) -> [Int] {
        guard range.count > SearchLibrary.prefixWords else { return Array(range) }
        // Each term's count is read once: a short prefix stands for thousands.
        let held = range.map { (holding: holding($0), term: $0) }
            .sorted { $0.holding != $1.holding ? $0.holding > $1.holding : $0.term < $1.term }
        var terms = held.prefix(SearchLibrary.prefixWords).map(\.term)
        if firstIsPrefix, !terms.contains(range.lowerBound) { terms.append(range.lowerBound) }
        return terms
    }
}
