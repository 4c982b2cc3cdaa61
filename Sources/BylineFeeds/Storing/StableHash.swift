/// A short, stable name for a string: 64-bit FNV-1a as 16 hex digits.
///
/// File names for stored stories come from this, never from feed text, so a hostile feed
/// cannot pick a path; FNV is stable across runs and platforms, unlike `Hasher`.
public enum StableHash {
    public static func hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
