/// A hash that is the same in every run and on every machine (FNV-1a, 64 bits).
///
/// Swift's `Hasher` is seeded per process, so it cannot name files or check saved
/// bytes; this one can. It guards against damage and names folders, not against attackers.
/// Fetched story file names come from it too, never from feed text, so a feed cannot pick a path.
public enum StableHash {
    /// The hash of no bytes, where a hash carried on over a file's pieces starts.
    public static let start: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The hash of some bytes.
    public static func of(_ bytes: some Sequence<UInt8>) -> UInt64 {
        of(bytes, continuing: start)
    }

    /// `hash` carried on over `bytes`: the hash of what it covered followed by them, so a
    /// file read or written a piece at a time is hashed without holding it whole.
    public static func of(_ bytes: some Sequence<UInt8>, continuing hash: UInt64) -> UInt64 {
        var hash = hash
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The hash of a string's UTF-8 bytes.
    public static func of(_ text: String) -> UInt64 { of(text.utf8) }

    /// Sixteen lower-case hex digits, zero-padded.
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
