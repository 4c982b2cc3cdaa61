/// A story title reduced to what identifies it: letters and digits in lower case, words
/// separated by single spaces.
///
/// Case, punctuation and quote style differ between a `READ MORE` line and the headline it
/// names ("Iran’s" against "Iran's"), so links resolve by this key, not the raw title.
public struct TitleKey: Hashable, Sendable {
    public let value: String

    public init(_ title: String) {
        if let key = Self.asciiKey(title) {
            value = key
            return
        }
        // Into bytes, ASCII inline: most of a title is ASCII even when a curly quote or a
        // name is not, and looking up Unicode properties for every letter of 100,000
        // titles was most of what keying them cost. A scalar at a time, never a
        // `UnicodeScalarView.append(contentsOf:)`, which copies the whole view each time
        // and made a megabyte-long title take a minute.
        var out: [UInt8] = []
        out.reserveCapacity(title.utf8.count)
        var pendingSpace = false
        func word(_ bytes: some Sequence<UInt8>) {
            if pendingSpace && !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            out.append(contentsOf: bytes)
        }
        for scalar in title.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word(CollectionOfOne(byte))
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): word(CollectionOfOne(byte + 32))
                case 0x20, 0x09...0x0D, UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "|"), UInt8(ascii: "_"): pendingSpace = true
                default: break
                }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                word(scalar.properties.lowercaseMapping.utf8)
            } else if scalar.properties.isWhitespace || Self.separators.contains(scalar) {
                pendingSpace = true
            }
            // Other punctuation (quotes, apostrophes, commas) vanishes without splitting
            // the word, so "Iran’s" and "Irans" agree.
        }
        value = String(decoding: out, as: UTF8.self)
    }

    /// The key of an all-ASCII title (nearly every one), read from its bytes in place:
    /// every story indexed is keyed, and decoding its title a scalar at a time was most
    /// of the cost. Nil when some byte is not ASCII.
    private static func asciiKey(_ title: String) -> String? {
        var title = title
        return title.withUTF8 { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                var count = 0
                var pendingSpace = false
                for byte in bytes {
                    let letter: UInt8
                    switch byte {
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): letter = byte
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"): letter = byte + 32
                    case 0x20, 0x09...0x0D, UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "|"), UInt8(ascii: "_"):
                        pendingSpace = true
                        continue
                    default: continue
                    }
                    if pendingSpace && count > 0 {
                        out[count] = 0x20
                        count += 1
                    }
                    pendingSpace = false
                    out[count] = letter
                    count += 1
                }
                return count
            }
        }
    }

    /// Punctuation that separates words rather than joining them.
    private static let separators: Set<Unicode.Scalar> = ["-", "–", "—", "/", "|", "_", "…"]

    public var isEmpty: Bool { value.isEmpty }
}
