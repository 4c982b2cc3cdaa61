/// How many terminal cells text occupies.
///
/// Layout measures in cells, never in `String.count`: a CJK ideograph or an emoji takes two
/// cells, a combining accent none. An emoji grapheme cluster (a Swift `Character`) is as
/// wide as its first scalar that has a width of its own, so a ZWJ family or a flag is 2, and
/// a variation selector 16 (emoji presentation) makes a narrow symbol 2. Other clusters
/// add up their scalars: "e\u{301}" is 1, and a Devanagari conjunct with a spacing vowel
/// sign such as "क्षि" is 3, matching terminals that measure each code point.
/// Control characters count 0; they are removed by `VisibleText.sanitize` before drawing.
public enum DisplayWidth {
    /// The number of cells one grapheme cluster occupies (usually 0, 1 or 2).
    public static func of(_ c: Character) -> Int {
        if let ascii = c.asciiValue {
            return ascii >= 0x20 && ascii < 0x7F ? 1 : 0
        }
        var first = 0
        var sum = 0
        var joined = false
        for scalar in c.unicodeScalars {
            let width = of(scalar)
            // VS16 asks for emoji presentation, and a wide scalar after the first (a skin
            // tone after ☝) makes an emoji sequence: either way the cluster is two cells.
            if scalar.value == 0xFE0F || (width == 2 && first != 0) { return 2 }
            if scalar.value == 0x200D { joined = true }
            if first == 0 { first = width }
            sum += width
        }
        // Emoji sequences draw as their first symbol. Other clusters, such as an Indic
        // conjunct or a letter with a spacing vowel sign, take the sum of their scalars'
        // widths, as terminals measuring with wcwidth draw them.
        return first == 2 || joined ? first : sum
    }

    /// The number of cells a string occupies.
    public static func of(_ s: some StringProtocol) -> Int {
        measure(Substring(s))
    }

    /// The number of cells a string occupies (a concrete overload: generic code called
    /// across modules is not specialised, which made long strings several times slower).
    public static func of(_ s: String) -> Int {
        measure(Substring(s))
    }

    /// The number of cells a substring occupies.
    public static func of(_ s: Substring) -> Int {
        measure(s)
    }

    private static func measure(_ s: Substring) -> Int {
        var allPrintableASCII = true
        for byte in s.utf8 where byte < 0x20 || byte >= 0x7F {
            allPrintableASCII = false
            break
        }
        if allPrintableASCII { return s.utf8.count }
        var total = 0
        for c in s { total += of(c) }
        return total
    }

    /// The number of cells one scalar occupies on its own, outside any cluster.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v >= 0x20 ? 1 : 0 }
        if v < 0xA0 { return 0 }  // DEL and the C1 controls
        if v < 0x300 { return 1 }  // Latin-1 and Latin Extended: no marks, nothing wide
        if contains(zeroWidthRanges, v) { return 0 }
        if v >= 0x1100 && contains(wideRanges, v) { return 2 }
        return 1
    }

    /// Whether a sorted range table holds `value`, by binary search.
    private static func contains(_ table: [(UInt32, UInt32)], _ value: UInt32) -> Bool {
        var low = 0
        var high = table.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let (first, last) = table[mid]
            if value < first {
                high = mid - 1
            } else if value > last {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }
}
