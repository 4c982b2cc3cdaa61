/// A story title reduced to what identifies it: letters and digits in lower case, words
/// separated by single spaces.
///
/// Case, punctuation and quote style differ between a `READ MORE` line and the headline it
/// names ("Iran’s" against "Iran's"), so links resolve by this key, not the raw title.
public struct TitleKey: Hashable, Sendable {
    public let value: String

    public init(_ title: String) {
        if let ascii = Self.asciiKey(title) {
            value = ascii
            return
        }
        // Scalar by scalar: `UnicodeScalarView.append(contentsOf:)` copies the whole view
        // each time, which made a megabyte-long title take a minute.
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in title.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                if scalar.isASCII {
                    out.append(scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar)
                } else {
                    for lower in scalar.properties.lowercaseMapping.unicodeScalars { out.append(lower) }
                }
            } else if scalar.properties.isWhitespace || Self.separators.contains(scalar) {
                pendingSpace = true
            }
            // Other punctuation (quotes, apostrophes, commas) vanishes without splitting
            // the word, so "Iran’s" and "Irans" agree.
        }
        value = String(out)
    }

    /// The same reduction for plain ASCII titles, byte by byte: most titles are ASCII,
    /// and building an index of 100,000 stories computes a key for each.
    private static func asciiKey(_ title: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(title.utf8.count)
        var pendingSpace = false
        for byte in title.utf8 {
            switch byte {
            case 0x80...: return nil
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                if pendingSpace && !bytes.isEmpty { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                if pendingSpace && !bytes.isEmpty { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(byte + 32)
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "|"), UInt8(ascii: "_"):
                pendingSpace = true
            default:
                break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Punctuation that separates words rather than joining them.
    private static let separators: Set<Unicode.Scalar> = ["-", "–", "—", "/", "|", "_", "…"]

    public var isEmpty: Bool { value.isEmpty }
}
