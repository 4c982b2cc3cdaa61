/// A story title reduced to what identifies it: letters and digits in lower case, words
/// separated by single spaces.
///
/// Case, punctuation and quote style differ between a `READ MORE` line and the headline it
/// names ("Iran’s" against "Iran's"), so links resolve by this key, not the raw title.
public struct TitleKey: Hashable, Sendable {
    public let value: String

    public init(_ title: String) {
        var out = ""
        out.reserveCapacity(title.utf8.count)
        var pendingSpace = false
        for scalar in title.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else if scalar.properties.isWhitespace || Self.separators.contains(scalar) {
                pendingSpace = true
            }
            // Other punctuation (quotes, apostrophes, commas) vanishes without splitting
            // the word, so "Iran’s" and "Irans" agree.
        }
        value = out
    }

    /// Punctuation that separates words rather than joining them.
    private static let separators: Set<Unicode.Scalar> = ["-", "–", "—", "/", "|", "_", "…"]

    public var isEmpty: Bool { value.isEmpty }
}
